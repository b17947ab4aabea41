/**
 * Readers for loosely typed WATI values: WATI documents booleans and numbers as JSON booleans and
 * strings of digits, but clients in production also see `"true"`, `"0"`, numbers and ISO strings.
 */

/** `true`/`false` from a boolean, `"true"`/`"false"`/`"1"`/`"0"`/`"yes"`/`"no"`, or 1/0; else `undefined`. */
export function toBooleanValue(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true' || text === '1' || text === 'yes') return true;
    if (text === 'false' || text === '0' || text === 'no') return false;
  }
  return undefined;
}

/** A non-empty trimmed string from a string or a number; `undefined` for anything else. */
export function toText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/**
 * A date from unix seconds (a number or a string of digits; 13-digit values are taken as
 * milliseconds) or an ISO 8601 string.
 */
export function toDate(value: unknown): Date | undefined {
  const text = toText(value);
  if (text === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    const date = new Date(number >= 1e12 ? number : number * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** WATI contact dates: `MMM-dd-yyyy` (`Oct-11-2024`, midnight UTC) or ISO 8601. */
export function toContactDate(value: unknown): Date | undefined {
  const text = toText(value);
  if (text === undefined) return undefined;
  const match = /^([A-Za-z]{3})-(\d{1,2})-(\d{4})$/.exec(text);
  if (match) {
    const month = MONTHS.indexOf((match[1] as string).toLowerCase());
    if (month === -1) return undefined;
    return new Date(Date.UTC(Number(match[3]), month, Number(match[2])));
  }
  return toDate(text);
}

/** The digits of a phone number as WATI writes it (`+14155551234`, `14155551234`). */
export function phoneDigits(value: unknown): string | undefined {
  const text = toText(value);
  if (text === undefined) return undefined;
  const digits = text.replace(/\D/g, '');
  return digits === '' ? undefined : digits;
}

/** Keeps only the entries whose value is a non-empty string. */
export function definedIds(ids: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(ids)) {
    const text = toText(value);
    if (text !== undefined) result[key] = text;
  }
  return result;
}
