import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-code.js';
import { contactCardSchema } from './contact-card.js';

const inboundMediaSchema = z.strictObject({
  /** Pass to `media.get` to fetch the file (a Meta media id; a WATI file name). */
  id: z.string(),
  mimeType: z.string().optional(),
  sha256: z.string().optional(),
  /** A direct URL where the provider gives one (it may need the provider's credentials). */
  url: z.string().optional(),
});

/** The content of an inbound message. */
export const inboundMessageContentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string() }),
  z.strictObject({
    type: z.enum(['image', 'video', 'audio', 'document', 'sticker']),
    media: inboundMediaSchema,
    caption: z.string().optional(),
    filename: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('location'),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('contacts'), contacts: z.array(contactCardSchema) }),
  /** An interactive button reply or a template quick-reply: `id` is the button id or payload. */
  z.strictObject({ type: z.literal('button_reply'), id: z.string(), title: z.string() }),
  z.strictObject({
    type: z.literal('list_reply'),
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
  }),
  /** `emoji` is `''` when the user removed a reaction. */
  z.strictObject({ type: z.literal('reaction'), messageId: z.string(), emoji: z.string() }),
  /** A message type Switchboard does not map; the provider's message is in `raw`. */
  z.strictObject({ type: z.literal('unsupported'), raw: z.unknown() }),
]);

/** The content of an inbound message; see {@link inboundMessageContentSchema}. */
export type InboundMessageContent = z.infer<typeof inboundMessageContentSchema>;

const envelope = {
  provider: z.string(),
  /** The business phone number the event concerns (Meta `phone_number_id`), where the provider says. */
  phoneNumberId: z.string().optional(),
  /** The business account (Meta WABA id, WATI tenant), where the provider says. */
  businessAccountId: z.string().optional(),
  /** The provider's payload for this one event. */
  raw: z.unknown(),
};

/** A message a user sent to the business. */
export const inboundMessageEventSchema = z.strictObject({
  kind: z.literal('message'),
  ...envelope,
  /** The provider's message id (Meta `wamid.…`). */
  id: z.string(),
  /**
   * The sender's phone number, digits only. Absent only for WhatsApp users who hide their number
   * behind a username; `fromUserId` identifies them then.
   */
  from: z.string().optional(),
  /** The business-scoped user id Meta gives users with WhatsApp usernames. */
  fromUserId: z.string().optional(),
  timestamp: z.date(),
  /** The sender's profile name. */
  contactName: z.string().optional(),
  message: inboundMessageContentSchema,
  /** The id of the message this one replies to (or reacts to, for reactions). */
  replyTo: z.string().optional(),
  /** Every id the provider gave this message. */
  providerIds: z.record(z.string(), z.string()).optional(),
});

/** The delivery status of a message the business sent. */
export const MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

/** A delivery status update of a message the business sent. */
export const inboundStatusEventSchema = z.strictObject({
  kind: z.literal('status'),
  ...envelope,
  /** The `SendResult.id` of the send this status reports on. */
  messageId: z.string(),
  /** Every id the provider gave the message (e.g. `wamid`, `localMessageId`). */
  providerIds: z.record(z.string(), z.string()),
  /** The recipient, when the provider says (WATI status events may carry only ids). */
  to: z.string().optional(),
  /** The business-scoped user id of the recipient, for users with WhatsApp usernames. */
  recipientUserId: z.string().optional(),
  status: z.enum(MESSAGE_STATUSES),
  timestamp: z.date(),
  error: z
    .strictObject({
      /** The provider's error code, e.g. Meta `131047`. */
      code: z.union([z.string(), z.number()]),
      title: z.string(),
      message: z.string().optional(),
      /** The same failure as a neutral error code. */
      category: z.enum(ERROR_CODES),
    })
    .optional(),
});

/** A provider event Switchboard does not map (template review results, account updates, …). */
export const inboundUnknownEventSchema = z.strictObject({
  kind: z.literal('unknown'),
  ...envelope,
});

/** Anything a webhook delivery carries, one event each; nothing is dropped. */
export const inboundEventSchema = z.discriminatedUnion('kind', [
  inboundMessageEventSchema,
  inboundStatusEventSchema,
  inboundUnknownEventSchema,
]);

export type InboundMessageEvent = z.infer<typeof inboundMessageEventSchema>;
export type InboundStatusEvent = z.infer<typeof inboundStatusEventSchema>;
export type InboundUnknownEvent = z.infer<typeof inboundUnknownEventSchema>;
/** An event parsed from a webhook delivery. */
export type InboundEvent = z.infer<typeof inboundEventSchema>;
/** A message delivery status. */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
