import { nodeCrypto } from '../internal/node-builtins.js';
import { stableJson } from '../internal/stable-json.js';
import type { InboundEvent } from '../model/inbound-event.js';

/**
 * The identity of an event across redeliveries: the same event delivered twice (a provider retry)
 * gets the same key, different events get different keys.
 *
 * - message: `<provider>:message:<id>`
 * - status: `<provider>:status:<messageId>:<status>` (each step of a message's life is its own event)
 * - unknown: `<provider>:unknown:<sha256 of raw>`, with object keys sorted so key order does not
 *   matter, then `:<sha256>` of its origin (`businessAccountId`, `phoneNumberId`) and `timestamp`
 *   when it has any
 *
 * @example
 * ```ts
 * webhookEventKey({ kind: 'status', provider: 'wati', messageId: 'abc', status: 'read', … });
 * // 'wati:status:abc:read'
 * ```
 */
export function webhookEventKey(event: InboundEvent): string {
  switch (event.kind) {
    case 'message':
      return `${event.provider}:message:${event.id}`;
    case 'status':
      return `${event.provider}:status:${event.messageId}:${event.status}`;
    case 'unknown': {
      const key = `${event.provider}:unknown:${sha256(stableJson(event.raw, 'raw'))}`;
      // The origin and date are part of it: the same error for two numbers, or a template approved
      // again hours later, carry the same `raw`. (Without either, the key is what it always was.)
      const { businessAccountId, phoneNumberId, timestamp } = event;
      if (businessAccountId === undefined && phoneNumberId === undefined && timestamp === undefined)
        return key;
      const context = { businessAccountId, phoneNumberId, timestamp: validDate(timestamp)?.toISOString() };
      return `${key}:${sha256(stableJson(context))}`;
    }
  }
}

/**
 * Whether a redelivery of `event` can be recognized: true for messages and statuses (they carry
 * the provider's ids) and for unknown events the provider dated (`timestamp`). An undated unknown
 * event (a WATI template review, say) looks exactly like a second, distinct notification with the
 * same content; webhook handlers hand each one over rather than risk dropping one.
 */
export function canDeduplicate(event: InboundEvent): boolean {
  return event.kind !== 'unknown' || validDate(event.timestamp) !== undefined;
}

/**
 * `date` unless it is missing or invalid (from a custom parser): an invalid one counts as no date,
 * since `toISOString` would throw, and a webhook answered 500 is redelivered forever.
 */
function validDate(date: Date | undefined): Date | undefined {
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
}

function sha256(text: string): string {
  return nodeCrypto().createHash('sha256').update(text).digest('hex');
}
