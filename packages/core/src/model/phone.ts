import { ValidationError } from '../errors/errors.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';

/** Why a phone number was rejected by {@link parsePhone}. */
export type PhoneRejection =
  | 'not_a_string'
  | 'empty'
  | 'invalid_characters'
  | 'extension_not_allowed'
  | 'missing_country_code'
  | 'too_short'
  | 'too_long';

/** The outcome of {@link parsePhone}: the normalized number or the reason it was rejected. */
export type PhoneParseResult =
  | { ok: true; phone: string }
  | { ok: false; reason: PhoneRejection; message: string };

const MIN_DIGITS = 8;
const MAX_DIGITS = 15; // ITU-T E.164

// Marks that copy-paste from web pages and phone apps smuggle into numbers: soft hyphen, zero-width
// characters, bidi marks, embeddings and isolates (Android and iOS wrap numbers in U+2068…U+2069).
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Separators people write inside numbers: spaces (incl. NBSP), dashes (incl. the non-breaking hyphen
// and minus sign word processors substitute), dots, slashes, brackets.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212./()[\]]/g;
const URI_PREFIX = /^(?:tel:|whatsapp:|wa:)/i;
const EXTENSION = /(?:;ext=|ext\.?|extension|x|#)\s*\d+\s*$/i;
// "+44 (0)20 …": the bracketed trunk zero is dialled only nationally and must go.
const TRUNK_ZERO = /^(\+|00)\s*(\d{1,3})\s*\(0\)/;

const MESSAGES: Record<PhoneRejection, string> = {
  not_a_string: 'phone number must be a string',
  empty: 'phone number is empty',
  invalid_characters: 'phone number may contain only digits, a leading +, spaces and - . ( ) /',
  extension_not_allowed: 'phone number must not include an extension',
  missing_country_code:
    'phone number must start with its country code (e.g. +44 20 7946 0958, not 020 7946 0958)',
  too_short: `phone number must have at least ${MIN_DIGITS} digits including the country code`,
  too_long: `phone number must have at most ${MAX_DIGITS} digits including the country code`,
};

function reject(reason: PhoneRejection): PhoneParseResult {
  return { ok: false, reason, message: MESSAGES[reason] };
}

/**
 * Parses a phone number written in a common human form into the international digits-only form
 * both WhatsApp Cloud and WATI expect, without throwing.
 *
 * Accepted: `+1 (415) 555-1234`, `0014155551234` (00 international prefix), `14155551234`,
 * `+44 (0)20 7946 0958`, `tel:+14155551234`. The North American prefix `011` is rejected on purpose:
 * `0114 496 0000` is also a UK national number, and guessing wrong messages a stranger.
 * Rejected: numbers without a country code (a single leading 0), extensions, letters, and numbers
 * outside 8–15 digits, and anything that is not a string (JavaScript callers, parsed JSON).
 */
export function parsePhone(input: string): PhoneParseResult {
  // The signature says string, but untyped callers pass numbers and undefined: reject, never throw.
  if (typeof input !== 'string') return reject('not_a_string');
  let value = input.normalize('NFKC').replace(INVISIBLE, '').trim().replace(URI_PREFIX, '').trim();
  if (value === '') return reject('empty');
  if (EXTENSION.test(value)) return reject('extension_not_allowed');
  value = value.replace(TRUNK_ZERO, '$1$2');
  const compact = value.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return reject('invalid_characters');

  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (compact.startsWith('0')) return reject('missing_country_code');
  else digits = compact;

  // Country codes never start with 0, so a 0 here is a trunk prefix typed after the country code.
  if (digits.startsWith('0')) return reject('missing_country_code');
  if (digits.length < MIN_DIGITS) return reject('too_short');
  if (digits.length > MAX_DIGITS) return reject('too_long');
  return { ok: true, phone: digits };
}

/**
 * Normalizes a phone number to country code + number, digits only, no `+` (8–15 digits).
 *
 * @throws {ValidationError} when the input is not a phone number in international form, or not a
 *   string at all (the value is never echoed).
 * @example
 * normalizePhone('+1 (415) 555-1234'); // '14155551234'
 */
export function normalizePhone(input: string): string {
  const result = parsePhone(input);
  if (result.ok) return result.phone;
  throw new ValidationError(`Invalid phone number: ${result.message}`, {
    issues: [{ path: '', message: result.message }],
  });
}

/** A zod schema that accepts any {@link parsePhone} form and outputs the normalized digits. */
export const phoneSchema = /* @__PURE__ */ lazySchema(() =>
  z.pipe(
    z.string(),
    z.transform((value, ctx) => {
      const result = parsePhone(value);
      if (result.ok) return result.phone;
      ctx.issues.push({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    }),
  ),
);
