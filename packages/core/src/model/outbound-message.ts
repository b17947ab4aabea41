import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { contactCardSchema } from './contact-card.js';
import { mediaSourceSchema } from './media.js';
import {
  ctaUrlMessageSchema,
  flowMessageSchema,
  locationRequestMessageSchema,
  typingIndicatorMessageSchema,
} from './outbound-actions.js';
import {
  interactiveText,
  MESSAGE_LIMITS,
  outboundBase,
  reportDuplicates,
  requireSectionTitles,
} from './outbound-base.js';
import { productListMessageSchema, productMessageSchema } from './outbound-products.js';
import { templateMessageSchema } from './template-message.js';

export * from './outbound-actions.js';
export { MESSAGE_LIMITS } from './outbound-base.js';
export * from './outbound-products.js';
export { BUSINESS_SCOPED_USER_ID_PATTERN, isBusinessScopedUserId, recipientSchema } from './recipient.js';

const L = MESSAGE_LIMITS;
const base = outboundBase;

const caption = /* @__PURE__ */ lazySchema(() =>
  z.optional(z.string().check(z.minLength(1), z.maxLength(L.captionMaxLength))),
);

export const textMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('text'),
    text: z.string().check(z.minLength(1), z.maxLength(L.textMaxLength)),
    /** Render a preview of the first URL in `text`. */
    previewUrl: z.optional(z.boolean()),
  }),
);

export const imageMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('image'),
    media: mediaSourceSchema,
    caption,
  }),
);

export const videoMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('video'),
    media: mediaSourceSchema,
    caption,
  }),
);

export const audioMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('audio'),
    media: mediaSourceSchema,
  }),
);

export const documentMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('document'),
    media: mediaSourceSchema,
    caption,
    /** File name shown to the recipient. */
    filename: z.optional(z.string().check(z.minLength(1), z.maxLength(240))),
  }),
);

export const stickerMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('sticker'),
    media: mediaSourceSchema,
  }),
);

export const locationMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('location'),
    latitude: z.number().check(z.gte(-90), z.lte(90)),
    longitude: z.number().check(z.gte(-180), z.lte(180)),
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
    address: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  }),
);

export const contactsMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('contacts'),
    contacts: z.array(contactCardSchema).check(z.minLength(1)),
  }),
);

export const buttonsMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      ...base,
      type: z.literal('buttons'),
      ...interactiveText,
      buttons: z
        .array(
          z.strictObject({
            /** Returned in the reply event; providers without ids (WATI) return the title instead. */
            id: z.string().check(z.minLength(1), z.maxLength(L.buttonIdMaxLength)),
            title: z.string().check(z.minLength(1), z.maxLength(L.buttonTitleMaxLength)),
          }),
        )
        .check(z.minLength(L.buttonsMin), z.maxLength(L.buttonsMax)),
    })
    .check(
      z.superRefine((message, ctx) => {
        reportDuplicates(message.buttons, (button) => button.id, ['buttons'], 'id', ctx);
        // Titles must be unique too: a reply is matched by title where the provider has no button ids.
        reportDuplicates(message.buttons, (button) => button.title, ['buttons'], 'title', ctx);
      }),
    ),
);

export const listMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      ...base,
      type: z.literal('list'),
      ...interactiveText,
      /** Label of the button that opens the list. */
      buttonText: z.string().check(z.minLength(1), z.maxLength(L.listButtonTextMaxLength)),
      sections: z
        .array(
          z.strictObject({
            title: z.optional(z.string().check(z.minLength(1), z.maxLength(L.listSectionTitleMaxLength))),
            rows: z
              .array(
                z.strictObject({
                  id: z.string().check(z.minLength(1), z.maxLength(L.listRowIdMaxLength)),
                  title: z.string().check(z.minLength(1), z.maxLength(L.listRowTitleMaxLength)),
                  description: z.optional(
                    z.string().check(z.minLength(1), z.maxLength(L.listRowDescriptionMaxLength)),
                  ),
                }),
              )
              .check(z.minLength(1)),
          }),
        )
        .check(z.minLength(1), z.maxLength(L.listSectionsMax)),
    })
    .check(
      z.superRefine((message, ctx) => {
        const rows = message.sections.flatMap((section, sectionIndex) =>
          section.rows.map((row, rowIndex) => ({ row, path: ['sections', sectionIndex, 'rows', rowIndex] })),
        );
        if (rows.length > L.listRowsMax) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections'],
            message: `a list may hold at most ${L.listRowsMax} rows in all sections together (got ${rows.length})`,
          });
        }
        const seen = new Set<string>();
        for (const { row, path } of rows) {
          if (seen.has(row.id))
            ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: 'row ids must be unique' });
          seen.add(row.id);
        }
        requireSectionTitles(message.sections, ctx);
      }),
    ),
);

