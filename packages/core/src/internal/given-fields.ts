import type * as z from 'zod/mini';
import type { $ZodLooseShape } from 'zod/v4/core';
import { strictObject } from './compiled-objects.js';

/**
 * The fields of `shape` that `input` has (`key in input`, as zod reads them), plus `required`, in
 * the shape's order.
 *
 * Why: a strict object of this sub-shape parses `input` as one of the whole shape does (same value,
 * same issues, unknown keys included) as long as every field left out accepts an absent value and
 * adds nothing for it (a plain `optional`, no default) — and it builds only the schemas of the
 * fields given. A provider factory takes some twenty options, of which an application passes a few:
 * validating its options this way took 4–6 M instructions off the ~345 M of a cold start to the
 * first send (`docs/performance.md`, "Options validated by the fields given"). Each caller's tests
 * check the equivalence, property-based, against the whole shape.
 *
 * @internal
 */
export function givenFields<Shape extends Record<string, unknown>>(
  shape: Shape,
  input: object,
  required: readonly (keyof Shape)[] = [],
): Partial<Shape> {
  const fields: Partial<Shape> = {};
  for (const key of Object.keys(shape) as (keyof Shape & string)[]) {
    if (key in input || required.includes(key)) fields[key] = shape[key];
  }
  return fields;
}

/**
 * A strict object of `shape`, or, given `input`, of the fields `input` has plus `required` (see
 * {@link givenFields}): what a provider factory validates its options with.
 *
 * @internal
 */
export function strictObjectOfGiven<Shape extends $ZodLooseShape>(
  shape: Shape,
  input: object | undefined,
  required: readonly (keyof Shape)[] = [],
): z.ZodMiniObject<Shape, z.core.$strict> {
  return strictObject(input === undefined ? shape : (givenFields(shape, input, required) as Shape));
}
