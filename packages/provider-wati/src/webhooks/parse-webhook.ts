import type { InboundUnknownEvent } from '@switchboard/core';
import { ValidationError } from '@switchboard/core/errors';
import {
  decodeWebhookJson,
  type InboundEvent,
  type RawWebhookRequest,
  toRawWebhookRequest,
} from '@switchboard/core/webhooks';
import { WATI_PROVIDER_ID } from '../provider-id.js';
import { phoneDigits, toBooleanValue, toText } from '../wati-values.js';
import { mapInboundMessage, type WatiEvent } from './map-message.js';
import { mapStatusEvent } from './map-status.js';
import { verifyWebhookSecret } from './shared-secret.js';
import { baseEventType } from './wati-event-types.js';
import type { WatiWebhookSecret } from './webhook-secret.js';

/** Options of {@link parseWebhook}. */
export interface ParseWebhookOptions {
  /** Required on every delivery when set; see {@link verifyWebhookSecret}. */
  webhookSecret?: Required<WatiWebhookSecret> | undefined;
  /** The time used when an event carries none. Default: now. */
  receivedAt?: Date;
}

function unknownEvent(raw: unknown): InboundUnknownEvent {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const phoneNumberId = phoneDigits(record.channelPhoneNumber);
  return {
    kind: 'unknown',
    provider: WATI_PROVIDER_ID,
    ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
    raw,
  };
}

/**
 * One WATI event as a neutral event (see `wati-event-types.ts`); a BSUID-first `<type>_bsuid` event
 * is read as `<type>`:
 * - `message` from a customer → `message`; `owner: true` (sent by the business, an agent or a bot)
 *   → `unknown`, never an inbound message;
 * - sent/delivered/read/replied/failed events → `status`;
 * - `newContactMessageReceived` (the same message also arrives as `message`), template reviews,
 *   account updates and anything else → `unknown`.
 */
export function mapWatiEvent(payload: unknown, receivedAt: Date): InboundEvent {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return unknownEvent(payload);
  const event = payload as WatiEvent;
  const { type: eventType } = baseEventType(toText(event.eventType) ?? '');
  if (eventType === 'message') {
    if (toBooleanValue(event.owner) === true) return unknownEvent(event);
    return mapInboundMessage(event, receivedAt) ?? unknownEvent(event);
  }
  return mapStatusEvent(event, eventType, receivedAt) ?? unknownEvent(event);
}

/**
 * `webhooks.parse` of the WATI provider: checks the shared secret (when configured), decodes the
 * body by core's rule for every provider (`decodeWebhookJson`: UTF-8 JSON, nothing repaired), and
 * maps each event (one per delivery; an array of events is accepted too). A body given as bytes or
 * text is taken whole, whatever its size (a webhook handler has already read it under its own
 * `maxBodyBytes`); a Fetch `Request` is read under core's default limit.
 *
 * @throws {WebhookVerificationError} when a configured shared secret is missing or wrong.
 * @throws {ValidationError} when the body is not UTF-8, not JSON, or not a JSON object or array.
 */
export async function parseWebhook(
  request: Request | RawWebhookRequest,
  options: ParseWebhookOptions = {},
): Promise<InboundEvent[]> {
  const raw = await toRawWebhookRequest(request);
  if (options.webhookSecret !== undefined) verifyWebhookSecret(raw, options.webhookSecret);
  const body = decodeWebhookJson(raw.body, { provider: WATI_PROVIDER_ID, what: 'WATI webhook' });
  if (typeof body !== 'object' || body === null) {
    throw new ValidationError(
      'Invalid WATI webhook: the body is not a JSON object (WATI posts one JSON event per delivery)',
      {
        provider: WATI_PROVIDER_ID,
        issues: [{ path: 'body', message: 'expected a JSON object' }],
      },
    );
  }
  const receivedAt = options.receivedAt ?? new Date();
  const payloads: unknown[] = Array.isArray(body) ? body : [body];
  return payloads.map((payload) => mapWatiEvent(payload, receivedAt));
}
