import { isDeepStrictEqual } from 'node:util';
import { fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { ValidationError } from '../errors/errors.js';

/**
 * The one wall-clock bound of the fuzz tests: a hang detector, far above the time the work takes.
 * 15 s by default, because CI shares two cores with other work and a test must not depend on the
 * machine's speed; `FUZZ_HANG_MS=1000` applies the strict bound of a local run on a quiet machine.
 */
export const HANG_LIMIT_MS = Number(process.env.FUZZ_HANG_MS) > 0 ? Number(process.env.FUZZ_HANG_MS) : 15_000;

/** The outcome of {@link timed}: the value or the thrown error, and how long the call took. */
export type Timed<T> = { ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number };

/** Calls `fn`, catching what it throws, and measures it with `performance.now()`. */
export function timed<T>(fn: () => T): Timed<T> {
  const start = performance.now();
  try {
    const value = fn();
    return { ok: true, value, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

// A key written `["…"]`: a JSON string that is empty or holds a dot (formatPath quotes exactly those).
const QUOTED = String.raw`\[(?:""|"(?:[^"\\]|\\.)*\.(?:[^"\\]|\\.)*")\]`;
const WELL_FORMED_PATH = new RegExp(`^(?:(?:[^.]+|${QUOTED})(?:\\.[^.]+|${QUOTED})*)?$`);

/**
 * True for a path `formatPath` can produce: `''`, or keys joined by `.`, where a key that is empty or
 * holds a dot is written `["…"]` (a JSON string) instead. So no key is empty and every dot separates
 * two keys or sits inside a quoted one.
 */
export function isWellFormedPath(path: unknown): boolean {
  if (typeof path !== 'string' || !WELL_FORMED_PATH.test(path)) return false;
  // Every quoted key is a JSON string.
  for (const match of path.matchAll(new RegExp(QUOTED, 'g'))) {
    try {
      JSON.parse(match[0].slice(1, -1));
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Asserts `error` is a ValidationError whose issues are well-formed and whose `toJSON()` is plain
 * data, and returns it. Any other exception fails the property with the original error.
 */
export function expectValidationError(error: unknown): ValidationError {
  if (!ValidationError.isInstance(error)) throw error;
  expect(typeof error.message).toBe('string');
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.message, 'issue message').toBe('string');
    expect(issue.message.length, 'issue message').toBeGreaterThan(0);
    expect(isWellFormedPath(issue.path), `well-formed issue path ${JSON.stringify(issue.path)}`).toBe(true);
  }
  expect(() => JSON.stringify(error.toJSON())).not.toThrow();
  return error;
}

/**
 * Asserts deep equality by value and prototype (`util.isDeepStrictEqual`). Unlike `toStrictEqual`, it
 * does not compare `.constructor`, which generated objects may hold as an ordinary key.
 */
export function expectSameValue(actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(actual, expected)) return;
  expect(actual).toStrictEqual(expected); // for the diff
  expect.fail('values differ (util.isDeepStrictEqual)');
}

/** Every string in `value` (object keys too), walked iteratively so deep values cannot overflow. */
export function stringsIn(value: unknown): string[] {
  const strings: string[] = [];
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') strings.push(item);
    else if (typeof item === 'object' && item !== null && !seen.has(item)) {
      seen.add(item);
      for (const [key, child] of Object.entries(item)) {
        strings.push(key);
        stack.push(child);
      }
    }
  }
  return strings;
}

/** Every text a ValidationError shows: its message, its issues and its `toJSON()`. */
export function shownTexts(error: ValidationError): string[] {
  return [error.message, ...stringsIn(error.issues), ...stringsIn(error.toJSON())];
}

/**
 * Makes fast-check print `value` as `text` in a counterexample: its printer is recursive, and a
 * value nested thousands of levels deep would overflow the stack instead of being reported. The
 * description is a non-enumerable symbol key, which no code under test reads.
 */
export function describedAs<T>(value: T, text: string): T {
  if (typeof value === 'object' && value !== null)
    Object.defineProperty(value, fc.toStringMethod, {
      value: () => text,
      enumerable: false,
      configurable: true,
    });
  return value;
}

/** `leaf` wrapped in `depth` levels, alternating array and object levels as `pattern` says. Iterative. */
export function nest(
  depth: number,
  leaf: unknown,
  pattern: readonly ('array' | 'object')[] = ['array'],
): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++)
    value = pattern[level % pattern.length] === 'object' ? { [`k${level % 7}`]: value } : [value];
  return depth === 0
    ? value
    : describedAs(value, `nest(${depth}, ${fc.stringify(leaf)}, ${fc.stringify(pattern)})`);
}

/** How a deeply nested value is built: see {@link buildDeep}. */
export interface DeepSpec {
  depth: number;
  pattern: ('array' | 'object')[];
  keys: string[];
  leaf: unknown;
  siblings: unknown[];
}

/**
 * A value nested `spec.depth` levels, each level an array or an object holding the level below and
 * possibly a sibling, plus the same value with the keys of every object in another order.
 */
export function buildDeep(spec: DeepSpec): { value: unknown; reordered: unknown } {
  let value = spec.leaf;
  let reordered = reverseKeys(spec.leaf);
  for (let level = 0; level < spec.depth; level++) {
    const sibling = spec.siblings.length === 0 ? undefined : spec.siblings[level % spec.siblings.length];
    if (spec.pattern[level % spec.pattern.length] === 'array') {
      value = sibling === undefined ? [value] : [value, sibling];
      reordered = sibling === undefined ? [reordered] : [reordered, reverseKeys(sibling)];
    } else {
      const key = spec.keys.length === 0 ? 'k' : (spec.keys[level % spec.keys.length] as string);
      if (sibling === undefined) {
        value = Object.fromEntries([[key, value]]);
        reordered = Object.fromEntries([[key, reordered]]);
      } else {
        value = Object.fromEntries([
          [key, value],
          [`~${key}`, sibling],
        ]);
        reordered = Object.fromEntries([
          [`~${key}`, reverseKeys(sibling)],
          [key, reordered],
        ]);
      }
    }
  }
  // Only the levels built here are described: a generated leaf is fast-check's to print (and reuse).
  if (spec.depth === 0) return { value, reordered };
  const text = `buildDeep(${fc.stringify(spec)})`;
  return { value: describedAs(value, text), reordered: describedAs(reordered, `reordered ${text}`) };
}

/** A copy of a (shallow) JSON value with the keys of every object in reverse order. */
export function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, reverseKeys(child)]),
  );
}

