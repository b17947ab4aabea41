import type { z } from 'zod/mini';
import { englishParseOptions } from './english-messages.js';
import type { FieldIssue } from './errors.js';
import { ValidationError } from './errors.js';

type Issue = z.core.$ZodIssue;

/**
 * Formats a zod path as a dotted field path: `['buttons', 1, 'title']` → `buttons.1.title`. A key
 * that cannot be written dotted (empty, or containing a dot) is quoted: `attributes[""]`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let formatted = '';
  for (const part of path) {
    const key = String(part);
    if (typeof part === 'string' && (key === '' || key.includes('.')))
      formatted += `[${JSON.stringify(key)}]`;
    else formatted += formatted === '' ? key : `.${key}`;
  }
  return formatted;
}

/**
 * Flattens zod issues into field issues. For a union that matched no branch, the branch that came
 * closest (its type matched, fewest issues) explains the failure, instead of zod's generic "Invalid input".
 */
export function fieldIssues(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): FieldIssue[] {
  const result: FieldIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, branch) => (closerBranch(branch, best) ? branch : best));
      if (closest.length > 0) {
        result.push(...fieldIssues(closest, path));
        continue;
      }
    }
    result.push({ path: formatPath(path), message: issue.message });
  }
  return result;
}

/**
 * True when union branch `a` explains a failure better than `b`: a branch whose type matched (it
 * failed deeper inside) beats one that rejected the value's type outright, then fewer issues win.
 */
function closerBranch(a: readonly Issue[], b: readonly Issue[]): boolean {
  const aMismatch = isTypeMismatch(a);
  const bMismatch = isTypeMismatch(b);
  if (aMismatch !== bMismatch) return bMismatch;
  return a.length < b.length;
}

// A literal branch (`false` in `false | { … }`) rejects the whole value with invalid_value: as much a
// mismatch of kind as invalid_type, and never the better explanation of a malformed object.
function isTypeMismatch(branch: readonly Issue[]): boolean {
  return branch.some(
    (issue) => issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value'),
  );
}

/**
 * The error option of a strict object schema: names its unknown keys, and otherwise says what was
 * expected. For schemas written with `zod/mini`, which carries no English messages of its own (a
 * bundled webhook entry inlines it without zod's locales), e.g.
 * `z.strictObject({ … }, { error: describeObjectIssue('an object { appSecret?, verifyToken? }') })`.
 */
export function describeObjectIssue(expected: string): (issue: z.core.$ZodRawIssue) => string {
  return (issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`
      : `must be ${expected}`;
}

/** Options of {@link parseOrThrow}. */
export interface ParseOptions {
  /** Provider id to put on the error. */
  provider?: string;
  /** What was being validated, for the message: `message`, `config`, `template`. */
  what: string;
  /** Prepended to every field path, e.g. `['wati']` for a config section. */
  pathPrefix?: readonly PropertyKey[];
}

/**
 * A schema of zod's classic API (`zod`) or of `zod/mini`: both are `$ZodType`s that parse with
 * `safeParse`, so core validates either without loading zod itself.
 */
export type SafeParsable = z.core.$ZodType & {
  safeParse(
    value: unknown,
    params?: z.core.ParseContext<z.core.$ZodIssue>,
  ): { success: true; data: unknown } | { success: false; error: z.core.$ZodError };
};

/** Turns a zod error into a {@link ValidationError} that names every offending field. */
export function validationErrorFromZod(
  error: Pick<z.core.$ZodError, 'issues'>,
  options: ParseOptions,
): ValidationError {
  const issues = fieldIssues(error.issues, options.pathPrefix);
  const summary = issues
    .slice(0, 5)
    .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
    .join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return new ValidationError(`Invalid ${options.what}: ${summary}${more}`, {
    issues,
    ...(options.provider === undefined ? {} : { provider: options.provider }),
  });
}

/**
 * Validates `value` with `schema` and returns the parsed output, or throws a {@link ValidationError}
 * naming each offending field. Call it before any network request.
 */
export function parseOrThrow<T extends SafeParsable>(
  schema: T,
  value: unknown,
  options: ParseOptions,
): z.output<T> {
  const result = schema.safeParse(value, englishParseOptions());
  if (!result.success) throw validationErrorFromZod(result.error, options);
  return result.data as z.output<T>;
}
