import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors/errors.js';
import { normalizePhone, type PhoneRejection, parsePhone, phoneSchema } from './phone.js';

describe('parsePhone / normalizePhone: accepted human formats', () => {
  it.each([
    // North America: first the three forms `parsePhone` documents as accepted, then other separators
    ['+1 (415) 555-1234', '14155551234'],
    ['0014155551234', '14155551234'],
    ['14155551234', '14155551234'],
    ['+1-415-555-1234', '14155551234'],
    ['+1 415.555.1234', '14155551234'],
    ['(+1) 415 555 1234', '14155551234'],
    ['+1 [415] 555 1234', '14155551234'],
    // The 00 international dialling prefix (most of the world)
    ['00 44 20 7946 0958', '442079460958'],
    // The bracketed national trunk zero after the country code is dropped
    ['+44 (0)20 7946 0958', '442079460958'],
    ['+44 (0) 20 7946 0958', '442079460958'],
    ['0044 (0)20 7946 0958', '442079460958'],
    // Other countries as people write them
    ['+49 30 1234567', '49301234567'],
    ['+49 30/1234567', '49301234567'],
    ['+91 98765-43210', '919876543210'],
    ['+55 11 91234-5678', '5511912345678'],
    ['+86 138 0013 8000', '8613800138000'],
    ['+33 6 12 34 56 78', '33612345678'],
    ['+7 (495) 123-45-67', '74951234567'],
    ['+81 90-1234-5678', '819012345678'],
    ['+971 50 123 4567', '971501234567'],
    ['+52 1 55 1234 5678', '5215512345678'],
    // URI forms
    ['tel:+14155551234', '14155551234'],
    ['TEL:+1-415-555-1234', '14155551234'],
    ['whatsapp:+14155551234', '14155551234'],
    ['wa:14155551234', '14155551234'],
    // Copy-paste artefacts: full-width characters, odd spaces and dashes, invisible marks
    ['＋１ ４１５ ５５５ １２３４', '14155551234'],
    ['＋１（４１５）５５５－１２３４', '14155551234'],
    ['+1\u00a0415\u00a0555\u00a01234', '14155551234'], // no-break spaces
    ['+1\u202f415\u202f555\u202f1234', '14155551234'], // narrow no-break spaces
    ['+1 415 – 555 — 1234', '14155551234'], // en and em dashes
    ['+1\u2011415\u2011555\u20111234', '14155551234'], // non-breaking hyphens (word processors)
    ['+1 415 555\u22121234', '14155551234'], // minus sign
    ['+1 415\u200b555\u200b1234', '14155551234'], // zero-width spaces
    ['\u200e+1 415 555 1234\u200f', '14155551234'], // left-to-right / right-to-left marks
    ['\u2068+1 415 555 1234\u2069', '14155551234'], // first-strong isolate, as Android and iOS paste it
    ['\u202a+44 20 7946 0958\u202c', '442079460958'], // bidi embedding
    ['\ufeff+14155551234', '14155551234'], // byte order mark
    ['+1 415\u00ad555\u00ad1234', '14155551234'], // soft hyphens
    ['  +1 415 555 1234\n', '14155551234'],
    // Length boundaries (E.164: 8–15 digits including the country code)
    ['+1234 5678', '12345678'],
    ['+123 456 789 012 345', '123456789012345'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parsePhone(input)).toEqual({ ok: true, phone: expected });
    expect(normalizePhone(input)).toBe(expected);
  });
});

