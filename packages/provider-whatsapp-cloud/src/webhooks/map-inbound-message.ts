import type { InboundMessageContent } from '@switchboard/core';
import * as z from 'zod/mini';
import { compact } from '../compact.js';
import { fromGraphContact } from '../convert-contact-card.js';
import { onFirstUse } from '../on-first-use.js';
import { mapContext, mapMessageError } from './map-message-extras.js';
import type { WebhookMessage } from './webhook-schemas.js';

const schemas = onFirstUse(() => {
  const coordinate = z.union([
    z.number(),
    z.pipe(
      z.string().check(z.trim(), z.regex(/^-?\d+(\.\d+)?$/)),
      // Hundreds of digits read as Infinity.
      z.transform(Number).check(z.refine(Number.isFinite, 'must be a finite number')),
    ),
  ]);
  const optionalText = z.pipe(
    z.nullish(z.string()),
    z.transform((value: string | null | undefined) => (value ? value : undefined)),
  );

  const textSchema = z.looseObject({ body: z.string() });
  const mediaSchema = z.looseObject({
    id: z.string().check(z.minLength(1)),
    mime_type: optionalText,
    sha256: optionalText,
    url: optionalText,
    caption: optionalText,
    filename: optionalText,
    voice: z.catch(z.nullish(z.boolean()), undefined),
  });
  const locationSchema = z.looseObject({
    latitude: coordinate,
    longitude: coordinate,
    name: optionalText,
    address: optionalText,
  });
  const replySchema = z.looseObject({ id: z.string(), title: z.string(), description: optionalText });
  const interactiveSchema = z.looseObject({
    type: z.string(),
    button_reply: z.nullish(replySchema),
    list_reply: z.nullish(replySchema),
  });
  const buttonSchema = z.looseObject({ payload: optionalText, text: optionalText });
  // The emoji is empty (or absent) when the user removes a reaction.
  const reactionSchema = z.looseObject({
    message_id: z.string().check(z.minLength(1)),
    emoji: z.nullish(z.string()),
  });
  return {
    textSchema,
    mediaSchema,
    locationSchema,
    replySchema,
    interactiveSchema,
    buttonSchema,
    reactionSchema,
  };
});

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
type MediaType = (typeof MEDIA_TYPES)[number];
const isMediaType = (type: string): type is MediaType => (MEDIA_TYPES as readonly string[]).includes(type);

/** The neutral content of an inbound message, and the message it replies or reacts to. */
export interface MappedMessage {
  message: InboundMessageContent;
  replyTo: string | undefined;
}

function content(message: WebhookMessage): InboundMessageContent | undefined {
  const body = (message as Record<string, unknown>)[message.type];
  if (message.type === 'text') {
    const text = schemas().textSchema.safeParse(body);
    return text.success ? { type: 'text', text: text.data.body } : undefined;
  }
  if (isMediaType(message.type)) {
    const media = schemas().mediaSchema.safeParse(body);
    if (!media.success) return undefined;
    const { id, mime_type, sha256, url, caption, filename, voice } = media.data;
    return compact({
      type: message.type,
      media: compact({ id, mimeType: mime_type, sha256, url }),
      caption,
      filename,
      // `voice: true` marks a voice note recorded in WhatsApp (audio only).
      voice: message.type === 'audio' ? (voice ?? undefined) : undefined,
    }) as InboundMessageContent;
  }
  switch (message.type) {
    case 'location': {
      const location = schemas().locationSchema.safeParse(body);
      if (!location.success) return undefined;
      const { latitude, longitude, name, address } = location.data;
      return compact({ type: 'location', latitude, longitude, name, address }) as InboundMessageContent;
    }
    case 'contacts':
      return Array.isArray(body) ? { type: 'contacts', contacts: body.map(fromGraphContact) } : undefined;
    case 'interactive': {
      const interactive = schemas().interactiveSchema.safeParse(body);
      if (!interactive.success) return undefined;
      const { button_reply: button, list_reply: row } = interactive.data;
      if (interactive.data.type === 'button_reply' && button)
        return { type: 'button_reply', id: button.id, title: button.title };
      if (interactive.data.type === 'list_reply' && row) {
        return compact({
          type: 'list_reply',
          id: row.id,
          title: row.title,
          description: row.description,
        }) as InboundMessageContent;
      }
      // Flow replies (nfm_reply), call permission replies and newer kinds.
      return undefined;
    }
    case 'button': {
      // A template quick-reply tap: the payload is what the template send set as the button's payload.
      const button = schemas().buttonSchema.safeParse(body);
      if (!button.success) return undefined;
      const id = button.data.payload ?? button.data.text;
      return id === undefined ? undefined : { type: 'button_reply', id, title: button.data.text ?? id };
    }
    case 'reaction': {
      const reaction = schemas().reactionSchema.safeParse(body);
      return reaction.success
        ? { type: 'reaction', messageId: reaction.data.message_id, emoji: reaction.data.emoji ?? '' }
        : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The neutral content of a `messages[]` item. Types Switchboard does not map (order, system,
 * unsupported, flows, anything new) and items whose content is not what Meta documents become
 * `{ type: 'unsupported', raw }` (`raw`: the item as delivered), with the `reason` Meta gives in the
 * item's `errors` (e.g. 131051 for a message type it does not deliver): the event is kept, never dropped.
 */
export function mapInboundMessage(message: WebhookMessage, raw: unknown): MappedMessage {
  let mapped = content(message);
  if (mapped === undefined) {
    const reason = mapMessageError((message as Record<string, unknown>).errors);
    mapped = reason === undefined ? { type: 'unsupported', raw } : { type: 'unsupported', raw, reason };
  }
  const replyTo = mapped.type === 'reaction' ? mapped.messageId : mapContext(message.context).replyTo;
  return { message: mapped, replyTo };
}
