/**
 * The functions of `zod/mini` that Switchboard's packages use, from the copy bundled into core.
 *
 * Not a public API: `@switchboard/maton` and the provider adapters import zod through core once they
 * are built (their build maps `zod/mini` to `@switchboard/core/internal`, which re-exports this
 * module), so that a process compiles and initializes one copy of zod's code instead of one per
 * package — a quarter of a provider's import. It exports only what those packages use and may change
 * in any release; applications import `zod` themselves. Their build fails when a function they use is
 * missing here.
 *
 * @internal
 * @packageDocumentation
 */
export {
  array,
  boolean,
  custom,
  date,
  discriminatedUnion,
  email,
  enum,
  extend,
  gte,
  int,
  json,
  literal,
  lte,
  maxLength,
  minLength,
  NEVER,
  nonnegative,
  null,
  nullish,
  number,
  omit,
  optional,
  partialRecord,
  pipe,
  positive,
  record,
  refine,
  regex,
  string,
  superRefine,
  transform,
  trim,
  union,
  unknown,
  url,
} from 'zod/mini';
export { looseObject, object, strictObject } from './internal/compiled-objects.js';

import { type output, ZodMiniCatch, ZodMiniISODate } from 'zod/mini';
import {
  _isoDate,
  type $ZodCatchCtx,
  type $ZodISODateParams,
  type $ZodType,
  type SomeType,
} from 'zod/v4/core';

// `catch` and `iso` are rebuilt here (`iso` with only the formats Switchboard uses: a test
// checks that the adapters' sources use no other) from the pieces they are made of, because zod's own pull in
// whole namespaces a bundler cannot trim: its `catch` reads `util.constantCatch` through the `util`
// namespace (all 25 KB of zod's utilities), and re-exporting `iso` keeps every ISO format. With
// `regexes`, no longer exported (core's one use is `httpUrl`), a quarter of the zod code a process
// compiled. Each returns what zod's does (same class, same definition), tested in `zod.test.ts`.

/** zod's `catch`: `innerType`, or when it fails `fallback` (a value, or a function of the failure). */
function catchWithFallback<T extends SomeType>(
  innerType: T,
  fallback: output<T> | ((context: $ZodCatchCtx) => output<T>),
): ZodMiniCatch<T> {
  // zod's classes are not generic at construction; zod's own `catch` narrows the same way.
  const def = {
    type: 'catch' as const,
    innerType: innerType as unknown as $ZodType,
    // A function is called with the failure, as zod does; any other value is returned as it is.
    catchValue: (typeof fallback === 'function' ? fallback : () => fallback) as (
      context: $ZodCatchCtx,
    ) => unknown,
  };
  return new ZodMiniCatch(def) as unknown as ZodMiniCatch<T>;
}

export { catchWithFallback as catch };

/** zod's `iso` namespace, with the one format Switchboard uses: `iso.date()`, a `YYYY-MM-DD` date. */
export const iso = {
  date: (params?: string | $ZodISODateParams): ZodMiniISODate => _isoDate(ZodMiniISODate, params),
};

/** The fields of a shape that an input gives, and a strict object of them (see their own documentation). */
export { givenFields, strictObjectOfGiven } from './internal/given-fields.js';
/** Builds a module-level schema on first use (see `lazySchema`'s own documentation). */
export { lazySchema } from './internal/lazy-schema.js';
