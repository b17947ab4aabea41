import { ValidationError } from '../errors/errors.js';
import { formatPath } from '../errors/from-zod.js';
import { arrayEntries, foldTree, type TreePosition } from '../internal/fold-tree.js';
import { nodeCrypto } from '../internal/node-builtins.js';
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
      const key = `${event.provider}:unknown:${sha256(stableJson(event.raw))}`;
      // The origin and date are part of it: the same error for two numbers, or a template approved
      // again hours later, carry the same `raw`. (Without either, the key is what it always was.)
      const { businessAccountId, phoneNumberId, timestamp } = event;
      if (businessAccountId === undefined && phoneNumberId === undefined && timestamp === undefined)
        return key;
      const context = { businessAccountId, phoneNumberId, timestamp: timestamp?.toISOString() };
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
  return event.kind !== 'unknown' || event.timestamp !== undefined;
}

function sha256(text: string): string {
  return nodeCrypto().createHash('sha256').update(text).digest('hex');
}

/**
 * JSON with object keys sorted at every level. Values JSON cannot represent are written the way
 * `JSON.stringify` writes them (dropped in objects, `null` in arrays), bigints as their digits.
 * Iterative (see {@link foldTree}) and linear: a webhook body nested thousands of levels deep is
 * valid JSON, and failing on it would answer 500 and make the provider redeliver it forever. Tokens
 * are collected in document order and joined once, so no level copies the text of the levels inside.
 *
 * @throws {ValidationError} for a value that contains itself (only in-process values can).
 */
function stableJson(value: unknown): string {
  const parts: string[] = [];
  // What comes before a value: a comma after a sibling, and its key inside an object.
  const prefix = (at: TreePosition) => {
    if (at.index > 0) parts.push(',');
    if (typeof at.key === 'string') parts.push(JSON.stringify(at.key), ':');
  };
  foldTree<void>(value, {
    visit(item, at) {
      prefix(at);
      const json = toJsonValue(item);
      if (json === undefined) {
        parts.push('null');
        return { leaf: undefined };
      }
      if (typeof json !== 'object' || json === null) {
        parts.push(JSON.stringify(json));
        return { leaf: undefined };
      }
      if (Array.isArray(json)) {
        parts.push('[');
        return { branch: json, entries: arrayEntries(json) };
      }
      const record = json as Record<string, unknown>;
      const entries = Object.keys(record)
        .sort()
        .filter((key) => toJsonValue(record[key]) !== undefined)
        .map((key) => [key, record[key]] as const);
      parts.push('{');
      return { branch: record, entries };
    },
    join(branch) {
      parts.push(Array.isArray(branch) ? ']' : '}');
    },
    cycle(_branch, at) {
      const path = formatPath(['raw', ...at.path()]);
      throw new ValidationError('Cannot compute the identity of a circular value', {
        issues: [{ path, message: 'refers to an enclosing value (circular)' }],
      });
    },
  });
  return parts.join('');
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
