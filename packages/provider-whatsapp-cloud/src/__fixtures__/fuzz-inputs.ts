// Test support (excluded from the build): generators and checks shared by the fuzz tests of this
// package. The same file lives in provider-wati; keep the two copies alike.
import { fc } from '@fast-check/vitest';
import {
  type InboundEvent,
  inboundEventSchema,
  SwitchboardError,
  UnsupportedFeatureError,
  ValidationError,
  WebhookVerificationError,
} from '@switchboard/core';
import { expect } from 'vitest';

/**
 * The one wall-clock bound of the fuzz tests: a hang detector, far above the time the work takes.
 * 15 s by default, because CI shares two cores with other work and a test must not depend on the
 * machine's speed; `FUZZ_HANG_MS=1000` applies the strict bound of a local run on a quiet machine.
 */
export const HANG_LIMIT_MS = Number(process.env.FUZZ_HANG_MS) > 0 ? Number(process.env.FUZZ_HANG_MS) : 15_000;

// ---------------------------------------------------------------------------------------------
// Outcomes

/** What a call did: its value or what it threw, and how long it took. */
export type Outcome<T> = { ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number };

/** Calls `fn`, catching what it throws, and measures it. */
export function attempt<T>(fn: () => T): Outcome<T> {
  const start = performance.now();
  try {
    const value = fn();
    return { ok: true, value, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

/** Awaits `fn()`, catching what it throws or rejects with, and measures it. */
export async function attemptAsync<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ok: true, value, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

/** Fails when the call took longer than {@link HANG_LIMIT_MS}. */
export function expectNoHang(outcome: Outcome<unknown>, what: string): void {
  expect(outcome.ms, `hang detector: ${what} took ${Math.round(outcome.ms)} ms`).toBeLessThan(HANG_LIMIT_MS);
}

// ---------------------------------------------------------------------------------------------
// Typed errors and secrets

/** The error classes a provider may throw at its callers' input. */
export type ErrorKind = 'ValidationError' | 'WebhookVerificationError' | 'UnsupportedFeatureError';

const KINDS: Record<ErrorKind, (error: unknown) => boolean> = {
  ValidationError: (error) => ValidationError.isInstance(error),
  WebhookVerificationError: (error) => WebhookVerificationError.isInstance(error),
  UnsupportedFeatureError: (error) => UnsupportedFeatureError.isInstance(error),
};

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

/** Every text an error shows: its message, stack, own fields and `toJSON()` (the cause chain included). */
export function errorTexts(error: SwitchboardError): string[] {
  const json = error.toJSON();
  return [error.message, String(error.stack), JSON.stringify(json), ...stringsIn(json), ...stringsIn(error)];
}

/** Fails when one of `secrets` occurs in one of `texts`. */
export function expectNoSecret(texts: readonly string[], secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    const index = texts.findIndex((text) => text.includes(secret));
    expect(index, `${where} shows the secret ${JSON.stringify(secret)}`).toBe(-1);
  }
}

/**
 * Asserts `error` is a Switchboard error of one of the `allowed` kinds that shows none of
 * `secrets`, and returns it. Anything else (a TypeError, a RangeError…) is rethrown as is, so the
 * property fails with the original crash.
 */
export function expectTypedError(
  error: unknown,
  allowed: readonly ErrorKind[],
  secrets: readonly string[],
): SwitchboardError {
  if (!SwitchboardError.isInstance(error)) throw error;
  const kind = allowed.find((name) => KINDS[name](error));
  expect(kind, `${error.name} (${error.message}) is not one of ${allowed.join(', ')}`).toBeDefined();
  expect(typeof error.message).toBe('string');
  expect(() => JSON.stringify(error.toJSON())).not.toThrow();
  expectNoSecret(errorTexts(error), secrets, `${error.name}`);
  return error;
}

/** Which kind `error` is, for oracles; `undefined` for anything else. */
export function errorKind(error: unknown): ErrorKind | undefined {
  return (Object.keys(KINDS) as ErrorKind[]).find((name) => KINDS[name](error));
}

/**
 * Asserts every parsed event passes core's `inboundEventSchema` and shows none of `secrets` (its
 * `raw` included). The comparison with the parsed copy leaves `raw` aside by reference: it may be
 * nested deeper than a recursive comparison goes.
 */
export function expectValidEvents(
  events: unknown,
  secrets: readonly string[],
): asserts events is InboundEvent[] {
  expect(Array.isArray(events), 'parse returns an array').toBe(true);
  for (const event of events as unknown[]) {
    const parsed = inboundEventSchema.safeParse(event);
    if (!parsed.success) {
      const kind = (event as { kind?: unknown })?.kind;
      expect.fail(
        `an event of kind ${String(kind)} fails inboundEventSchema: ${JSON.stringify(parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })))}`,
      );
    }
    expectNoSecret(stringsIn(event), secrets, 'a parsed event');
  }
}

// ---------------------------------------------------------------------------------------------
// Canonical and hand-written JSON (iterative: values may be nested thousands of levels deep)

type Task = { text: string } | { value: unknown };

/**
 * JSON with object keys sorted at every level, `Date`s as ISO strings (or `"Invalid Date"`),
 * `undefined` dropped in objects and `null` in arrays: compares values whatever their key order.
 */
export function canonical(value: unknown): string {
  const out: string[] = [];
  const stack: Task[] = [{ value }];
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    if ('text' in task) {
      out.push(task.text);
      continue;
    }
    const item = task.value;
    if (item instanceof Date) {
      out.push(JSON.stringify(Number.isNaN(item.getTime()) ? 'Invalid Date' : item.toISOString()));
      continue;
    }
    if (typeof item !== 'object' || item === null) {
      out.push(
        typeof item === 'bigint'
          ? `${item}n`
          : typeof item === 'function'
            ? '"[function]"'
            : (JSON.stringify(item) ?? 'null'),
      );
      continue;
    }
    const tasks: Task[] = [];
    if (Array.isArray(item)) {
      tasks.push({ text: '[' });
      item.forEach((child, index) => {
        if (index > 0) tasks.push({ text: ',' });
        tasks.push({ value: child === undefined ? null : child });
      });
      tasks.push({ text: ']' });
    } else {
      const record = item as Record<string, unknown>;
      tasks.push({ text: '{' });
      Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .forEach((key, index) => {
          tasks.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: record[key] });
        });
      tasks.push({ text: '}' });
    }
    for (let index = tasks.length - 1; index >= 0; index--) stack.push(tasks[index] as Task);
  }
  return out.join('');
}

