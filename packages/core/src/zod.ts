/**
 * The functions of `zod/mini` that Switchboard's packages use, from the copy bundled into core.
 *
 * Not a public API: `@switchboard/maton` and the provider adapters import zod through this entry once
 * they are built (their build maps `zod/mini` here), so that a process compiles and initializes one
 * copy of zod's code instead of one per package — a quarter of a provider's import. It exports only
 * what those packages use and may change in any release; applications import `zod` themselves.
 * Their build fails when a function they use is missing here.
 *
 * @internal
 * @packageDocumentation
 */
export {
  array,
  boolean,
  catch,
  custom,
  date,
  discriminatedUnion,
  email,
  enum,
  extend,
  gte,
  int,
  iso,
  json,
  literal,
  looseObject,
  lte,
  maxLength,
  minLength,
  NEVER,
  nonnegative,
  null,
  nullish,
  number,
  object,
  omit,
  optional,
  partialRecord,
  pipe,
  positive,
  record,
  refine,
  regex,
  regexes,
  strictObject,
  string,
  superRefine,
  transform,
  trim,
  union,
  unknown,
  url,
} from 'zod/mini';

/** Builds a module-level schema on first use (see `lazySchema`'s own documentation). */
export { lazySchema } from './internal/lazy-schema.js';
