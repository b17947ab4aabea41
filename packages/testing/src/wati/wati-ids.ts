import { randomBytes, randomUUID } from 'node:crypto';
import { wamid } from '../emulator-kit/wamid.js';

/**
 * A WATI object id: 24 lower-case hex digits, MongoDB style (4 bytes of seconds, then 8 random bytes).
 * WATI uses these for message, contact, conversation, ticket and template ids.
 */
export function watiObjectId(at: Date = new Date()): string {
  const seconds = Math.floor(at.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${seconds}${randomBytes(8).toString('hex')}`;
}

/**
 * A Meta message id as WATI relays it: the `wamid.` of a message the business sent to `waId`
 * (`outbound`, the default) or received from it (`inbound`).
 */
export function watiWamid(waId: string, direction: 'outbound' | 'inbound' = 'outbound'): string {
  return wamid(waId, direction);
}

/** A `localMessageId`: WATI's correlation ids are UUIDs. */
export function watiLocalMessageId(): string {
  return randomUUID();
}

/** Unix seconds as a string: the `timestamp` field of every WATI webhook. */
export function unixSecondsString(at: Date): string {
  return String(Math.floor(at.getTime() / 1000));
}

/**
 * ISO 8601 UTC with 7 fractional digits, as .NET serializes the `created` field of WATI webhooks
 * (`2022-10-14T05:53:01.3833674Z`). JavaScript dates carry milliseconds, so the last 4 digits are 0.
 */
export function dotNetIsoString(at: Date): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `MMM-dd-yyyy` in UTC (`Oct-11-2024`): the `created` field of a WATI contact. */
export function watiContactDate(at: Date): string {
  const month = MONTHS[at.getUTCMonth()] ?? 'Jan';
  const day = String(at.getUTCDate()).padStart(2, '0');
  return `${month}-${day}-${at.getUTCFullYear()}`;
}

/** An ASP.NET Core trace id (`00-<32 hex>-<16 hex>-00`), as found in its problem-details bodies. */
export function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}
