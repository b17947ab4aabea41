import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fuzzParameters, fuzzTimeoutMs } from '../__fixtures__/fuzz-runs.js';
import { HANG_LIMIT_MS, nest, timed } from '../__fixtures__/fuzz-values.js';
import { redactHeaders, redactText, redactValue } from './redaction.js';
import { unescapedView } from './unescaped-view.js';

const RUNS = 1000;
/** Texts of up to 100 KB: fewer runs, FUZZ_RUNS / 100 when set. */
const LONG_RUNS = 20;
const LONG_WEIGHT = 100;
const REDACTED = '[redacted]';

// ---------------------------------------------------------------------------------------------
// Secrets and the ways a server echoes them

const asciiChar = fc.string({ minLength: 1, maxLength: 1 });
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

/** A secret of at least 6 characters (shorter ones are not redacted, by design). */
const secret = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 6, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 6, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{6,40}$/) },
);
/** Keys and tokens are ASCII: the form that is percent-encoded. */
const asciiSecret = fc.string({ minLength: 6, maxLength: 40 });
/** A token as it appears in a query string. */
const token = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{6,40}$/);

/** Text around the secret, rich in the characters escapes are made of. */
const surrounding = fc.string({
  maxLength: 24,
  unit: fc.oneof(
    { weight: 6, arbitrary: asciiChar },
    { weight: 2, arbitrary: fc.constantFrom('\\', '%', '"', '&', '?', '=', 'u', '0', '2', 'F') },
    { weight: 1, arbitrary: anyChar },
  ),
});

function hex4(unit: number, upper: boolean): string {
  const digits = unit.toString(16).padStart(4, '0');
  return upper ? digits.toUpperCase() : digits;
}

/** The UTF-16 units of `text` (a JSON escape writes one unit, so surrogate pairs become two escapes). */
function units(text: string): number[] {
  return Array.from({ length: text.length }, (_, index) => text.charCodeAt(index));
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Every unit as `\uXXXX`. */
function jsonUnicodeEscaped(value: string, upper: readonly boolean[]): string {
  return units(value)
    .map((unit, index) => `\\u${hex4(unit, upper[index % upper.length] === true)}`)
    .join('');
}

/**
 * A JSON string body as some server may write it: each unit verbatim or escaped (`\u00XX` or a short
 * escape), except that what JSON must escape (quote, backslash, control characters) always is.
 */
function jsonMixedEscaped(value: string, choices: readonly number[]): string {
  return units(value)
    .map((unit, index) => {
      const char = String.fromCharCode(unit);
      const choice = choices[index % choices.length] ?? 0;
      const mustEscape = char === '"' || char === '\\' || unit < 0x20;
      if (!mustEscape && choice % 3 === 0) return char;
      const short = SHORT_ESCAPES[char];
      if (short !== undefined && choice % 3 === 1) return short;
      return `\\u${hex4(unit, choice % 2 === 0)}`;
    })
    .join('');
}

/** Every character as `%XX` (ASCII only). */
function percentEscapedAll(value: string, lower: boolean): string {
  const encoded = units(value)
    .map((unit) => `%${unit.toString(16).padStart(2, '0').toUpperCase()}`)
    .join('');
  return lower ? encoded.toLowerCase() : encoded;
}

type Form = 'plain' | 'json-unicode' | 'json-mixed' | 'percent-uri' | 'percent-all';

/** A secret and its echoed spelling. */
const echoed: fc.Arbitrary<{ secret: string; form: Form; spelled: string }> = fc.oneof(
  secret.map((value) => ({ secret: value, form: 'plain' as const, spelled: value })),
  fc.tuple(secret, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 })).map(([value, upper]) => ({
    secret: value,
    form: 'json-unicode' as const,
    spelled: jsonUnicodeEscaped(value, upper),
  })),
  fc.tuple(secret, fc.array(fc.nat(), { minLength: 1, maxLength: 8 })).map(([value, choices]) => ({
    secret: value,
    form: 'json-mixed' as const,
    spelled: jsonMixedEscaped(value, choices),
  })),
  asciiSecret.map((value) => ({
    secret: value,
    form: 'percent-uri' as const,
    spelled: encodeURIComponent(value),
  })),
  fc.tuple(asciiSecret, fc.boolean()).map(([value, lower]) => ({
    secret: value,
    form: 'percent-all' as const,
    spelled: percentEscapedAll(value, lower),
  })),
);

/** Other secrets the redactor knows of, short ones (ignored by design) included. */
const otherSecrets = fc.array(fc.oneof(fc.string({ maxLength: 5 }), secret), { maxLength: 3 });

/** True when `text` still shows `needle` outside the redaction markers. */
function survives(text: string, needle: string): boolean {
  return text.split(REDACTED).some((segment) => segment.includes(needle));
}

function expectRedacted(text: string, ...needles: string[]): void {
  for (const needle of needles)
    expect(survives(text, needle), `${JSON.stringify(needle)} survives`).toBe(false);
}

