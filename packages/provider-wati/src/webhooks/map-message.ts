import type { InboundMessageContent, InboundMessageEvent, InboundReferral } from '@switchboard/core';
import { isHttpUrl, watiFileName } from '../media-file-name.js';
import { mimeTypeOfFilename } from '../media-types.js';
import { WATI_PROVIDER_ID } from '../provider-id.js';
import { definedIds, phoneDigits, toBooleanValue, toDate, toText } from '../wati-values.js';
import { toContactCards } from './map-contact-cards.js';
import { watiUserIds } from './wati-identity.js';

/** A WATI webhook event or history item, fields read loosely. */
export type WatiEvent = Record<string, unknown>;

const MEDIA_TYPES: Readonly<Record<string, 'image' | 'video' | 'audio' | 'document' | 'sticker'>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  voice: 'audio',
  document: 'document',
  sticker: 'sticker',
};

function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function toNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/**
 * A media message. WATI gives no MIME type, only `data`: the file's `showFile` URL in webhooks, a
 * bare `data/images/…` path in history (and sometimes the URL in `text`). `media.id` is the file
 * name, which `media.get` accepts; the MIME type is guessed from its extension. For documents WATI
 * puts the original file name in `text`; for images and videos `text` is the caption.
 */
function mediaContent(
  event: WatiEvent,
  type: 'image' | 'video' | 'audio' | 'document' | 'sticker',
  voice: boolean,
): InboundMessageContent | undefined {
  const text = toText(event.text);
  const reference = toText(event.data) ?? (text !== undefined && isHttpUrl(text) ? text : undefined);
  if (reference === undefined) return undefined;
  const fileName = watiFileName(reference) ?? reference;
  const mimeType = mimeTypeOfFilename(fileName);
  const label = text !== undefined && text !== reference ? text : undefined;
  return {
    type,
    media: {
      id: fileName,
      ...(mimeType === undefined ? {} : { mimeType }),
      ...(isHttpUrl(reference) ? { url: reference } : {}),
    },
    ...(label !== undefined && (type === 'image' || type === 'video') ? { caption: label } : {}),
    ...(label !== undefined && type === 'document' ? { filename: label } : {}),
    // WATI's `voice` type is a voice note recorded in WhatsApp (Meta's `audio.voice`).
    ...(voice ? { voice: true } : {}),
  };
}

/** Coordinates in `data` (an object or a JSON string), as `latitude`/`longitude` or `lat`/`lng`. */
function locationContent(event: WatiEvent): InboundMessageContent | undefined {
  const data = asRecord(event.data) ?? asRecord(event.location);
  const latitude = toNumber(data?.latitude ?? data?.lat);
  const longitude = toNumber(data?.longitude ?? data?.lng ?? data?.long);
  if (latitude === undefined || longitude === undefined) return undefined;
  const name = toText(data?.name);
  const address = toText(data?.address);
  return {
    type: 'location',
    latitude,
    longitude,
    ...(name ? { name } : {}),
    ...(address ? { address } : {}),
  };
}

/**
 * Replies to WATI interactive messages. WATI sends buttons and rows without ids, so the reply's
 * `id` is the title the user tapped (whatever id WATI may add is its own, not the sender's).
 */
function interactiveContent(event: WatiEvent): InboundMessageContent | undefined {
  const button = asRecord(event.interactiveButtonReply);
  const buttonTitle = toText(button?.title) ?? toText(button?.text);
  if (buttonTitle !== undefined) return { type: 'button_reply', id: buttonTitle, title: buttonTitle };
  const row = asRecord(event.listReply);
  const rowTitle = toText(row?.title);
  if (rowTitle === undefined) return undefined;
  const description = toText(row?.description);
  return { type: 'list_reply', id: rowTitle, title: rowTitle, ...(description ? { description } : {}) };
}

/** A template quick-reply tap: `buttonReply: { payload, text }`; the payload is the neutral `id`. */
function templateButtonContent(event: WatiEvent): InboundMessageContent | undefined {
  const reply = asRecord(event.buttonReply);
  const title = toText(reply?.text) ?? toText(event.text);
  const id = toText(reply?.payload) ?? title;
  if (id === undefined || title === undefined) return undefined;
  return { type: 'button_reply', id, title };
}

/** Where WATI puts a reaction is undocumented: Meta's `{ reaction: { emoji, message_id } }` in `data`, else `text` + `replyContextId`. */
function reactionContent(event: WatiEvent): InboundMessageContent | undefined {
  const data = asRecord(event.data);
  const reaction = asRecord(data?.reaction) ?? data;
  const messageId =
    toText(reaction?.message_id) ?? toText(reaction?.messageId) ?? toText(event.replyContextId);
  if (messageId === undefined) return undefined;
  const emoji =
    typeof reaction?.emoji === 'string' ? reaction.emoji : typeof event.text === 'string' ? event.text : '';
  return { type: 'reaction', messageId, emoji };
}

