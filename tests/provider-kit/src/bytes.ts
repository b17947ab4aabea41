// Fuzz support: bytes
import { fc } from '@fast-check/vitest';

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
