import { createHash } from 'node:crypto';
import type { InboundEvent } from '../model/inbound-event.js';

/**
 * The identity of an event across redeliveries: the same event delivered twice (a provider retry)
 * gets the same key, different events get different keys.
 *
 * - message: `<provider>:message:<id>`
 * - status: `<provider>:status:<messageId>:<status>` (each step of a message's life is its own event)
 * - unknown: `<provider>:unknown:<sha256 of raw>`, with object keys sorted so key order does not matter
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
    case 'unknown':
      return `${event.provider}:unknown:${createHash('sha256').update(stableJson(event.raw)).digest('hex')}`;
  }
}

/**
 * JSON with object keys sorted at every level. Values JSON cannot represent are written the way
 * `JSON.stringify` writes them (dropped in objects, `null` in arrays), bigints as their digits.
 */
function stableJson(value: unknown, ancestors: object[] = []): string {
  const json = toJsonValue(value);
  if (json === undefined) return 'null';
  if (typeof json !== 'object' || json === null) return JSON.stringify(json);
  if (ancestors.includes(json)) throw new TypeError('Cannot compute the identity of a circular value');
  const inner = [...ancestors, json];
  if (Array.isArray(json)) {
    return `[${json.map((item) => stableJson(item, inner)).join(',')}]`;
  }
  const record = json as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => toJsonValue(record[key]) !== undefined)
    .map((key) => `${JSON.stringify(key)}:${stableJson(record[key], inner)}`);
  return `{${members.join(',')}}`;
}

function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}
