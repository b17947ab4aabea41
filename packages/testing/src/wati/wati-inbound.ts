import type { WebhookDeliveryResult } from '../webhook-delivery.js';
import { mimeTypeFromName } from './media-types.js';
import { isInvalidNumber } from './outbound-message.js';
import { isWellFormedNumber, mergeCustomParams } from './wati-contact.js';
import type { WatiEmulatorContext } from './wati-context.js';
import { watiObjectId, watiWamid } from './wati-ids.js';
import { showFileUrl, storeMedia } from './wati-media.js';
import type { WatiMessageRecord } from './wati-records.js';
import { isWithinSessionWindow } from './wati-state.js';
import {
  inboundTypeFields,
  messageReceived,
  newContactMessageReceived,
  type WatiInboundMediaType,
  type WatiMessageReceivedInput,
} from './webhooks/inbound-payloads.js';

/** What every simulated inbound message has, whatever its type. */
export interface WatiSimulatedInboundCommon {
  /** The contact's number, digits only. */
  from: string;
  /** WhatsApp profile name (`senderName`); also names a new contact. */
  name?: string;
  /** Quotes a message: any id of a stored message (WATI id, wamid, localMessageId), or a raw wamid. */
  replyTo?: string;
}

/**
 * A message a contact sends, for {@link WatiEmulator.simulateInboundMessage}. Media bytes are stored, so
 * `getMedia` (and the `showFile` URL in the webhook's `data`) serve them.
 */
export type WatiSimulatedInbound = WatiSimulatedInboundCommon &
  (
    | { type?: 'text'; text: string }
    | {
        type: WatiInboundMediaType;
        media: { data: Uint8Array | string; mimeType?: string; filename?: string };
        caption?: string;
      }
    | { type: 'location'; latitude: number; longitude: number; locationName?: string; address?: string }
    | { type: 'button'; text: string; payload: string }
    | { type: 'interactive'; buttonReply: { id?: string; title: string } }
    | { type: 'interactive'; listReply: { id?: string; title: string; description?: string } }
    | { type: 'reaction'; emoji: string; messageId: string }
  );

/** What {@link receiveInbound} produced. */
export interface InboundResult {
  message: WatiMessageRecord;
  /** `newContactMessageReceived`, when the number was new. */
  newContactPayload: Record<string, unknown> | undefined;
  messagePayload: Record<string, unknown>;
  /** The business message this one replies to, if it is one of ours. */
  repliedTo: WatiMessageRecord | undefined;
}

function payloadInput(
  context: WatiEmulatorContext,
  input: WatiSimulatedInbound,
  replyContextId: string,
): WatiMessageReceivedInput {
  const base = {
    waId: input.from,
    ...(input.name === undefined ? {} : { senderName: input.name }),
    replyContextId,
  };
  switch (input.type) {
    case undefined:
    case 'text':
      return { ...base, type: 'text', text: input.text };
    case 'location':
      return {
        ...base,
        type: 'location',
        latitude: input.latitude,
        longitude: input.longitude,
        ...(input.locationName === undefined ? {} : { name: input.locationName }),
        ...(input.address === undefined ? {} : { address: input.address }),
      };
    case 'button':
    case 'interactive':
      return { ...base, ...input };
    case 'reaction':
      return { ...base, type: 'reaction', emoji: input.emoji, messageId: replyContextId };
    default: {
      const filename = input.media.filename ?? `${input.type}`;
      const mimeType = input.media.mimeType ?? mimeTypeFromName(filename);
      const bytes =
        typeof input.media.data === 'string' ? new TextEncoder().encode(input.media.data) : input.media.data;
      const kind = input.type === 'sticker' ? 'image' : input.type;
      const fileName = storeMedia(context, { bytes, mimeType, filename, kind });
      return {
        ...base,
        type: input.type,
        mediaUrl: showFileUrl(context, fileName),
        ...(input.caption === undefined ? {} : { caption: input.caption }),
        filename,
      };
    }
  }
}

/**
 * Records a message from a contact: adds the contact if new, opens a new ticket when the previous one
 * has expired, opens the 24-hour window, stores the message, and builds the webhook payloads.
 */
export function receiveInbound(context: WatiEmulatorContext, input: WatiSimulatedInbound): InboundResult {
  if (!isWellFormedNumber(input.from)) {
    throw new RangeError(
      `simulateInboundMessage: "from" must be digits with the country code, got ${JSON.stringify(input.from)}`,
    );
  }
  const now = context.config.now();
  const { contact, created } = context.state.ensureContact({
    waId: input.from,
    name: input.name,
    valid: !isInvalidNumber(context, input.from),
    now,
  });
  // WhatsApp sends the current profile name with every message.
  if (input.name !== undefined) mergeCustomParams(contact, [{ name: 'name', value: input.name }], now);
  if (!created && !isWithinSessionWindow(contact, now)) contact.ticketId = watiObjectId(now);
  contact.lastInboundAt = now;

  const target = input.type === 'reaction' ? input.messageId : input.replyTo;
  const repliedTo = target === undefined ? undefined : context.state.findMessage(target);
  const replyContextId = repliedTo?.whatsappMessageId ?? target ?? '';
  const typed = payloadInput(context, input, replyContextId);
  const id = watiObjectId(now);
  const whatsappMessageId = watiWamid(input.from, 'inbound');
  const messagePayload = messageReceived({
    ...typed,
    id,
    whatsappMessageId,
    conversationId: contact.conversationId,
    ticketId: contact.ticketId,
    timestamp: now,
    channelPhoneNumber: context.config.channelPhoneNumber,
    operatorEmail: contact.operatorEmail ?? null,
  });
  const fields = inboundTypeFields(typed);
  const message: WatiMessageRecord = {
    id,
    whatsappMessageId,
    localMessageId: null,
    waId: input.from,
    conversationId: contact.conversationId,
    ticketId: contact.ticketId,
    owner: false,
    kind: 'inbound',
    type: messagePayload.type,
    text: messagePayload.text,
    data: messagePayload.data,
    media: undefined,
    replyContextId: messagePayload.replyContextId,
    created: now,
    statusString: 'SENT',
    failedDetail: null,
    senderName: messagePayload.senderName,
    template: undefined,
    interactiveData: null,
    inboundExtras: {
      listReply: fields.listReply ?? null,
      interactiveButtonReply: fields.interactiveButtonReply ?? null,
      buttonReply: fields.buttonReply ?? null,
    },
    operatorEmail: contact.operatorEmail ?? null,
  };
  if ('mediaUrl' in typed) {
    const fileName = new URL(typed.mediaUrl).searchParams.get('fileName') ?? undefined;
    const stored = fileName === undefined ? undefined : context.state.media.get(fileName);
    message.media = {
      fileName,
      mimeType: stored?.mimeType ?? 'application/octet-stream',
      caption: typed.caption ?? null,
      url: undefined,
    };
  }
  context.state.messages.push(message);
  return {
    message,
    messagePayload,
    newContactPayload: created
      ? newContactMessageReceived({
          waId: input.from,
          senderName: messagePayload.senderName,
          id: watiObjectId(now),
          created: now,
        })
      : undefined,
    repliedTo: repliedTo?.owner === true ? repliedTo : undefined,
  };
}

/** The result of {@link WatiEmulator.simulateInboundMessage}. */
export interface WatiSimulatedInboundResult {
  /** WATI's id of the new message. */
  id: string;
  whatsappMessageId: string;
  /** The app's answer to the `message` webhook; `undefined` when no webhook is set. */
  delivery: WebhookDeliveryResult | undefined;
}
