import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fuzzParameters, fuzzTimeoutMs } from '../__fixtures__/fuzz-runs.js';
import { anyValue } from '../__fixtures__/fuzz-values.js';
import { ValidationError } from '../errors/errors.js';
import { phoneDigits, phoneMutation, phoneRendering } from './__fixtures__/model-arbitraries.js';
import { normalizePhone, type PhoneRejection, parsePhone } from './phone.js';

const RUNS = 1000;
const NORMALIZED = /^[1-9]\d{7,14}$/;
const REASONS: readonly PhoneRejection[] = [
  'not_a_string',
  'empty',
  'invalid_characters',
  'extension_not_allowed',
  'missing_country_code',
  'too_short',
  'too_long',
];

/**
 * The contract on any input: `normalizePhone` returns 8–15 digits or throws a ValidationError naming
 * the whole value, `parsePhone` never throws and agrees with it.
 */
function checkAnyInput(input: unknown): void {
  const parsed = parsePhone(input as string);
  let normalized: string | undefined;
  try {
    normalized = normalizePhone(input as string);
  } catch (error) {
    if (!ValidationError.isInstance(error)) throw error;
    expect(error.issues).toStrictEqual([{ path: '', message: expect.any(String) }]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(REASONS).toContain(parsed.reason);
      expect(error.issues[0]?.message).toBe(parsed.message);
    }
    return;
  }
  expect(normalized).toMatch(NORMALIZED);
  expect(parsed).toStrictEqual({ ok: true, phone: normalized });
  // Normalizing is idempotent, and the `+` form of the result is accepted as the same number.
  expect(normalizePhone(normalized)).toBe(normalized);
  expect(normalizePhone(`+${normalized}`)).toBe(normalized);
}

describe('phone fuzz', () => {
  test.prop([anyValue], fuzzParameters(RUNS))(
    'any value gives 8–15 digits or a ValidationError',
    (input) => checkAnyInput(input),
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [
      fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'grapheme' }),
        fc.stringMatching(/^[+0-9 ()\-./\u00a0\u200b#x;ext=tel:]{0,24}$/),
      ),
    ],
    fuzzParameters(RUNS),
  )(
    'any string gives 8–15 digits or a ValidationError',
    (input) => checkAnyInput(input),
    fuzzTimeoutMs(RUNS),
  );

  test.prop([phoneRendering], fuzzParameters(RUNS))(
    'every accepted human form normalizes to its digits',
    ({ text, digits }) => {
      expect(normalizePhone(text)).toBe(digits);
      expect(parsePhone(text)).toStrictEqual({ ok: true, phone: digits });
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([phoneRendering, fc.array(phoneMutation, { minLength: 1, maxLength: 3 })], fuzzParameters(RUNS))(
    'mutated valid numbers give 8–15 digits or a ValidationError',
    ({ text }, mutations) => checkAnyInput(mutations.reduce((value, mutate) => mutate(value), text)),
    fuzzTimeoutMs(RUNS),
  );

  test.prop([phoneDigits], fuzzParameters(RUNS))(
    'normalized numbers round-trip, bare and with +',
    (digits) => {
      expect(normalizePhone(digits)).toBe(digits);
      expect(normalizePhone(`+${digits}`)).toBe(digits);
      expect(normalizePhone(`00${digits}`)).toBe(digits);
    },
    fuzzTimeoutMs(RUNS),
  );
});
