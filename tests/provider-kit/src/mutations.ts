// Fuzz support: mutations of real payloads
import { fc } from '@fast-check/vitest';
import { writeJson } from './json-text.js';
import { buildValue, defineEntry, isPlainContainer, plainCopy, type ValueSpec, valueSpec } from './values.js';

/** One edit of a JSON value; see {@link mutate}. */
export interface Mutation {
  /** Which object or array of the value to edit (modulo their count); the root is one of them. */
  target: number;
  op: 'delete' | 'set' | 'add' | 'retype' | 'duplicate' | 'tweak' | 'root';
  /** Which of its entries (modulo their count). */
  slot: number;
  /** The key an `add` creates. */
  key: string;
  value: ValueSpec;
  /** Which variant of `retype`, `tweak` and `duplicate`. */
  how: number;
}

/** Keys to add: the payloads' own field names, prototype keys and anything. */
export const mutationKey = (fieldNames: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fieldNames) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'toString') },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );

export const mutationOf = (
  fieldNames: readonly string[],
  values: fc.Arbitrary<ValueSpec> = valueSpec,
): fc.Arbitrary<Mutation> =>
  fc.record({
    target: fc.nat(),
    op: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom('delete' as const, 'set' as const, 'retype' as const, 'tweak' as const),
      },
      { weight: 2, arbitrary: fc.constantFrom('add' as const, 'duplicate' as const) },
      { weight: 1, arbitrary: fc.constant('root' as const) },
    ),
    slot: fc.nat(),
    key: mutationKey(fieldNames),
    value: values,
    how: fc.nat(),
  });

/** The same value as another JSON type (or spelt as another type). */
function retype(value: unknown, how: number): unknown {
  const pick = (options: readonly unknown[]) => options[how % options.length];
  if (typeof value === 'string') {
    const number = Number(value);
    return pick([
      Number.isFinite(number) ? number : value.length,
      value !== '',
      null,
      [value],
      { value },
      JSON.stringify(value),
    ]);
  }
  if (typeof value === 'number')
    return pick([String(value), -value, value * 1e300, value + 0.5, [value], null, true]);
  if (typeof value === 'boolean') return pick([String(value), Number(value), null, [value]]);
  if (value === null || value === undefined) return pick(['null', 0, false, {}, [], '']);
  if (Array.isArray(value)) return pick([{ ...value }, value.length, value[0] ?? null, writeJson(value), []]);
  return pick([Object.values(value as object), writeJson(value), null, 'object', [value], {}]);
}

/**
 * The longest string a tweak grows (doubles or repeats) a string to, in UTF-16 code units: twice a huge
 * value of a million emoji (2 million code units), so most huge values can still be doubled. Repeating such a
 * value 100 times made strings of 100 million code units and bodies of 300 to 500 MB, which a 1 s
 * hang bound cannot tell from a hang (JSON.parse alone reads about 500 MB/s) and no webhook
 * handler receives (core's default body limit is 1 MiB). With it, the largest body the deep-values
 * properties build is about 100 MB: a grown huge value, its JSON escapes and three duplicates.
 */
export const GROWN_STRING_MAX_LENGTH = 4_000_000;

/** `value` repeated up to `times` times, no longer than {@link GROWN_STRING_MAX_LENGTH} unless it already is. */
function grow(value: string, times: number): string {
  const fitting = Math.floor(GROWN_STRING_MAX_LENGTH / Math.max(1, value.length));
  return value.repeat(Math.max(1, Math.min(times, fitting)));
}

/** A nearby value of the same type: blank, doubled, cut, padded, upper-cased, out of range… */
function tweak(value: unknown, how: number): unknown {
  const pick = (options: readonly unknown[]) => options[how % options.length];
  if (typeof value === 'string') {
    // Built only once chosen: each option of a huge string is itself huge.
    const options: (() => string)[] = [
      () => '',
      () => grow(value, 2),
      () => value.slice(1),
      () => value.slice(0, -1),
      () => `${value}\u0000`,
      () => value.toUpperCase(),
      () => ` ${value} `,
      () => grow(value, 100),
      () => [...value].reverse().join(''),
      () => `${value}.constructor`,
      // Names of Object.prototype members: a lookup table indexed by this value must not find them.
      () => 'constructor',
      () => '__proto__',
      // A number past the largest double once read: Infinity.
      () => `${value}${'9'.repeat(400)}`,
    ];
    return (options[how % options.length] as () => string)();
  }
  if (typeof value === 'number')
    return pick([
      value + 1,
      -value,
      value * 1000,
      0,
      0.5,
      -1,
      1e21,
      value / 1000,
      2 ** 31,
      1e300,
      Number.POSITIVE_INFINITY,
    ]);
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return pick([[], [...value, ...value], value.slice(1), [value[0] ?? null]]);
  if (value === null) return pick([undefined, '']);
  return pick([{}, null]);
}

type Container = Record<string, unknown> | unknown[];

/** The objects and arrays of `root` within `maxDepth` levels, root first. */
function containersOf(root: unknown, maxDepth = 40): Container[] {
  const containers: Container[] = [];
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (!isPlainContainer(item)) continue;
    containers.push(item);
    if (depth < maxDepth) for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return containers;
}

/**
 * A copy of a value (JSON as `JSON.parse` gives it, or a message; shallow enough to copy) with `mutations`
 * applied in order: entries deleted, set, added, retyped, duplicated, nudged, or the whole value replaced.
 */
export function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  let root = plainCopy(value);
  for (const mutation of mutations) {
    if (mutation.op === 'root') {
      root = buildValue(mutation.value);
      continue;
    }
    const containers = containersOf(root);
    if (containers.length === 0) {
      root = mutation.op === 'retype' ? retype(root, mutation.how) : buildValue(mutation.value);
      continue;
    }
    const node = containers[mutation.target % containers.length] as Container;
    const keys = Object.keys(node);
    const key = keys.length === 0 ? undefined : (keys[mutation.slot % keys.length] as string);
    if (Array.isArray(node)) {
      const index = key === undefined ? 0 : Number(key);
      if (mutation.op === 'delete') node.splice(index, 1);
      else if (mutation.op === 'add')
        node.splice(mutation.how % (node.length + 1), 0, buildValue(mutation.value));
      else if (mutation.op === 'duplicate') node.splice(index, 0, node[index]);
      else if (mutation.op === 'retype') node[index] = retype(node[index], mutation.how);
      else if (mutation.op === 'tweak') node[index] = tweak(node[index], mutation.how);
      else node[index] = buildValue(mutation.value);
      continue;
    }
    if (mutation.op === 'add' || key === undefined) {
      defineEntry(node, mutation.key, buildValue(mutation.value));
    } else if (mutation.op === 'delete') delete node[key];
    else if (mutation.op === 'duplicate') {
      // Another field takes this one's value: a string where a number was, an object where a string was…
      const other = keys[mutation.how % keys.length] as string;
      defineEntry(node, other, node[key]);
    } else if (mutation.op === 'retype') node[key] = retype(node[key], mutation.how);
    else if (mutation.op === 'tweak') node[key] = tweak(node[key], mutation.how);
    else node[key] = buildValue(mutation.value);
  }
  return root;
}

/** Every key of a JSON value (to add fields a payload really has). */
export function fieldNamesOf(values: readonly unknown[]): string[] {
  const names = new Set<string>();
  for (const value of values)
    for (const container of containersOf(value)) {
      if (!Array.isArray(container)) for (const key of Object.keys(container)) names.add(key);
    }
  return [...names].sort();
}
