import { ERROR_CODES } from '../errors/error-code.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { recipientSchema } from './recipient.js';
import { templateLanguageSchema, templateMessageSchema, templateNameSchema } from './template-message.js';

/** What `send` returns once the provider accepted a message. Delivery is reported later by webhook. */
export const sendResultSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** The id status webhooks report on (`InboundStatusEvent.messageId`). */
    id: z.string(),
    provider: z.string(),
    /** The recipient as sent: normalized digits, or the business-scoped user id it was addressed to. */
    to: z.string(),
    status: z.literal('accepted'),
    /** Every id the provider gave the message, e.g. `{ wamid }` or `{ localMessageId }`. */
    providerIds: z.optional(z.record(z.string(), z.string())),
    /** The provider's response body. */
    raw: z.unknown(),
  }),
);

/** What `send` returns; see {@link sendResultSchema}. */
export type SendResult = z.infer<typeof sendResultSchema>;

/** One template sent to many recipients; see `MessagingProvider.sendBulk`. */
export const bulkRequestSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    template: z.strictObject({ name: templateNameSchema, language: templateLanguageSchema }),
    /**
     * A neutral label for this send, e.g. `spring-sale-2026`: WATI's broadcast name (the template
     * name when absent), WhatsApp Cloud's `biz_opaque_callback_data`, echoed on every status webhook.
     */
    campaign: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    recipients: z
      .array(
        z.strictObject({
          /**
           * A phone number in any accepted form (normalized to digits), or a business-scoped user id
           * where the provider has `send.to.userId`; see {@link recipientSchema}.
           */
          to: recipientSchema,
          parameters: templateMessageSchema.shape.parameters,
        }),
      )
      .check(z.minLength(1)),
  }),
);

/** A bulk template send, as the caller writes it. */
export type BulkRequest = z.input<typeof bulkRequestSchema>;
/** A bulk template send after validation: every recipient's `to` normalized (digits, or a BSUID as written). */
export type ValidBulkRequest = z.output<typeof bulkRequestSchema>;

/** Why one recipient of a bulk send failed; plain data, safe to write to a results file. */
export const bulkRecipientErrorSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    retryable: z.boolean(),
    providerCode: z.optional(z.union([z.string(), z.number()])),
    status: z.optional(z.number()),
  }),
);

/** The outcome of a bulk send, one entry per recipient in request order. */
export const bulkResultSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    results: z.array(
      z.strictObject({
        to: z.string(),
        ok: z.boolean(),
        id: z.optional(z.string()),
        error: z.optional(bulkRecipientErrorSchema),
      }),
    ),
  }),
);

/** The outcome of a bulk send; see {@link bulkResultSchema}. */
export type BulkResult = z.infer<typeof bulkResultSchema>;
/** One recipient's outcome. */
export type BulkRecipientResult = BulkResult['results'][number];
/** Why one recipient failed. */
export type BulkRecipientError = z.infer<typeof bulkRecipientErrorSchema>;
