import { ERROR_CODES } from '../errors/error-code.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { contactCardSchema } from './contact-card.js';

const inboundMediaSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** Pass to `media.get` to fetch the file (a Meta media id; a WATI file name). */
    id: z.string(),
    mimeType: z.optional(z.string()),
    sha256: z.optional(z.string()),
    /** A direct URL where the provider gives one (it may need the provider's credentials). */
    url: z.optional(z.string()),
  }),
);

/** Why the provider could not deliver a message's content (Meta's `errors[]` on an `unsupported` message). */
export const inboundMessageErrorSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** The provider's error code, e.g. Meta `131051` (unsupported message type). */
    code: z.union([z.string(), z.number()]),
    title: z.string(),
    message: z.optional(z.string()),
  }),
);

/** The content of an inbound message. */
export const inboundMessageContentSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('text'), text: z.string() }),
    z.strictObject({
      type: z.enum(['image', 'video', 'audio', 'document', 'sticker']),
      media: inboundMediaSchema,
      caption: z.optional(z.string()),
      filename: z.optional(z.string()),
      /** Audio only: `true` for a voice note recorded in WhatsApp (Meta `audio.voice`, WATI type `voice`). */
      voice: z.optional(z.boolean()),
    }),
    z.strictObject({
      type: z.literal('location'),
      latitude: z.number(),
      longitude: z.number(),
      name: z.optional(z.string()),
      address: z.optional(z.string()),
    }),
    z.strictObject({ type: z.literal('contacts'), contacts: z.array(contactCardSchema) }),
    /** An interactive button reply or a template quick-reply: `id` is the button id or payload. */
    z.strictObject({ type: z.literal('button_reply'), id: z.string(), title: z.string() }),
    z.strictObject({
      type: z.literal('list_reply'),
      id: z.string(),
      title: z.string(),
      description: z.optional(z.string()),
    }),
    /** `emoji` is `''` when the user removed a reaction. */
    z.strictObject({ type: z.literal('reaction'), messageId: z.string(), emoji: z.string() }),
    /**
     * A message type Switchboard does not map; the provider's message is in `raw`. `reason` says why
     * when the provider itself could not deliver the content (Meta's `unsupported` messages with
     * `errors`, e.g. 131051 "Message type unknown").
     */
    z.strictObject({
      type: z.literal('unsupported'),
      raw: z.unknown(),
      reason: z.optional(inboundMessageErrorSchema),
    }),
  ]),
);

/** The content of an inbound message; see {@link inboundMessageContentSchema}. */
export type InboundMessageContent = z.infer<typeof inboundMessageContentSchema>;

const envelope = {
  provider: /* @__PURE__ */ lazySchema(() => z.string()),
  /** The business phone number the event concerns (Meta `phone_number_id`), where the provider says. */
  phoneNumberId: /* @__PURE__ */ lazySchema(() => z.optional(z.string())),
  /** The business account (Meta WABA id, WATI tenant), where the provider says. */
  businessAccountId: /* @__PURE__ */ lazySchema(() => z.optional(z.string())),
  /** The provider's payload for this one event. */
  raw: /* @__PURE__ */ lazySchema(() => z.unknown()),
};

/**
 * Where a conversation started from a click-to-WhatsApp ad or a Facebook/Instagram post (Meta's
 * `referral`): sent with the first message after the tap. Every field is optional because the
 * providers leave out what they do not know.
 */
export const inboundReferralSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** The ad or post id (Meta `source_id`). */
    sourceId: z.optional(z.string()),
    /** The ad or post URL the user tapped (Meta `source_url`). */
    sourceUrl: z.optional(z.string()),
    /** `ad` or `post` (Meta `source_type`); other values pass through. */
    sourceType: z.optional(z.string()),
    headline: z.optional(z.string()),
    body: z.optional(z.string()),
    /** `image` or `video`: which of `imageUrl` / `videoUrl` the ad shows. */
    mediaType: z.optional(z.string()),
    imageUrl: z.optional(z.string()),
    videoUrl: z.optional(z.string()),
    thumbnailUrl: z.optional(z.string()),
    /** Meta's click id (`ctwa_clid`), for the Conversions API. */
    ctwaClid: z.optional(z.string()),
  }),
);

/** An ad or post referral; see {@link inboundReferralSchema}. */
export type InboundReferral = z.infer<typeof inboundReferralSchema>;