/**
 * Deeply nested JSON values, up to `maxDepth` levels (a few thousand: far past any recursion limit),
 * with `sibling` values beside the levels (small JSON by default).
 */
export function deepJson(
  maxDepth: number,
  sibling: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 }),
): fc.Arbitrary<{ value: unknown; reordered: unknown }> {
  return fc
    .record({
      depth: fc.oneof(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: maxDepth })),
      pattern: fc.array(fc.constantFrom('array' as const, 'object' as const), { minLength: 1, maxLength: 4 }),
      keys: fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor')), {
        maxLength: 3,
      }),
      leaf: fc.jsonValue({ maxDepth: 2 }),
      siblings: fc.array(sibling, { maxLength: 3 }),
    })
    .map(buildDeep);
}

/** Keys that trip naive object handling, mixed into generated keys. */
export const trickyKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', '.', 'a.b'),
  },
);

/** Anything JavaScript can hand a function: objects without prototype, Maps, typed arrays, holes, bigints… */
export const anyValue: fc.Arbitrary<unknown> = fc.anything({
  key: trickyKey,
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary',
});

/** A copy of the plain objects and arrays of a (shallow) value; other objects are shared. */
export function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (typeof value === 'object' && value !== null) {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) Object.defineProperty(copy, key, plainEntry(child));
    return copy as T;
  }
  return value;
}

function plainEntry(child: unknown): PropertyDescriptor {
  return { value: plainCopy(child), enumerable: true, writable: true, configurable: true };
}

/** One edit of a valid value; see {@link applyMutations}. */
export interface Mutation {
  /** Which object or array of the value to edit (modulo their count). */
  target: number;
  op: 'delete' | 'set' | 'add' | 'tweak';
  /** Which of its entries (modulo their count). */
  slot: number;
  key: string;
  value: unknown;
  tweak: number;
}

const TWEAKS = 8;

