// Fuzz support: canonical and hand-written JSON (iterative: values may be nested thousands of levels deep)
import { fc } from '@fast-check/vitest';

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