describe('redaction fuzz', () => {
  test.prop([surrounding, echoed, surrounding, otherSecrets, fc.boolean()], fuzzParameters(RUNS))(
    'redactText: a secret embedded plainly, JSON-escaped or percent-encoded never survives',
    (before, { secret: value, spelled }, after, others, first) => {
      const secrets = first ? [value, ...others] : [...others, value];
      expectRedacted(redactText(`${before}${spelled}${after}`, secrets), value, spelled);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [
      surrounding,
      fc.constantFrom('?', '&'),
      fc.mixedCase(fc.constantFrom('access_token', 'token', 'api_key', 'apikey', 'key')),
      token,
      fc.oneof(fc.constant(''), fc.constantFrom('&after=1', '"', "'", ' ', '<', '>', '\n'), surrounding),
      fc.boolean(),
    ],
    fuzzParameters(RUNS),
  )(
    'redactText: a token in a query parameter never survives, known or not',
    (before, separator, name, value, after, known) => {
      const prefix = `${before}${separator}${name}=`;
      // Text around the token that spells it too (fast-check favours words such as "String" in
      // both) is not the token, and is rightly kept.
      fc.pre(!prefix.includes(value) && !after.includes(value));
      const text = `${prefix}${value}${after}`;
      expectRedacted(redactText(text, known ? [value] : []), value);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [
      surrounding,
      echoed,
      surrounding,
      fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 3000 })),
      fc.array(fc.constantFrom('array' as const, 'object' as const), { minLength: 1, maxLength: 3 }),
    ],
    fuzzParameters(RUNS / 2, 2),
  )(
    'redactValue: no string of a (deeply) nested value keeps the secret',
    (before, { secret: value, spelled }, after, depth, pattern) => {
      const text = `${before}${spelled}${after}`;
      const input = { plain: 'nothing here', list: [1, null, text], deep: nest(depth, text, pattern) };
      const redacted = redactValue(input, [value]);
      const stack: unknown[] = [redacted];
      while (stack.length > 0) {
        const item = stack.pop();
        if (typeof item === 'string') expectRedacted(item, value, spelled);
        else if (typeof item === 'object' && item !== null) stack.push(...Object.values(item));
      }
      expect((redacted as typeof input).plain).toBe('nothing here');
    },
    fuzzTimeoutMs(RUNS / 2, 2),
  );

  test.prop(
    [
      fc.oneof(
        fc.constantFrom(['\\'], ['%', '2', '5'], ['\\', 'u', '0', '0', '5', 'c']),
        fc.array(fc.constantFrom('\\', '%', 'u', '0', '5', 'c', 'C', '2', 'a', '"', '/', 'x'), {
          minLength: 1,
          maxLength: 8,
        }),
      ),
      fc.oneof(fc.constant(100_000), fc.integer({ min: 1, max: 100_000 })),
      fc.array(
        fc.oneof(
          secret,
          fc.stringMatching(/^[\\%u05cC2a"/]{6,16}$/),
          fc.constantFrom('\\'.repeat(8), '%'.repeat(8), '\\'.repeat(6)),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    ],
    fuzzParameters(LONG_RUNS, LONG_WEIGHT),
  )(
    'redactText: long runs of escape characters take linear time (hang detector)',
    (chunk, length, secrets) => {
      const text = chunk
        .join('')
        .repeat(Math.ceil(length / chunk.length))
        .slice(0, length);
      // Also a secret the text spells over and over: its start, unescaped.
      const spelled = unescapedView(text.slice(0, 64))?.text.slice(0, 8) ?? '';
      const outcome = timed(() => redactText(text, [...secrets, spelled]));
      expect(outcome.ok).toBe(true);
      expect(outcome.ms, 'hang detector').toBeLessThan(HANG_LIMIT_MS);
    },
    fuzzTimeoutMs(LONG_RUNS, LONG_WEIGHT),
  );

  test.prop(
    [
      surrounding,
      echoed,
      surrounding,
      fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
      fc.mixedCase(fc.constantFrom('authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key')),
      fc.constantFrom('Bearer ', 'Basic ', 'token ', ''),
    ],
    fuzzParameters(RUNS),
  )(
    'redactHeaders: neither a credential header nor any other header keeps the secret',
    (before, { secret: value, spelled }, after, name, credentialHeader, scheme) => {
      const headers = { [name]: `${before}${spelled}${after}`, [credentialHeader]: `${scheme}${value}` };
      const redacted = redactHeaders(headers, [value]);
      expect(Object.keys(redacted).sort()).toStrictEqual(Object.keys(headers).sort());
      for (const text of Object.values(redacted)) expectRedacted(text, value, spelled);
      expect(redacted[credentialHeader]).toMatch(/^(?:(?:Bearer|Basic|Token) )?\[redacted\]$/i);
    },
    fuzzTimeoutMs(RUNS),
  );
});
