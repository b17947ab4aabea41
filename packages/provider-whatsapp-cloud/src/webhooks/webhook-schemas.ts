import { z } from 'zod';

// Webhook payloads are read leniently: every field Meta documents as optional (and several it
// does not) may be absent, and unknown fields pass. Meta's OpenAPI webhook schemas are not used:
// they reuse the outbound send schemas and reject every real inbound example.

/** A webhook timestamp: Unix seconds, a string in `messages`/`statuses`, sometimes a number. */
export const timestampSchema = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform((value) => new Date(Number(value) * 1000))
  // Seconds past the last time a Date holds (year 275760) would make an Invalid Date.
  .refine((date) => !Number.isNaN(date.getTime()), 'must be a time a JavaScript Date can hold');

const idSchema = z.union([z.string().min(1), z.number()]).transform(String);

/**
 * `{ object: "whatsapp_business_account", entry: [{ id, changes: [{ field, value }] }] }`. Entries
 * are checked one by one (see `webhookEntrySchema`), so one odd entry does not reject the others.
 */
export const webhookEnvelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.unknown()),
});

/** One `entry[]` item: a WhatsApp Business Account and what changed on it. */
export const webhookEntrySchema = z.looseObject({
  /** The WhatsApp Business Account id. */
  id: idSchema,
  /** Checked one by one (see `webhookChangeSchema`), so one odd change does not reject the others. */
  changes: z.array(z.unknown()).nullish(),
});

/** One `entry[].changes[]` item: `field` names what `value` is (`messages`, `message_template_status_update`…). */
export const webhookChangeSchema = z.looseObject({ field: z.string(), value: z.unknown().optional() });

/** The `value` of a `messages` change. */
export const messagesValueSchema = z.looseObject({
  messaging_product: z.string().nullish(),
  metadata: z
    .looseObject({ display_phone_number: z.string().nullish(), phone_number_id: idSchema.nullish() })
    .nullish(),
  contacts: z.array(z.unknown()).nullish(),
  messages: z.array(z.unknown()).nullish(),
  statuses: z.array(z.unknown()).nullish(),
  errors: z.array(z.unknown()).nullish(),
});

/**
 * A user in `value.contacts[]` (the sender of messages, the recipient of statuses): `wa_id` is
 * absent for username users whose phone Meta withholds; `user_id` is the business-scoped user id
 * (BSUID), `parent_user_id` the parent BSUID where enabled.
 */
export const webhookContactSchema = z.looseObject({
  wa_id: z.string().nullish(),
  user_id: z.string().nullish(),
  parent_user_id: z.string().nullish(),
  profile: z.looseObject({ name: z.string().nullish(), username: z.string().nullish() }).nullish(),
});

/** What every `value.messages[]` item has; the content sits under the key named by `type`. */
export const webhookMessageSchema = z.looseObject({
  id: z.string().min(1),
  /** Absent for users who hide their number behind a username; `from_user_id` identifies them. */
  from: z.string().nullish(),
  from_user_id: z.string().nullish(),
  from_parent_user_id: z.string().nullish(),
  timestamp: timestampSchema,
  type: z.string(),
  /** Read field by field in the mapping (`context`, `referral`, `errors`): an odd one is left out, never fatal. */
  context: z.unknown().optional(),
});

/** A `value.messages[]` item. */
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;

/** An error object of a webhook (`statuses[].errors[]`, `value.errors[]`); Meta's codes are numbers. */
export const webhookErrorSchema = z.looseObject({
  // Digits become a number only while a double holds them exactly; longer ones stay text.
  code: z.union([
    z.number(),
    z
      .string()
      .regex(/^\d{1,15}$/)
      .transform(Number),
    z.string().min(1),
  ]),
  title: z.string().nullish(),
  message: z.string().nullish(),
  error_data: z.looseObject({ details: z.string().nullish() }).nullish(),
});

/** A `value.statuses[]` item. */
export const webhookStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: timestampSchema,
  /** Absent when the message went to a business-scoped user id whose phone cannot be shared. */
  recipient_id: z.string().nullish(),
  recipient_user_id: z.string().nullish(),
  recipient_parent_user_id: z.string().nullish(),
  /** Read field by field (see `map-status-extras.ts`): odd pricing must not cost the status. */
  pricing: z.unknown().optional(),
  conversation: z.unknown().optional(),
  /** Read one by one (see `mapStatusError`): an odd error must not turn a failed status into an unknown event. */
  errors: z.array(z.unknown()).nullish(),
});