/** How {@link writeJson} writes a value: the same JSON value, spelt differently. */
export interface JsonSpelling {
  /** Object keys as inserted, reversed, or shuffled by `seed`. */
  order: 'as-is' | 'reversed' | 'shuffled';
  /** Writes every non-ASCII character as `\uXXXX`, as Meta does. */
  escapeNonAscii: boolean;
  /**
   * Writes some objects' first key twice, a junk value first: `JSON.parse` keeps the last, so the
   * value does not change.
   */
  duplicateKeys: boolean;
  /** Whitespace around tokens. */
  spaced: boolean;
  seed: number;
}

export const PLAIN_SPELLING: JsonSpelling = {
  order: 'as-is',
  escapeNonAscii: false,
  duplicateKeys: false,
  spaced: false,
  seed: 0,
};

export const jsonSpelling: fc.Arbitrary<JsonSpelling> = fc.record({
  order: fc.constantFrom('as-is' as const, 'reversed' as const, 'shuffled' as const),
  escapeNonAscii: fc.boolean(),
  duplicateKeys: fc.boolean(),
  spaced: fc.boolean(),
  seed: fc.nat(),
});

/** A small deterministic PRNG (mulberry32), so a spelling is reproducible from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = ['"junk"', '0', 'null', '{}', '[]', 'true', '"\\u0000"'];

function stringToken(text: string, escapeNonAscii: boolean): string {
  const json = JSON.stringify(text);
  return escapeNonAscii
    ? json.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : json;
}

/**
 * JSON text of a JSON value (NaN as `null`, like `JSON.stringify`, but ±Infinity as `±1e999`, which
 * `JSON.parse` reads back as ±Infinity), written iteratively in the given {@link JsonSpelling}. `JSON.parse` of the text gives the value back.
 */