/** A message a user sent to the business. */
export const inboundMessageEventSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    kind: z.literal('message'),
    ...envelope,
    /** The provider's message id (Meta `wamid.…`). */
    id: z.string(),
    /**
     * The sender's phone number, digits only. Absent only for WhatsApp users who hide their number
     * behind a username; `fromUserId` identifies them then.
     */
    from: z.optional(z.string()),
    /**
     * The sender's business-scoped user id (BSUID, e.g. `US.13491208655302741918`): Meta's identifier of
     * a WhatsApp user within one business portfolio, present even when the phone number is withheld
     * (Meta `from_user_id` / `contacts[].user_id`, WATI `bsuid`). Identify a user by `fromUserId ?? from`.
     */
    fromUserId: z.optional(z.string()),
    /** The sender's parent BSUID, shared across linked business portfolios (e.g. `US.ENT.…`). */
    fromParentUserId: z.optional(z.string()),
    /** The sender's WhatsApp username (e.g. `@bob`), for display: users may change it. */
    fromUsername: z.optional(z.string()),
    timestamp: z.date(),
    /** The sender's profile name. */
    contactName: z.optional(z.string()),
    message: inboundMessageContentSchema,
    /** The id of the message this one replies to (or reacts to, for reactions). */
    replyTo: z.optional(z.string()),
    /** Every id the provider gave this message. */
    providerIds: z.optional(z.record(z.string(), z.string())),
    /** `true` when the user forwarded this message from another chat. */
    forwarded: z.optional(z.boolean()),
    /** `true` when the message has been forwarded many times (WhatsApp's "forwarded many times" label). */
    frequentlyForwarded: z.optional(z.boolean()),
    /** The ad or post the user tapped to start this conversation; see {@link inboundReferralSchema}. */
    referral: z.optional(inboundReferralSchema),
  }),
);

/** What a message cost, as the provider reports it on statuses (Meta `pricing`). */
export const inboundPricingSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** Whether the message is charged (Meta's `billable`; absent where the provider does not say). */
    billable: z.optional(z.boolean()),
    /** The pricing category, e.g. `marketing`, `utility`, `authentication`, `service`, `referral_conversion`. */
    category: z.optional(z.string()),
    /** The pricing model, e.g. `PMP` (per message) or `CBP` (conversation based). */
    model: z.optional(z.string()),
    /** Meta's pricing `type`, e.g. `regular`, `free_customer_service`, `free_entry_point`. */
    type: z.optional(z.string()),
  }),
);

/** The conversation a status belongs to (Meta `conversation`, conversation-based pricing). */
export const inboundConversationSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    id: z.string(),
    /** The conversation category that opened it, e.g. `marketing`, `service` (Meta `origin.type`). */
    origin: z.optional(z.string()),
    /** When the conversation window ends (Meta `expiration_timestamp`, on its first `sent` status). */
    expiresAt: z.optional(z.date()),
  }),
);

/** The delivery status of a message the business sent. */
export const MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

/** A delivery status update of a message the business sent. */
export const inboundStatusEventSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    kind: z.literal('status'),
    ...envelope,
    /** The `SendResult.id` of the send this status reports on. */
    messageId: z.string(),
    /** Every id the provider gave the message (e.g. `wamid`, `localMessageId`). */
    providerIds: z.record(z.string(), z.string()),
    /** The recipient, when the provider says (WATI status events may carry only ids). */
    to: z.optional(z.string()),
    /** The recipient's business-scoped user id (BSUID); see `InboundMessageEvent.fromUserId`. */
    recipientUserId: z.optional(z.string()),
    /** The recipient's parent BSUID, where parent BSUIDs are enabled. */
    recipientParentUserId: z.optional(z.string()),
    /** The recipient's WhatsApp username, where the provider gives it (delivered and read statuses). */
    recipientUsername: z.optional(z.string()),
    status: z.enum(MESSAGE_STATUSES),
    timestamp: z.date(),
    error: z.optional(
      z.strictObject({
        /** The provider's error code, e.g. Meta `131047`. */
        code: z.union([z.string(), z.number()]),
        title: z.string(),
        message: z.optional(z.string()),
        /** The same failure as a neutral error code. */
        category: z.enum(ERROR_CODES),
      }),
    ),
    /** What the message cost, where the provider reports it; see {@link inboundPricingSchema}. */
    pricing: z.optional(inboundPricingSchema),
    /** The conversation the message opened or belongs to, where the provider reports it. */
    conversation: z.optional(inboundConversationSchema),
  }),
);

/** A provider event Switchboard does not map (template review results, account updates, …). */
export const inboundUnknownEventSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    kind: z.literal('unknown'),
    ...envelope,
    /**
     * When the provider dated the notification (Meta's `entry.time`), where it did. Without it, two
     * notifications with the same content cannot be told from one delivered twice, so webhook
     * handlers do not de-duplicate such events (see `canDeduplicate`).
     */
    timestamp: z.optional(z.date()),
  }),
);

/** Anything a webhook delivery carries, one event each; nothing is dropped. */
export const inboundEventSchema = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('kind', [
    inboundMessageEventSchema,
    inboundStatusEventSchema,
    inboundUnknownEventSchema,
  ]),
);

export type InboundMessageEvent = z.infer<typeof inboundMessageEventSchema>;
export type InboundStatusEvent = z.infer<typeof inboundStatusEventSchema>;
export type InboundUnknownEvent = z.infer<typeof inboundUnknownEventSchema>;
/** What a message cost; see {@link inboundPricingSchema}. */
export type InboundPricing = z.infer<typeof inboundPricingSchema>;
/** A status's conversation; see {@link inboundConversationSchema}. */
export type InboundConversation = z.infer<typeof inboundConversationSchema>;
/** Why an unsupported message could not be delivered; see {@link inboundMessageErrorSchema}. */
export type InboundMessageError = z.infer<typeof inboundMessageErrorSchema>;
/** An event parsed from a webhook delivery. */
export type InboundEvent = z.infer<typeof inboundEventSchema>;
/** A message delivery status. */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
