import { phoneDigits, toText } from './wati-values.js';

/**
 * What a v1 bulk answer (`sendTemplateMessages`, `sendTemplateMessageCSV`) says about its recipients,
 * by phone number (digits): `errors: { error, invalidWhatsappNumbers: [...], invalidCustomParameters: [...] }`.
 */
export interface V1BulkErrors {
  /** Numbers WATI says are not WhatsApp numbers, with WATI's text when it gave one. */
  invalidNumbers: Map<string, string | undefined>;
  /** Numbers whose template parameters WATI refused, with WATI's text when it gave one. */
  invalidParameters: Map<string, string | undefined>;
}

// A phone number as WATI may write it in a list entry: digits with the usual separators.
const PHONE_IN_TEXT = /\+?\d[\d\s().-]{5,}\d/;

/**
 * One list entry: a plain number (`"14155551234"`), a number followed by WATI's reason
 * (`"14155551234: missing 1"`), or an object naming the number. Only the number's own digits count:
 * digits in the reason (a template called `promo_2024`) must not be glued onto it.
 */
function readEntry(item: unknown): { number: string; reason: string | undefined } | undefined {
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>;
    const number = phoneDigits(record.whatsappNumber ?? record.waId ?? record.phone ?? record.number);
    if (number === undefined) return undefined;
    return { number, reason: toText(record.error) ?? toText(record.message) ?? toText(record.reason) };
  }
  const text = toText(item);
  if (text === undefined) return undefined;
  const match = PHONE_IN_TEXT.exec(text);
  const number = phoneDigits(match?.[0]);
  if (match === null || number === undefined) return undefined;
  const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
  return { number, reason: toText(rest.replace(/^[\s:,;-]+/, '')) };
}

function readList(errors: unknown, key: string): Map<string, string | undefined> {
  const list =
    typeof errors === 'object' && errors !== null ? (errors as Record<string, unknown>)[key] : undefined;
  const entries = new Map<string, string | undefined>();
  if (!Array.isArray(list)) return entries;
  for (const item of list) {
    const entry = readEntry(item);
    if (entry !== undefined) entries.set(entry.number, entry.reason);
  }
  return entries;
}

/** Reads the `errors` object of a v1 bulk answer; entries it cannot attribute to a number are ignored. */
export function readV1BulkErrors(errors: unknown): V1BulkErrors {
  return {
    invalidNumbers: readList(errors, 'invalidWhatsappNumbers'),
    invalidParameters: readList(errors, 'invalidCustomParameters'),
  };
}