export function writeJson(value: unknown, spelling: JsonSpelling = PLAIN_SPELLING): string {
  const next = random(spelling.seed);
  const gap = () => (spelling.spaced ? [' ', '\n', '\t', '\r\n  ', ''][Math.floor(next() * 5)] : '');
  const out: string[] = [];
  const stack: Task[] = [{ value }];
  while (stack.length > 0) {
    const task = stack.pop() as Task;
    if ('text' in task) {
      out.push(task.text);
      continue;
    }
    const item = task.value;
    if (typeof item === 'string') {
      out.push(stringToken(item, spelling.escapeNonAscii));
      continue;
    }
    if (typeof item === 'number' && !Number.isFinite(item) && !Number.isNaN(item)) {
      // JSON.parse reads a number past the largest double as Infinity: write it so.
      out.push(item > 0 ? '1e999' : '-1e999');
      continue;
    }
    if (typeof item !== 'object' || item === null) {
      out.push(JSON.stringify(item) ?? 'null');
      continue;
    }
    const tasks: Task[] = [];
    if (Array.isArray(item)) {
      tasks.push({ text: `[${gap()}` });
      item.forEach((child, index) => {
        if (index > 0) tasks.push({ text: `${gap()},${gap()}` });
        tasks.push({ value: child === undefined ? null : child });
      });
      tasks.push({ text: `${gap()}]` });
    } else {
      const record = item as Record<string, unknown>;
      let keys = Object.keys(record).filter((key) => record[key] !== undefined);
      if (spelling.order === 'reversed') keys = keys.reverse();
      if (spelling.order === 'shuffled') {
        for (let index = keys.length - 1; index > 0; index--) {
          const other = Math.floor(next() * (index + 1));
          [keys[index], keys[other]] = [keys[other] as string, keys[index] as string];
        }
      }
      tasks.push({ text: `{${gap()}` });
      const first = keys[0];
      if (spelling.duplicateKeys && first !== undefined && next() < 0.5) {
        const junk = JUNK[Math.floor(next() * JUNK.length)] as string;
        tasks.push({ text: `${stringToken(first, spelling.escapeNonAscii)}:${gap()}${junk},${gap()}` });
      }
      keys.forEach((key, index) => {
        const prefix = index > 0 ? `${gap()},${gap()}` : '';
        tasks.push({ text: `${prefix}${stringToken(key, spelling.escapeNonAscii)}${gap()}:${gap()}` });
        tasks.push({ value: record[key] });
      });
      tasks.push({ text: `${gap()}}` });
    }
    for (let index = tasks.length - 1; index >= 0; index--) stack.push(tasks[index] as Task);
  }
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Values put into payloads, as short descriptions (a counterexample prints its description, never
// a value thousands of levels deep or a megabyte long)

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

/** The value a {@link ValueSpec} describes; deep ones built iteratively. */
export function buildValue(spec: ValueSpec): unknown {
  switch (spec.kind) {
    case 'json':
    case 'string':
    case 'number':
      return spec.value;
    case 'huge':
      return spec.unit.repeat(spec.times);
    case 'deep': {
      let value = spec.leaf;
      for (let level = 0; level < spec.depth; level++) {
        value =
          spec.pattern[level % spec.pattern.length] === 'object' ? defineEntry({}, spec.key, value) : [value];
      }
      return value;
    }
  }
}

/** Adds `key` as an own enumerable property, even `__proto__`. */
function defineEntry(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

// ---------------------------------------------------------------------------------------------
// Mutations of real payloads

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

/** A nearby value of the same type: blank, doubled, cut, padded, upper-cased, out of range… */
function tweak(value: unknown, how: number): unknown {
  const pick = (options: readonly unknown[]) => options[how % options.length];
  if (typeof value === 'string') {
    return pick([
      '',
      value + value,
      value.slice(1),
      value.slice(0, -1),
      `${value}\u0000`,
      value.toUpperCase(),
      ` ${value} `,
      value.repeat(100),
      [...value].reverse().join(''),
      `${value}.constructor`,
      // Names of Object.prototype members: a lookup table indexed by this value must not find them.
      'constructor',
      '__proto__',
      // A number past the largest double once read: Infinity.
      `${value}${'9'.repeat(400)}`,
    ]);
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

function isPlainContainer(value: unknown): value is Container {
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

// ---------------------------------------------------------------------------------------------
// Bytes

/** An edit of a body's bytes: invalid UTF-8 spliced in, the end cut off, a BOM, padding. */
export type ByteEdit =
  | { kind: 'splice'; at: number; bytes: number[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'bom' }
  | { kind: 'pad'; text: string };

/** Byte sequences that are not UTF-8: lone continuation bytes, overlongs, surrogates, cut sequences, 0xFF. */
const INVALID_UTF8 = [
  [0x80],
  [0xbf],
  [0xc0, 0xaf],
  [0xc1, 0xbf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xff],
  [0xfe],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xf4, 0x90, 0x80, 0x80],
];

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('splice' as const),
      at: fc.nat(),
      bytes: fc.constantFrom(...INVALID_UTF8),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('pad' as const),
      text: fc.constantFrom(' ', '\n\t', '\u00a0', '\u0000', 'x'),
    }),
  },
);

const utf8 = new TextEncoder();

/** `bytes` with `edits` applied in order. */
export function editBytes(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let result = bytes;
  for (const edit of edits) {
    if (edit.kind === 'splice') {
      const index = edit.at % (result.length + 1);
      const next = new Uint8Array(result.length + edit.bytes.length);
      next.set(result.subarray(0, index), 0);
      next.set(edit.bytes, index);
      next.set(result.subarray(index), index + edit.bytes.length);
      result = next;
    } else if (edit.kind === 'truncate') result = result.subarray(0, edit.at % (result.length + 1));
    else if (edit.kind === 'bom') result = concatBytes(Uint8Array.of(0xef, 0xbb, 0xbf), result);
    else result = concatBytes(result, utf8.encode(edit.text));
  }
  return result;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(a.length + b.length);
  bytes.set(a, 0);
  bytes.set(b, a.length);
  return bytes;
}

/** What a webhook body is by core's one decoding rule: not UTF-8, not JSON, or this JSON value. */
export type Decoded = { kind: 'not-utf8' } | { kind: 'not-json' } | { kind: 'json'; value: unknown };

/**
 * The oracle of `decodeWebhookJson`, written independently: strict UTF-8 (a leading BOM dropped,
 * as `TextDecoder` does), then `JSON.parse`, then every `__proto__`/`prototype` key removed.
 */
export function decodeBody(bytes: Uint8Array): Decoded {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'not-utf8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'not-json' };
  }
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) continue;
    for (const key of Object.keys(item)) {
      if (!Array.isArray(item) && (key === '__proto__' || key === 'prototype'))
        delete (item as Record<string, unknown>)[key];
      else stack.push((item as Record<string, unknown>)[key]);
    }
  }
  return { kind: 'json', value };
}

// ---------------------------------------------------------------------------------------------
// Raw requests and arbitrary values

/** Header names: real ones, valid tokens, and (rarely) names `Headers` refuses. */
export const headerName = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('content-type', 'content-length', 'user-agent', ...known) },
    { weight: 3, arbitrary: fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,16}$/) },
  );

/** Header values as an HTTP server hands them on: Latin-1 text, padded or not. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  // Printable ASCII.
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
      maxLength: 30,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', 'sha256=', 'sha256=00', 'application/json; charset=utf-8'),
  },
);

/**
 * Header values as a serverless adapter may hand them on in a record (API Gateway decodes them as
 * UTF-8): any text, beyond the Latin-1 a `Headers` takes.
 */
export const adapterHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom('€', 'sha256=€', 'café ☕', '\u2028', '日本語'),
);

/** False when a raw request's header record holds a name or value no HTTP request carries. */
export function headersCarriable(headers: Headers | Record<string, string | string[] | undefined>): boolean {
  if (headers instanceof Headers) return true;
  try {
    const result = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) result.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return true;
  } catch {
    return false;
  }
}

/** Anything JavaScript can hand a function. */
export const anyValue: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
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
