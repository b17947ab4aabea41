import { dotNetIsoString, unixSecondsString, watiObjectId, watiWamid } from '../wati-ids.js';

/** Fields every inbound `message` webhook has; omitted ids are generated, `timestamp` defaults to now. */
export interface WatiInboundPayloadBase {
  /** The contact's number, digits only. */
  waId: string;
  /** WhatsApp profile name; WATI falls back to the number when there is none. */
  senderName?: string;
  id?: string;
  whatsappMessageId?: string;
  conversationId?: string;
  ticketId?: string;
  timestamp?: Date;
  /** The `whatsappMessageId` of the quoted message; `''` (WATI's "none") by default. */
  replyContextId?: string;
  channelPhoneNumber?: string;
  /** The assigned operator, `null` by default. */
  assignedId?: string | null;
  operatorEmail?: string | null;
  operatorName?: string | null;
}

/** Media types WATI delivers with a `showFile` URL in `data`. */
export type WatiInboundMediaType = 'image' | 'video' | 'audio' | 'voice' | 'sticker' | 'document';

/**
 * One inbound message, by type. Media carry the `showFile` URL in `data`; for documents WATI puts the
 * original file name in `text`, for images and videos the caption.
 */
export type WatiMessageReceivedInput = WatiInboundPayloadBase &
  (
    | { type: 'text'; text: string }
    | { type: WatiInboundMediaType; mediaUrl: string; caption?: string; filename?: string }
    | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
    | { type: 'button'; text: string; payload: string }
    | { type: 'interactive'; buttonReply: { id?: string; title: string } }
    | { type: 'interactive'; listReply: { id?: string; title: string; description?: string } }
    | { type: 'reaction'; emoji: string; messageId: string }
  );

/** The type-specific fields of an inbound message, merged into the full `message` payload. */
export function inboundTypeFields(input: WatiMessageReceivedInput): {
  text: string | null;
  data: unknown;
  replyContextId?: string;
  listReply?: unknown;
  interactiveButtonReply?: unknown;
  buttonReply?: unknown;
} {
  switch (input.type) {
    case 'text':
      return { text: input.text, data: null };
    case 'location':
      // No public sample shows a location payload; coordinates in `data` is our inference.
      return {
        text: null,
        data: {
          latitude: input.latitude,
          longitude: input.longitude,
          name: input.name ?? null,
          address: input.address ?? null,
        },
      };
    case 'button':
      return { text: input.text, data: null, buttonReply: { payload: input.payload, text: input.text } };
    case 'interactive':
      if ('buttonReply' in input) {
        const reply = { id: input.buttonReply.id ?? input.buttonReply.title, title: input.buttonReply.title };
        return { text: reply.title, data: null, interactiveButtonReply: reply };
      }
      return {
        text: input.listReply.title,
        data: null,
        listReply: {
          id: input.listReply.id ?? input.listReply.title,
          title: input.listReply.title,
          description: input.listReply.description ?? null,
        },
      };
    case 'reaction':
      return { text: input.emoji, data: null, replyContextId: input.messageId };
    default:
      return {
        text: input.type === 'document' ? (input.filename ?? input.caption ?? null) : (input.caption ?? null),
        data: input.mediaUrl,
      };
  }
}

/**
 * The `message` webhook (Message Received), field for field as WATI's current documentation samples it.
 *
 * @example
 * ```ts
 * const payload = watiWebhookPayloads.messageReceived({ type: 'text', waId: '14155551234', text: 'hello' });
 * await deliverWebhook({ url: `${app.url}/webhooks/wati`, body: payload });
 * ```
 */
export function messageReceived(input: WatiMessageReceivedInput) {
  const at = input.timestamp ?? new Date();
  const fields = inboundTypeFields(input);
  return {
    id: input.id ?? watiObjectId(at),
    created: dotNetIsoString(at),
    whatsappMessageId: input.whatsappMessageId ?? watiWamid(input.waId, 'inbound'),
    conversationId: input.conversationId ?? watiObjectId(at),
    ticketId: input.ticketId ?? watiObjectId(at),
    text: fields.text,
    type: input.type,
    data: fields.data,
    sourceId: null,
    sourceUrl: null,
    timestamp: unixSecondsString(at),
    owner: false,
    eventType: 'message' as const,
    statusString: 'SENT' as const,
    avatarUrl: null,
    assignedId: input.assignedId ?? null,
    operatorName: input.operatorName ?? null,
    operatorEmail: input.operatorEmail ?? null,
    waId: input.waId,
    messageContact: null,
    senderName: input.senderName ?? input.waId,
    listReply: fields.listReply ?? null,
    interactiveButtonReply: fields.interactiveButtonReply ?? null,
    buttonReply: fields.buttonReply ?? null,
    replyContextId: fields.replyContextId ?? input.replyContextId ?? '',
    sourceType: 0,
    frequentlyForwarded: false,
    forwarded: false,
    channelId: null,
    channelPhoneNumber: input.channelPhoneNumber ?? '14155550100',
  };
}

/** Input of {@link watiWebhookPayloads}.newContactMessageReceived. */
export interface WatiNewContactPayloadInput {
  waId: string;
  senderName?: string;
  id?: string;
  created?: Date;
}

/**
 * `newContactMessageReceived`: the first message from an unknown number. It carries no text; the
 * message itself arrives as a separate `message` webhook.
 */
export function newContactMessageReceived(input: WatiNewContactPayloadInput) {
  const at = input.created ?? new Date();
  return {
    eventType: 'newContactMessageReceived' as const,
    id: input.id ?? watiObjectId(at),
    created: dotNetIsoString(at),
    waId: input.waId,
    senderName: input.senderName ?? input.waId,
    sourceId: null,
    sourceUrl: null,
    sourceType: 0,
  };
}
