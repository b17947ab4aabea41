import { isWellFormedNumber } from './wati-contact.js';
import type { WatiEmulatorContext } from './wati-context.js';
import { watiObjectId, watiWamid } from './wati-ids.js';
import type { WatiContactRecord, WatiMessageRecord } from './wati-records.js';
import { watiSoftFailure } from './wati-responses.js';
import { isWithinSessionWindow } from './wati-state.js';

/** WATI's exact soft-failure text for a session send outside the 24-hour window (trailing period included). */
export const TICKET_EXPIRED = 'Ticket has been expired.';

/** Whether WATI would report the number as not on WhatsApp: configured as invalid, or malformed. */
export function isInvalidNumber(context: WatiEmulatorContext, waId: string): boolean {
  return !isWellFormedNumber(waId) || context.config.invalidNumbers.has(waId);
}

/** The reason text of an invalid number, shared by soft failures and v2 receiver errors. */
export function invalidNumberReason(waId: string): string {
  return `Invalid WhatsApp number: ${waId}`;
}

/** The soft failure for an invalid number. */
export function invalidNumberFailure(waId: string): Response {
  return watiSoftFailure(invalidNumberReason(waId), { validWhatsAppNumber: false });
}

/**
 * Who a session message (text, file, interactive) may go to. An invalid number fails softly. A number
 * with no contact has no ticket, so it is "expired" in either mode; in `enforce` mode so is a contact
 * whose last message is older than 24 hours or who never wrote.
 */
export function sessionRecipient(
  context: WatiEmulatorContext,
  waId: string,
): { ok: true; contact: WatiContactRecord } | { ok: false; response: Response } {
  if (isInvalidNumber(context, waId)) return { ok: false, response: invalidNumberFailure(waId) };
  const contact = context.state.contacts.get(waId);
  if (contact === undefined) return { ok: false, response: watiSoftFailure(TICKET_EXPIRED) };
  if (context.config.sessionWindow === 'enforce' && !isWithinSessionWindow(contact, context.config.now())) {
    return { ok: false, response: watiSoftFailure(TICKET_EXPIRED) };
  }
  return { ok: true, contact };
}

/** The fields of a business-sent message that differ between sends. */
export type OutboundFields = Pick<WatiMessageRecord, 'kind' | 'type' | 'text'> &
  Partial<
    Pick<
      WatiMessageRecord,
      'localMessageId' | 'data' | 'media' | 'replyContextId' | 'template' | 'interactiveData'
    >
  >;

/** Stores an accepted business-sent message and schedules its status webhooks. */
export function recordOutbound(
  context: WatiEmulatorContext,
  contact: WatiContactRecord,
  fields: OutboundFields,
): WatiMessageRecord {
  const now = context.config.now();
  const message: WatiMessageRecord = {
    id: watiObjectId(now),
    whatsappMessageId: watiWamid(contact.waId),
    localMessageId: fields.localMessageId ?? null,
    waId: contact.waId,
    conversationId: contact.conversationId,
    ticketId: contact.ticketId,
    owner: true,
    kind: fields.kind,
    type: fields.type,
    text: fields.text,
    data: fields.data ?? null,
    media: fields.media,
    replyContextId: fields.replyContextId ?? '',
    created: now,
    statusString: 'SENT',
    failedDetail: null,
    senderName: null,
    template: fields.template,
    interactiveData: fields.interactiveData ?? null,
    inboundExtras: {},
    operatorEmail: contact.operatorEmail ?? context.config.operatorEmail,
  };
  context.state.messages.push(message);
  context.messageAccepted(message);
  return message;
}

/**
 * The `message` object of a session send response. Fields follow captured responses; `media` and
 * `interactiveData` appear only for files and interactive messages.
 */
export function toSentMessageJson(message: WatiMessageRecord): Record<string, unknown> {
  return {
    id: message.id,
    whatsappMessageId: message.whatsappMessageId,
    localMessageId: message.localMessageId,
    conversationId: message.conversationId,
    ticketId: message.ticketId,
    text: message.text,
    type: message.type,
    data: message.data,
    ...(message.media === undefined
      ? {}
      : {
          media: {
            id: message.media.fileName ?? message.id,
            mimeType: message.media.mimeType,
            caption: message.media.caption,
          },
        }),
    ...(message.kind === 'session' && message.type === 'interactive'
      ? { interactiveData: message.interactiveData }
      : {}),
    replyContextId: message.replyContextId,
    isOwner: true,
    status: 1,
    statusString: 'SENT',
    created: message.created.toISOString(),
  };
}