/** A nearby value of the same kind: an empty or doubled string, a number out of range, … */
function tweak(value: unknown, how: number): unknown {
  if (typeof value === 'string') {
    const tweaks: (() => string)[] = [
      () => '',
      () => value + value,
      () => value.slice(1),
      () => `${value}\u0000`,
      () => value.toUpperCase(),
      () => ` ${value} `,
      // Past every length limit, without growing without bound when tweaked again.
      () => (value.length >= 5000 ? value : value.repeat(Math.ceil(5000 / Math.max(1, value.length)))),
      () => [...value].reverse().join(''),
    ];
    return (tweaks[how % TWEAKS] as () => string)();
  }
  if (typeof value === 'number')
    return [value + 1, -value, Number.NaN, Number.POSITIVE_INFINITY, value * 1e6, 0.5, -1, String(value)][
      how % TWEAKS
    ];
  if (typeof value === 'boolean') return how % 2 === 0 ? !value : String(value);
  if (Array.isArray(value)) return how % 2 === 0 ? [] : [...value, ...value];
  return how % 2 === 0 ? null : undefined;
}

/**
 * A copy of `value` with `mutations` applied: entries deleted, set to another value, added, or
 * nudged to a nearby invalid value. Only the copy's own objects are edited, never the generated
 * values put into it, so fast-check can still shrink them.
 */
export function applyMutations(value: unknown, mutations: readonly Mutation[]): unknown {
  const root = plainCopy(value);
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item) || (typeof item === 'object' && item !== null && isPlain(item))) {
      containers.push(item as Record<string, unknown> | unknown[]);
      stack.push(...Object.values(item));
    }
  }
  if (containers.length === 0) return mutations.length === 0 ? root : (mutations[0] as Mutation).value;
  for (const mutation of mutations) {
    const node = containers[mutation.target % containers.length] as Record<string, unknown> | unknown[];
    const keys = Object.keys(node);
    const key = keys.length === 0 ? undefined : (keys[mutation.slot % keys.length] as string);
    if (Array.isArray(node)) {
      const index = key === undefined ? 0 : Number(key);
      if (mutation.op === 'delete') node.splice(index, 1);
      else if (mutation.op === 'add') node.push(mutation.value);
      else if (mutation.op === 'tweak') node[index] = tweak(node[index], mutation.tweak);
      else node[index] = mutation.value;
    } else if (mutation.op === 'delete' && key !== undefined) delete node[key];
    else if (mutation.op === 'add' || key === undefined)
      Object.defineProperty(node, mutation.key, plainEntryShared(mutation.value));
    else if (mutation.op === 'tweak') node[key] = tweak(node[key], mutation.tweak);
    else node[key] = mutation.value;
  }
  return root;
}

function plainEntryShared(value: unknown): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Values a mutation puts in: anything, long strings, deeply nested arrays. */
const mutationValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: anyValue },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(5000), -0, 1e300, null, undefined) },
  { weight: 1, arbitrary: deepJson(3000).map(({ value }) => value) },
);

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  op: fc.constantFrom('delete' as const, 'set' as const, 'add' as const, 'tweak' as const),
  slot: fc.nat(),
  key: trickyKey,
  value: mutationValue,
  tweak: fc.nat(),
});

/** A valid value with one to three mutations applied. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) => applyMutations(value, mutations));
}

/**
 * JSON with object keys sorted at every level (arrays' `undefined` as `null`, objects' skipped), built
 * with an explicit stack: the oracle the deep-input properties compare against.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const stack: ({ text: string } | { value: unknown })[] = [{ value }];
  while (stack.length > 0) {
    const task = stack.pop() as { text: string } | { value: unknown };
    if ('text' in task) {
      out.push(task.text);
      continue;
    }
    const item = task.value;
    const tasks: ({ text: string } | { value: unknown })[] = [];
    if (Array.isArray(item)) {
      tasks.push({ text: '[' });
      item.forEach((child, index) => {
        if (index > 0) tasks.push({ text: ',' });
        tasks.push({ value: child === undefined ? null : child });
      });
      tasks.push({ text: ']' });
    } else if (typeof item === 'object' && item !== null) {
      tasks.push({ text: '{' });
      const record = item as Record<string, unknown>;
      Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .forEach((key, index) => {
          tasks.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: record[key] });
        });
      tasks.push({ text: '}' });
    } else {
      out.push(JSON.stringify(item) ?? 'null');
      continue;
    }
    for (let index = tasks.length - 1; index >= 0; index--) stack.push(tasks[index] as { text: string });
  }
  return out.join('');
}
