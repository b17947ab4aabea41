import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { inboundMessageContentSchema, MESSAGE_STATUSES } from './inbound-event.js';

/** A message of a conversation's history, in either direction. */
export const conversationMessageSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    id: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    timestamp: z.date(),
    /** The content; outbound templates appear as their rendered text where the provider gives it. */
    message: inboundMessageContentSchema,
    /** Delivery status of an outbound message, where known. */
    status: z.optional(z.enum(MESSAGE_STATUSES)),
    /** Every id the provider gave the message. */
    providerIds: z.optional(z.record(z.string(), z.string())),
    raw: z.unknown(),
  }),
);

/** A message of a conversation's history; see {@link conversationMessageSchema}. */
export type ConversationMessage = z.infer<typeof conversationMessageSchema>;