/** The content of a WATI message (webhook or history), `unsupported` when it cannot be read. */
export function mapMessageContent(event: WatiEvent): InboundMessageContent {
  const type = toText(event.type)?.toLowerCase() ?? '';
  const mediaType = Object.hasOwn(MEDIA_TYPES, type) ? MEDIA_TYPES[type] : undefined;
  let content: InboundMessageContent | undefined;
  if (mediaType !== undefined) content = mediaContent(event, mediaType, type === 'voice');
  else if (type === 'text')
    content = typeof event.text === 'string' ? { type: 'text', text: event.text } : undefined;
  else if (type === 'location') content = locationContent(event);
  else if (type === 'contacts' || type === 'contact') {
    const contacts = toContactCards(event.messageContact ?? event.contacts);
    content = contacts === undefined ? undefined : { type: 'contacts', contacts };
  } else if (type === 'interactive') content = interactiveContent(event);
  else if (type === 'button') content = templateButtonContent(event);
  else if (type === 'reaction') content = reactionContent(event);
  return content ?? { type: 'unsupported', raw: event };
}

/**
 * The ad a conversation started from, as far as WATI says: `sourceId` and `sourceUrl` (null on
 * ordinary messages). WATI does not document their meaning; they are read as Meta's referral
 * `source_id` / `source_url`, which WATI relays under these names. WATI's `sourceType` is a number of
 * its own (e.g. `7`), not Meta's `ad`/`post`, so it stays in `raw`.
 */
function referralOf(event: WatiEvent): InboundReferral | undefined {
  const sourceId = toText(event.sourceId);
  const sourceUrl = toText(event.sourceUrl);
  if (sourceId === undefined && sourceUrl === undefined) return undefined;
  return {
    ...(sourceId === undefined ? {} : { sourceId }),
    ...(sourceUrl === undefined ? {} : { sourceUrl }),
  };
}

/**
 * A `message` (or `message_bsuid`) event from a customer (`owner: false`) as an inbound message.
 * Its `id` is the WhatsApp message id (what `replyTo` and WATI's `replyContextId` use), else WATI's
 * own `id`; both are in `providerIds`. The sender is `waId` (the phone, which BSUID-first events
 * may omit) and `bsuid` / `parentBsuid` / `username`. `undefined` when the event carries no id.
 */
export function mapInboundMessage(event: WatiEvent, receivedAt: Date): InboundMessageEvent | undefined {
  const providerIds = definedIds({ id: event.id, whatsappMessageId: event.whatsappMessageId });
  const id = providerIds.whatsappMessageId ?? providerIds.id;
  if (id === undefined) return undefined;
  const from = phoneDigits(event.waId);
  const senderName = toText(event.senderName);
  // WATI puts the phone number in senderName when the user has no profile name. A name is kept
  // unless it is only that number (a BSUID-first event may have a name and no phone at all).
  const senderIsPhone =
    senderName !== undefined &&
    /^[\d\s+().-]+$/.test(senderName) &&
    (from === undefined || phoneDigits(senderName) === from);
  const contactName = senderName !== undefined && !senderIsPhone ? senderName : undefined;
  const replyTo = toText(event.replyContextId);
  const phoneNumberId = phoneDigits(event.channelPhoneNumber);
  const { userId, parentUserId, username } = watiUserIds(event);
  const forwarded = toBooleanValue(event.forwarded);
  const frequentlyForwarded = toBooleanValue(event.frequentlyForwarded);
  const referral = referralOf(event);
  return {
    kind: 'message',
    provider: WATI_PROVIDER_ID,
    ...(phoneNumberId === undefined ? {} : { phoneNumberId }),
    raw: event,
    id,
    ...(from === undefined ? {} : { from }),
    ...(userId === undefined ? {} : { fromUserId: userId }),
    ...(parentUserId === undefined ? {} : { fromParentUserId: parentUserId }),
    ...(username === undefined ? {} : { fromUsername: username }),
    timestamp: toDate(event.timestamp) ?? toDate(event.created) ?? receivedAt,
    ...(contactName === undefined ? {} : { contactName }),
    message: mapMessageContent(event),
    ...(replyTo === undefined ? {} : { replyTo }),
    providerIds,
    // Only a forward is worth a flag: `false` is what every other message is.
    ...(forwarded === true || frequentlyForwarded === true ? { forwarded: true } : {}),
    ...(frequentlyForwarded === true ? { frequentlyForwarded: true } : {}),
    ...(referral === undefined ? {} : { referral }),
  };
}
