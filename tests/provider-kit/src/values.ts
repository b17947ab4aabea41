// Fuzz support: values put into payloads, as short descriptions (a counterexample prints its description, never a value thousands of levels deep or a megabyte long)
import { fc } from '@fast-check/vitest';

/** Strings that trip naive code: prototype keys, blanks, lone surrogates, escapes, numbers as text… */
export const TRICKY_STRINGS = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '\ufeff',
  '\u202e',
  '👍',
  '%',
  '%zz',
  '%E0%A4%A',
  '../..',
  'null',
  'true',
  'NaN',
  'Infinity',
  '1e999',
  '-0',
  '0x10',
  '99999999999999999999',
  '9'.repeat(400),
  '-1.'.concat('5'.repeat(400)),
  '1.5',
  '{',
  '{"a":',
  '[1,',
  '{}',
  '[]',
  'https://',
  'http://[::1',
  'data/images/a.constructor',
  'data/images/a.jpg',
  'Oct-32-2024',
  '2024-02-30',
  'wamid.',
  '+',
];

export const trickyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,25}$/) },
);

/** A value to put into a payload, described. */
export type ValueSpec =
  | { kind: 'json'; value: unknown }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'huge'; unit: string; times: number }
  | { kind: 'deep'; depth: number; pattern: ('array' | 'object')[]; key: string; leaf: unknown };

/** Deep values: up to `maxDepth` levels (thousands: past any recursion limit). */
export const deepSpec = (maxDepth: number): fc.Arbitrary<ValueSpec> =>
  fc.record({
    kind: fc.constant('deep' as const),
    depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1000, max: maxDepth })),
    pattern: fc.array(fc.constantFrom('array' as const, 'object' as const), { minLength: 1, maxLength: 3 }),
    key: fc.oneof(fc.constantFrom('k', 'text', 'data', 'value', 'entry'), fc.string({ maxLength: 4 })),
    leaf: fc.jsonValue({ maxDepth: 1 }),
  });

/** Huge strings: a unit repeated up to `maxTimes` times. */
export const hugeSpec = (maxTimes: number): fc.Arbitrary<ValueSpec> =>
  fc.record({
    kind: fc.constant('huge' as const),
    unit: fc.constantFrom('x', '1', 'a.', 'a@', '{', '[', 'é', '👍', ' ', '\u0000', '1.', '%41', 'ab'),
    times: fc.integer({ min: 1000, max: maxTimes }),
  });

export const valueSpec: fc.Arbitrary<ValueSpec> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('string' as const), value: trickyString }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('number' as const),
      value: fc.oneof(
        fc.double(),
        fc.integer(),
        fc.constantFrom(
          1e21,
          2 ** 53 + 2,
          -0,
          1e308,
          5e-324,
          1e16,
          8.64e15,
          8.64e12 + 1,
          253402300800,
          -1,
          Number.POSITIVE_INFINITY,
        ),
      ),
    }),
  },
  { weight: 1, arbitrary: hugeSpec(300_000) },
  { weight: 1, arbitrary: deepSpec(20_000) },
);

/**
 * The value a {@link ValueSpec} describes, deep ones built iteratively. Always a fresh copy: a
 * mutation applied after this one may edit the objects it returns in place, and those must never
 * be fast-check's generated values, which it reuses when it shrinks or replays a case (edited, they
 * grew from one shrink step to the next, so a shrunk counterexample was not the input that failed).
 */
export function buildValue(spec: ValueSpec): unknown {
  switch (spec.kind) {
    case 'json':
      return plainCopy(spec.value);
    case 'string':
    case 'number':
      return spec.value;
    case 'huge':
      return spec.unit.repeat(spec.times);
    case 'deep': {
      let value = plainCopy(spec.leaf);
      for (let level = 0; level < spec.depth; level++) {
        value =
          spec.pattern[level % spec.pattern.length] === 'object' ? defineEntry({}, spec.key, value) : [value];
      }
      return value;
    }
  }
}

/** Adds `key` as an own enumerable property, even `__proto__`. */
export function defineEntry(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Whether a value is an array or an object of `Object.prototype` (or none): what JSON is made of. */
export function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A copy of the plain objects and arrays of a (shallow) value; bytes, Blobs and other objects are shared. */
export function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (!isPlainContainer(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) defineEntry(copy, key, plainCopy(child));
  return copy as T;
}