describe('parsePhone: rejections', () => {
  it.each<[string, PhoneRejection]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200b\u2068\u2069', 'empty'],
    ['tel:', 'empty'],
    ['call me maybe', 'invalid_characters'],
    ['1-800-FLOWERS', 'invalid_characters'],
    ['+1 415 555 1234 x123', 'extension_not_allowed'],
    ['+1 415 555 1234 ext. 5', 'extension_not_allowed'],
    ['+1 415 555 1234 extension 12', 'extension_not_allowed'],
    ['+1 415 555 1234 #5', 'extension_not_allowed'],
    ['tel:+1-415-555-1234;ext=5', 'extension_not_allowed'],
    ['020 7946 0958', 'missing_country_code'],
    // 011 is North America's international prefix but also starts UK numbers like Sheffield's 0114:
    // ambiguous, so it must not be guessed.
    ['011 44 20 7946 0958', 'missing_country_code'],
    ['0114 496 0000', 'missing_country_code'],
    ['(0)20 7946 0958', 'missing_country_code'],
    ['+0 20 7946 0958', 'missing_country_code'],
    ['000 44 20 7946 0958', 'missing_country_code'],
    ['+1 555 123', 'too_short'],
    ['12345', 'too_short'],
    ['+12 3456 7890 1234 56', 'too_long'],
    ['0044 1234 5678 9012 3456', 'too_long'],
    ['++14155551234', 'invalid_characters'],
    ['+1 +415 555 1234', 'invalid_characters'],
    ['14155551234+', 'invalid_characters'],
    ['📞 +1 415 555 1234', 'invalid_characters'],
    ['+1 415 555 1234 👍', 'invalid_characters'],
    ['+1 415 555 1234, +1 415 555 9999', 'invalid_characters'],
    ['+1_415_555_1234', 'invalid_characters'],
  ])('rejects %j as %s', (input, reason) => {
    const result = parsePhone(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message).toMatch(/^phone number /);
  });

  it('explains a national number by asking for the country code', () => {
    const result = parsePhone('020 7946 0958');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('country code');
  });

  it('names the allowed length in the too_short and too_long messages', () => {
    const short = parsePhone('12345');
    const long = parsePhone('+1234567890123456');
    expect(short.ok || short.message).toContain('at least 8 digits');
    expect(long.ok || long.message).toContain('at most 15 digits');
  });
});

describe('normalizePhone', () => {
  it('throws a ValidationError (recognised by isInstance) for a rejected number', () => {
    let caught: unknown;
    try {
      normalizePhone('020 7946 0958');
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    if (!ValidationError.isInstance(caught)) return;
    expect(caught.code).toBe('validation_failed');
    expect(caught.retryable).toBe(false);
    expect(caught.message).toMatch(/^Invalid phone number: .*country code/);
    expect(caught.issues).toEqual([{ path: '', message: expect.stringContaining('country code') }]);
  });

  it.each([
    ['a number', 14155551234],
    ['undefined', undefined],
    ['null', null],
    ['an object', { phone: '+14155551234' }],
  ])('throws a ValidationError, not a TypeError, for %s', (_label, input) => {
    let caught: unknown;
    try {
      normalizePhone(input as unknown as string);
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect((caught as ValidationError).issues).toEqual([
      { path: '', message: 'phone number must be a string' },
    ]);
    expect(String(caught)).not.toContain('14155551234');
    expect(parsePhone(input as unknown as string)).toMatchObject({ ok: false, reason: 'not_a_string' });
  });

  it('does not echo the rejected input in the error', () => {
    const input = '+1 415 555 1234 ext. 987654';
    expect(() => normalizePhone(input)).toThrow(/extension/);
    try {
      normalizePhone(input);
    } catch (error) {
      expect(String(error)).not.toContain('987654');
    }
  });
});

describe('phoneSchema', () => {
  it('outputs the normalized digits', () => {
    expect(phoneSchema.parse('+1 (415) 555-1234')).toBe('14155551234');
  });

  it('reports a custom zod issue with the rejection message', () => {
    const result = phoneSchema.safeParse('+1 415 555 1234 x12');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: 'custom',
        path: [],
        message: 'phone number must not include an extension',
      }),
    ]);
  });

  it('puts the issue on the field that holds the number', () => {
    const result = z.object({ to: phoneSchema }).safeParse({ to: '12345' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['to']]);
  });

  it('rejects a non-string such as a number', () => {
    const result = phoneSchema.safeParse(14155551234);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('invalid_type');
  });
});