export const templateSendSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('template'),
    template: templateMessageSchema,
  }),
);

export const reactionMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    ...base,
    type: z.literal('reaction'),
    /** Provider id of the message to react to. */
    messageId: z.string().check(z.minLength(1)),
    /** A single emoji, or `''` to remove an earlier reaction. */
    emoji: z.string().check(z.refine(isReactionEmoji, 'must be a single emoji, or empty to remove')),
  }),
);

/**
 * Any message Switchboard can send, discriminated by `type`. Every variant has `to` (a phone
 * number, or a business-scoped user id where the provider has `send.to.userId`) and an optional
 * `replyTo`.
 */
export const outboundMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    textMessageSchema,
    imageMessageSchema,
    videoMessageSchema,
    audioMessageSchema,
    documentMessageSchema,
    stickerMessageSchema,
    locationMessageSchema,
    contactsMessageSchema,
    buttonsMessageSchema,
    listMessageSchema,
    templateSendSchema,
    reactionMessageSchema,
    ctaUrlMessageSchema,
    locationRequestMessageSchema,
    typingIndicatorMessageSchema,
    productMessageSchema,
    productListMessageSchema,
    flowMessageSchema,
  ]),
);

/**
 * The schema of each outbound message type: the variants of {@link outboundMessageSchema}, by `type`.
 * Validating with the one `type` names builds only that variant's schema (the union builds all 18 on
 * its first parse, over 300 zod schemas) and gives the same output and the same issues, since the
 * union itself hands a message with a known `type` to that variant.
 */
export const outboundMessageSchemas = {
  text: textMessageSchema,
  image: imageMessageSchema,
  video: videoMessageSchema,
  audio: audioMessageSchema,
  document: documentMessageSchema,
  sticker: stickerMessageSchema,
  location: locationMessageSchema,
  contacts: contactsMessageSchema,
  buttons: buttonsMessageSchema,
  list: listMessageSchema,
  template: templateSendSchema,
  reaction: reactionMessageSchema,
  cta_url: ctaUrlMessageSchema,
  location_request: locationRequestMessageSchema,
  typing_indicator: typingIndicatorMessageSchema,
  product: productMessageSchema,
  product_list: productListMessageSchema,
  flow: flowMessageSchema,
} as const satisfies { [T in OutboundMessageType]: z.ZodMiniType<ValidOutboundMessageOf<T>> };

/** A message as the caller writes it (phone numbers in any accepted form). */
export type OutboundMessage = z.input<typeof outboundMessageSchema>;
/** A validated message, as adapters receive it: `to` normalized to digits. */
export type ValidOutboundMessage = z.output<typeof outboundMessageSchema>;
/** The `type` of an outbound message. */
export type OutboundMessageType = OutboundMessage['type'];
/** The validated variant of the given type. */
export type ValidOutboundMessageOf<T extends OutboundMessageType> = Extract<
  ValidOutboundMessage,
  { type: T }
>;
/** Every outbound message type, in the order of the neutral model. */
export const OUTBOUND_MESSAGE_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'buttons',
  'list',
  'template',
  'reaction',
  'cta_url',
  'location_request',
  'typing_indicator',
  'product',
  'product_list',
  'flow',
] as const satisfies readonly OutboundMessageType[];
/** Types that carry a media file. */
export const MEDIA_MESSAGE_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
/** A type that carries a media file. */
export type MediaMessageType = (typeof MEDIA_MESSAGE_TYPES)[number];

// Keycaps (1️⃣) and flags (🇫🇷) are emoji without being pictographic themselves; a keycap needs its
// digit, # or *, and a flag a pair of regional indicators.
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|[0-9#*]\ufe0f?\u20e3/u;
let segmenter: Intl.Segmenter | undefined;

function isReactionEmoji(emoji: string): boolean {
  if (emoji === '') return true;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let graphemes = 0;
  for (const _ of segmenter.segment(emoji)) graphemes++;
  return graphemes === 1 && EMOJI.test(emoji);
}
