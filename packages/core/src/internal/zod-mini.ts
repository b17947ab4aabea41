/**
 * `zod/mini` as core's own modules use it: the same functions, except that object schemas compile
 * their parser once warm (`compiled-objects.ts`).
 *
 * @internal
 */
export * from 'zod/mini';
export { looseObject, object, strictObject } from './compiled-objects.js';
