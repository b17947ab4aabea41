import { parseOrThrow } from '@switchboard/core/errors';
import {
  decodeWebhookJson,
  type InboundEvent,
  type RawWebhookRequest,
  toRawWebhookRequest,
} from '@switchboard/core/webhooks';
import { WHATSAPP_CLOUD_PROVIDER_ID } from '../provider-id.js';
import { mapInboundMessage } from './map-inbound-message.js';
import { mapContext, mapReferral } from './map-message-extras.js';
import { mapStatus, mapStatusError } from './map-status.js';
import { mapConversation, mapPricing } from './map-status-extras.js';
import { verifySignature } from './verify-signature.js';
import { resolveIdentity } from './webhook-identity.js';
import { webhookSchemas } from './webhook-schemas.js';

const provider = WHATSAPP_CLOUD_PROVIDER_ID;

/**
 * Where an event came from: the WABA (`entry.id`), the business number (`metadata.phone_number_id`),
 * and when Meta sent the entry (`entry.time`, which not every webhook field carries).
 */
interface Origin {
  businessAccountId?: string;
  phoneNumberId?: string;
  entryTime?: Date;
}

/** The account and number of an origin: what every event carries of it. */
const placeOf = ({ entryTime: _dated, ...place }: Origin): Omit<Origin, 'entryTime'> => place;

const unknownEvent = (origin: Origin, raw: unknown): InboundEvent => ({
  kind: 'unknown',
  provider,
  ...placeOf(origin),
  ...(origin.entryTime === undefined ? {} : { timestamp: origin.entryTime }),
  raw,
});

/** `entry.time` (Unix seconds) as a date, when it is one. */
function entryTimeOf(entry: unknown): Date | undefined {
  const time = typeof entry === 'object' && entry !== null ? (entry as { time?: unknown }).time : undefined;
  const seconds = typeof time === 'string' && /^\d+$/.test(time) ? Number(time) : time;
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds <= 0) return undefined;
  const date = new Date(seconds * 1000);
  // Past what a Date holds (year 275760), it is no date: the event stays undated, never a crash.
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function messageEvent(item: unknown, contacts: unknown[], origin: Origin): InboundEvent {
  const parsed = webhookSchemas().webhookMessageSchema.safeParse(item);
  if (!parsed.success) return unknownEvent(origin, item);
  const message = parsed.data;
  const sender = resolveIdentity(
    {
      ...(message.from ? { phone: message.from } : {}),
      ...(message.from_user_id ? { userId: message.from_user_id } : {}),
      ...(message.from_parent_user_id ? { parentUserId: message.from_parent_user_id } : {}),
    },
    contacts,
  );
  const { message: content, replyTo } = mapInboundMessage(message, item);
  const { forwarded, frequentlyForwarded } = mapContext(message.context);
  const referral = mapReferral((item as Record<string, unknown>).referral);
  return {
    kind: 'message',
    provider,
    ...placeOf(origin),
    id: message.id,
    ...(sender.phone === undefined ? {} : { from: sender.phone }),
    ...(sender.userId === undefined ? {} : { fromUserId: sender.userId }),
    ...(sender.parentUserId === undefined ? {} : { fromParentUserId: sender.parentUserId }),
    ...(sender.username === undefined ? {} : { fromUsername: sender.username }),
    timestamp: message.timestamp,
    ...(sender.name === undefined ? {} : { contactName: sender.name }),
    message: content,
    ...(replyTo ? { replyTo } : {}),
    providerIds: { wamid: message.id },
    ...(forwarded === undefined ? {} : { forwarded }),
    ...(frequentlyForwarded === undefined ? {} : { frequentlyForwarded }),
    ...(referral === undefined ? {} : { referral }),
    raw: item,
  };
}

function statusEvent(item: unknown, contacts: unknown[], origin: Origin): InboundEvent {
  const parsed = webhookSchemas().webhookStatusSchema.safeParse(item);
  const status = parsed.success ? mapStatus(parsed.data.status) : undefined;
  if (!parsed.success || status === undefined) return unknownEvent(origin, item);
  const { id, timestamp, errors } = parsed.data;
  // Statuses carry `contacts` since 2026 (username, parent BSUID); failed ones do not.
  const recipient = resolveIdentity(
    {
      ...(parsed.data.recipient_id ? { phone: parsed.data.recipient_id } : {}),
      ...(parsed.data.recipient_user_id ? { userId: parsed.data.recipient_user_id } : {}),
      ...(parsed.data.recipient_parent_user_id ? { parentUserId: parsed.data.recipient_parent_user_id } : {}),
    },
    contacts,
  );
  const error = status === 'failed' ? mapStatusError(errors) : undefined;
  const pricing = mapPricing(parsed.data.pricing);
  const conversation = mapConversation(parsed.data.conversation);
  return {
    kind: 'status',
    provider,
    ...placeOf(origin),
    messageId: id,
    providerIds: { wamid: id },
    ...(recipient.phone === undefined ? {} : { to: recipient.phone }),
    ...(recipient.userId === undefined ? {} : { recipientUserId: recipient.userId }),
    ...(recipient.parentUserId === undefined ? {} : { recipientParentUserId: recipient.parentUserId }),
    ...(recipient.username === undefined ? {} : { recipientUsername: recipient.username }),
    status,
    timestamp,
    ...(error === undefined ? {} : { error }),
    ...(pricing === undefined ? {} : { pricing }),
    ...(conversation === undefined ? {} : { conversation }),
    raw: item,
  };
}

/** The events of one `changes[]` item: a message or status each, else one `unknown` event. */
function changeEvents(item: unknown, entry: Origin): InboundEvent[] {
  const change = webhookSchemas().webhookChangeSchema.safeParse(item);
  if (!change.success) return [unknownEvent(entry, item)];
  const { field, value: rawValue } = change.data;
  const value = field === 'messages' ? webhookSchemas().messagesValueSchema.safeParse(rawValue) : undefined;
  if (value === undefined || !value.success) return [unknownEvent(entry, item)];
  const phoneNumberId = value.data.metadata?.phone_number_id ?? undefined;
  const origin: Origin = phoneNumberId === undefined ? entry : { ...entry, phoneNumberId };
  const contacts = value.data.contacts ?? [];
  const events = [
    ...(value.data.messages ?? []).map((message) => messageEvent(message, contacts, origin)),
    ...(value.data.statuses ?? []).map((status) => statusEvent(status, contacts, origin)),
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
  const envelope = parseOrThrow(webhookSchemas().webhookEnvelopeSchema, json, {
    provider,
    what: 'WhatsApp webhook delivery (expected { "object": "whatsapp_business_account", "entry": [...] })',
  });
  return envelope.entry.flatMap((item) => {
    const entry = webhookSchemas().webhookEntrySchema.safeParse(item);
    const entryTime = entryTimeOf(item);
    const dated: Origin = entryTime === undefined ? {} : { entryTime };
    if (!entry.success) return [unknownEvent(dated, item)];
    const origin: Origin = { businessAccountId: entry.data.id, ...dated };
    const changes = entry.data.changes ?? [];
    if (changes.length === 0) return [unknownEvent(origin, item)];
    return changes.flatMap((change) => changeEvents(change, origin));
  });
}
