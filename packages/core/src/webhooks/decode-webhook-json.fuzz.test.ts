import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fuzzParameters, fuzzTimeoutMs } from '../__fixtures__/fuzz-runs.js';
import { canonicalJson, deepJson, expectValidationError } from '../__fixtures__/fuzz-values.js';
import { decodeWebhookJson } from './decode-webhook-json.js';

const RUNS = 1000;
/** Texts thousands of levels deep: fewer runs, FUZZ_RUNS / 10 when set. */
const DEEP_RUNS = 50;
const DEEP_WEIGHT = 10;
const OPTIONS = { provider: 'fake', what: 'fake webhook delivery' };
const utf8 = new TextEncoder();

/** What the body means: its text when it is UTF-8, and its JSON when that text is JSON. */
function oracle(
  body: Uint8Array,
): { utf8: false } | { utf8: true; json: false } | { utf8: true; json: true; value: unknown } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { utf8: false };
  }
  try {
    return { utf8: true, json: true, value: JSON.parse(text) };
  } catch {
    return { utf8: true, json: false };
  }
}

/** The JSON with every `__proto__` and `prototype` key dropped, as `parseJsonSafely` promises. Iterative. */
function withoutPrototypeKeys(value: unknown): string {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) stack.push(...item);
    else if (typeof item === 'object' && item !== null) {
      const record = item as Record<string, unknown>;
      for (const key of ['__proto__', 'prototype']) {
        if (Object.hasOwn(record, key)) delete record[key];
      }
      stack.push(...Object.values(record));
    }
  }
  return canonicalJson(value);
}

/** Decodes `body`, checking it against {@link oracle}: the same value, or a ValidationError for what is not UTF-8 JSON. */
function checkBody(body: Uint8Array): void {
  const expected = oracle(body);
  let decoded: unknown;
  try {
    decoded = decodeWebhookJson(body, OPTIONS);
  } catch (error) {
    const validation = expectValidationError(error);
    expect(validation.issues.map((issue) => issue.path)).toStrictEqual(['body']);
    expect(validation.provider).toBe('fake');
    // Only what is not UTF-8, or not JSON, is refused.
    expect(expected.utf8 && expected.json, 'valid UTF-8 JSON is refused').toBe(false);
    return;
  }
  expect(expected.utf8 && expected.json, 'decoded a body that is not UTF-8 JSON').toBe(true);
  if (expected.utf8 && expected.json)
    expect(canonicalJson(decoded)).toBe(withoutPrototypeKeys(expected.value));
}

/** Bytes that are mostly UTF-8 JSON, with invalid sequences (lone continuation bytes, overlongs, surrogates) spliced in. */
const brokenUtf8 = fc
  .tuple(
    fc.json(),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom(
          [0x80],
          [0xc0, 0xaf],
          [0xed, 0xa0, 0x80],
          [0xf8],
          [0xff],
          [0xe2, 0x82],
          [0xef, 0xbb, 0xbf],
        ),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([json, splices]) => {
    let bytes = [...utf8.encode(json)];
    for (const [at, inserted] of splices) {
      const index = at % (bytes.length + 1);
      bytes = [...bytes.slice(0, index), ...inserted, ...bytes.slice(index)];
    }
    return Uint8Array.from(bytes);
  });

describe('decodeWebhookJson fuzz', () => {
  test.prop([fc.uint8Array({ maxLength: 256 })], fuzzParameters(RUNS))(
    'arbitrary bytes give a value or a ValidationError',
    (body) => checkBody(body),
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [fc.oneof(fc.json(), fc.json({ noUnicodeString: false }), fc.string({ unit: 'binary' }))],
    fuzzParameters(RUNS),
  )(
    'UTF-8 text decodes to its JSON value, or gives a ValidationError when it is not JSON',
    (text) => checkBody(utf8.encode(text)),
    fuzzTimeoutMs(RUNS),
  );

  test.prop([brokenUtf8], fuzzParameters(RUNS))(
    'JSON with invalid UTF-8 spliced in is refused (or decodes exactly when it is still UTF-8)',
    (body) => checkBody(body),
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [deepJson(5000), fc.constantFrom('', '__proto__', 'prototype', 'constructor'), fc.boolean()],
    fuzzParameters(DEEP_RUNS, DEEP_WEIGHT),
  )(
    'deeply nested JSON (thousands of levels) decodes, with or without prototype keys',
    ({ value }, word, asKey) => {
      const payload =
        word === '' ? value : asKey ? { [word]: { a: 1 }, deep: value } : { text: word, deep: value };
      checkBody(utf8.encode(canonicalJson(payload)));
    },
    fuzzTimeoutMs(DEEP_RUNS, DEEP_WEIGHT),
  );
});
