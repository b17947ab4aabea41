import type { z } from 'zod';
import { ValidationError } from '../../errors/errors.js';
import type { SafeParsable } from '../../errors/from-zod.js';
import { parseOrThrow } from '../../errors/from-zod.js';

/** Parses `value` the way the SDK does before a request, returning the validated output. */
export function parseValid<T extends SafeParsable>(schema: T, value: unknown): z.output<T> {
  return parseOrThrow(schema, value, { what: 'test value' });
}

/** The ValidationError `parseOrThrow` throws for `value`; fails the test when `value` is accepted. */
export function validationError(schema: SafeParsable, value: unknown): ValidationError {
  try {
    parseOrThrow(schema, value, { what: 'test value' });
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the value to be rejected, but it was accepted');
}

/** The dotted paths of every field `parseOrThrow` reports for `value`. */
export function rejectedPaths(schema: SafeParsable, value: unknown): string[] {
  return validationError(schema, value).issues.map((issue) => issue.path);
}

/** A string of exactly `length` characters. */
export function chars(length: number, char = 'x'): string {
  return char.repeat(length);
}
