import {
  decodeWebhookJson,
  type InboundEvent,
  parseOrThrow,
  type RawWebhookRequest,
  toRawWebhookRequest,
} from '@switchboard/core';
import { WHATSAPP_CLOUD_PROVIDER_ID } from '../whatsapp-cloud-options.js';
import { mapInboundMessage } from './map-inbound-message.js';
import { mapStatus, mapStatusError } from './map-status.js';
import { verifySignature } from './verify-signature.js';
import {
  messagesValueSchema,
  webhookChangeSchema,
  webhookContactSchema,
  webhookEntrySchema,
  webhookEnvelopeSchema,
  webhookMessageSchema,
  webhookStatusSchema,
} from './webhook-schemas.js';

const provider = WHATSAPP_CLOUD_PROVIDER_ID;

/** Where an event came from: the WABA (`entry.id`) and the business number (`metadata.phone_number_id`). */
interface Origin {
  businessAccountId?: string;
  phoneNumberId?: string;
}

const unknownEvent = (origin: Origin, raw: unknown): InboundEvent => ({
  kind: 'unknown',
  provider,
  ...origin,
  raw,
});

/** The sender's profile name, matched by phone (`wa_id`) or business-scoped id (`user_id`). */
function contactNameOf(
  contacts: unknown[],
  from: string | undefined,
  fromUserId: string | undefined,
): string | undefined {
  for (const candidate of contacts) {
    const contact = webhookContactSchema.safeParse(candidate);
    if (!contact.success) continue;
    const { wa_id: waId, user_id: userId, profile } = contact.data;
    const matches =
      (from !== undefined && waId === from) || (fromUserId !== undefined && userId === fromUserId);
    if (matches && profile?.name) return profile.name;
  }
  return undefined;
}

function messageEvent(item: unknown, contacts: unknown[], origin: Origin): InboundEvent {
  const parsed = webhookMessageSchema.safeParse(item);
  if (!parsed.success) return unknownEvent(origin, item);
  const message = parsed.data;
  const from = message.from ?? undefined;
  const fromUserId = message.from_user_id ?? undefined;
  const { message: content, replyTo } = mapInboundMessage(message, item);
  const contactName = contactNameOf(contacts, from, fromUserId);
  return {
    kind: 'message',
    provider,
    ...origin,
    id: message.id,
    ...(from ? { from } : {}),
    ...(fromUserId ? { fromUserId } : {}),
    timestamp: message.timestamp,
    ...(contactName === undefined ? {} : { contactName }),
    message: content,
    ...(replyTo ? { replyTo } : {}),
    providerIds: { wamid: message.id },
    raw: item,
  };
}

function statusEvent(item: unknown, origin: Origin): InboundEvent {
  const parsed = webhookStatusSchema.safeParse(item);
  const status = parsed.success ? mapStatus(parsed.data.status) : undefined;
  if (!parsed.success || status === undefined) return unknownEvent(origin, item);
  const { id, recipient_id: to, recipient_user_id: recipientUserId, timestamp, errors } = parsed.data;
  const error = status === 'failed' ? mapStatusError(errors) : undefined;
  return {
    kind: 'status',
    provider,
    ...origin,
    messageId: id,
    providerIds: { wamid: id },
    ...(to ? { to } : {}),
    ...(recipientUserId ? { recipientUserId } : {}),
    status,
    timestamp,
    ...(error === undefined ? {} : { error }),
    raw: item,
  };
}

/** The events of one `changes[]` item: a message or status each, else one `unknown` event. */
function changeEvents(item: unknown, businessAccountId: string): InboundEvent[] {
  const change = webhookChangeSchema.safeParse(item);
  if (!change.success) return [unknownEvent({ businessAccountId }, item)];
  const { field, value: rawValue } = change.data;
  const value = field === 'messages' ? messagesValueSchema.safeParse(rawValue) : undefined;
  if (value === undefined || !value.success) return [unknownEvent({ businessAccountId }, item)];
  const phoneNumberId = value.data.metadata?.phone_number_id ?? undefined;
  const origin: Origin =
    phoneNumberId === undefined ? { businessAccountId } : { businessAccountId, phoneNumberId };
  const contacts = value.data.contacts ?? [];
  const events = [
    ...(value.data.messages ?? []).map((message) => messageEvent(message, contacts, origin)),
    ...(value.data.statuses ?? []).map((status) => statusEvent(status, origin)),
    // Out-of-band errors not tied to one message (e.g. 131000 for the number).
    ...(value.data.errors ?? []).map((error) => unknownEvent(origin, error)),
  ];
  return events.length > 0 ? events : [unknownEvent(origin, item)];
}

/**
 * Parses a webhook delivery into neutral events. With `appSecret`, the `X-Hub-Signature-256` is
 * checked over the raw bytes first; without it, the delivery is NOT authenticated.
 *
 * Every entry and change is walked; a message or status yields one event each, everything else
 * (other webhook fields, value-level errors, unknown statuses, items that do not parse) one
 * `unknown` event, so nothing is silently dropped.
 *
 * The body is decoded by core's one rule for webhooks (`decodeWebhookJson`): UTF-8 JSON or a
 * `ValidationError`, never repaired. A body given as bytes is not limited in size here: a webhook
 * handler reads it under its own `maxBodyBytes`.
 *
 * @throws {WebhookVerificationError} for a missing or wrong signature.
 * @throws {ValidationError} for a body that is not UTF-8 JSON or not a WhatsApp Business Account webhook.
 */
export async function parseWebhook(
  request: Request | RawWebhookRequest,
  appSecret: string | undefined,
): Promise<InboundEvent[]> {
  const { body, headers } = await toRawWebhookRequest(request);
  if (appSecret !== undefined) verifySignature(body, headers, appSecret);
  const json = decodeWebhookJson(body, { provider, what: 'WhatsApp webhook delivery' });
  const envelope = parseOrThrow(webhookEnvelopeSchema, json, {
    provider,
    what: 'WhatsApp webhook delivery (expected { "object": "whatsapp_business_account", "entry": [...] })',
  });
  return envelope.entry.flatMap((item) => {
    const entry = webhookEntrySchema.safeParse(item);
    if (!entry.success) return [unknownEvent({}, item)];
    const changes = entry.data.changes ?? [];
    if (changes.length === 0) return [unknownEvent({ businessAccountId: entry.data.id }, item)];
    return changes.flatMap((change) => changeEvents(change, entry.data.id));
  });
}
