import * as z from 'zod/mini';
import { onFirstUse } from '../on-first-use.js';

// Webhook payloads are read leniently: every field Meta documents as optional (and several it
// does not) may be absent, and unknown fields pass. Meta's OpenAPI webhook schemas are not used:
// they reuse the outbound send schemas and reject every real inbound example.
//
// Written with `zod/mini`, whose functions a bundler keeps only when used: the webhook entry
// (`@switchboard/provider-whatsapp-cloud/webhooks`) inlines only these, not all of zod. Built on
// first use, not at import.

/** The schemas of a webhook delivery's parts, built on first use. */
export const webhookSchemas = onFirstUse(() => {
  /** A webhook timestamp: Unix seconds, a string in `messages`/`statuses`, sometimes a number. */
  const timestampSchema = z.pipe(
    z.union([z.string().check(z.regex(/^\d+$/)), z.int().check(z.nonnegative())]),
    z
      .transform((value: string | number) => new Date(Number(value) * 1000))
      // Seconds past the last time a Date holds (year 275760) would make an Invalid Date.
      .check(z.refine((date) => !Number.isNaN(date.getTime()), 'must be a time a JavaScript Date can hold')),
  );

  const nonEmptyText = () => z.string().check(z.minLength(1));

  /** Text of a field read leniently: anything but a non-empty string reads as absent, never fails its object. */
  const lenientTextSchema = z.pipe(
    z.catch(z.nullish(z.string()), undefined),
    z.transform((value: string | null | undefined) => (value ? value : undefined)),
  );

  const idSchema = z.pipe(z.union([nonEmptyText(), z.number()]), z.transform(String));

  /**
   * `{ object: "whatsapp_business_account", entry: [{ id, changes: [{ field, value }] }] }`. Entries
   * are checked one by one (see `webhookEntrySchema`), so one odd entry does not reject the others.
   */
  // Every message of it is its own: `zod/mini` has no English messages unless classic zod was loaded.
  const webhookEnvelopeSchema = z.looseObject(
    {
      object: z.literal('whatsapp_business_account', 'must be "whatsapp_business_account"'),
      entry: z.array(z.unknown(), 'must be an array of entries'),
    },
    'must be a JSON object { object, entry }',
  );

  /** One `entry[]` item: a WhatsApp Business Account and what changed on it. */
  const webhookEntrySchema = z.looseObject({
    /** The WhatsApp Business Account id. */
    id: idSchema,
    /** Checked one by one (see `webhookChangeSchema`), so one odd change does not reject the others. */
    changes: z.nullish(z.array(z.unknown())),
  });

  /** One `entry[].changes[]` item: `field` names what `value` is (`messages`, `message_template_status_update`…). */
  const webhookChangeSchema = z.looseObject({ field: z.string(), value: z.optional(z.unknown()) });

  /** The `value` of a `messages` change. */
  const messagesValueSchema = z.looseObject({
    messaging_product: z.nullish(z.string()),
    metadata: z.nullish(
      z.looseObject({ display_phone_number: z.nullish(z.string()), phone_number_id: z.nullish(idSchema) }),
    ),
    contacts: z.nullish(z.array(z.unknown())),
    messages: z.nullish(z.array(z.unknown())),
    statuses: z.nullish(z.array(z.unknown())),
    errors: z.nullish(z.array(z.unknown())),
  });

  /**
   * A user in `value.contacts[]` (the sender of messages, the recipient of statuses): `wa_id` is
   * absent for username users whose phone Meta withholds; `user_id` is the business-scoped user id
   * (BSUID), `parent_user_id` the parent BSUID where enabled.
   */
  const webhookContactSchema = z.looseObject({
    wa_id: z.nullish(z.string()),
    user_id: z.nullish(z.string()),
    parent_user_id: z.nullish(z.string()),
    profile: z.nullish(z.looseObject({ name: z.nullish(z.string()), username: z.nullish(z.string()) })),
  });

  /** What every `value.messages[]` item has; the content sits under the key named by `type`. */
  const webhookMessageSchema = z.looseObject({
    id: nonEmptyText(),
    /** Absent for users who hide their number behind a username; `from_user_id` identifies them. */
    from: z.nullish(z.string()),
    from_user_id: z.nullish(z.string()),
    from_parent_user_id: z.nullish(z.string()),
    timestamp: timestampSchema,
    type: z.string(),
    /** Read field by field in the mapping (`context`, `referral`, `errors`): an odd one is left out, never fatal. */
    context: z.optional(z.unknown()),
  });

  /** An error object of a webhook (`statuses[].errors[]`, `value.errors[]`); Meta's codes are numbers. */
  const webhookErrorSchema = z.looseObject({
    // Digits become a number only while a double holds them exactly; longer ones stay text.
    code: z.union([
      z.number(),
      z.pipe(z.string().check(z.regex(/^\d{1,15}$/)), z.transform(Number)),
      nonEmptyText(),
    ]),
    title: z.nullish(z.string()),
    message: z.nullish(z.string()),
    error_data: z.nullish(z.looseObject({ details: z.nullish(z.string()) })),
  });

  /** A `value.statuses[]` item. */
  const webhookStatusSchema = z.looseObject({
    id: nonEmptyText(),
    status: z.string(),
    timestamp: timestampSchema,
    /** Absent when the message went to a business-scoped user id whose phone cannot be shared. */
    recipient_id: z.nullish(z.string()),
    recipient_user_id: z.nullish(z.string()),
    recipient_parent_user_id: z.nullish(z.string()),
    /** Read field by field (see `map-status-extras.ts`): odd pricing must not cost the status. */
    pricing: z.optional(z.unknown()),
    conversation: z.optional(z.unknown()),
    /** Read one by one (see `mapStatusError`): an odd error must not turn a failed status into an unknown event. */
    errors: z.nullish(z.array(z.unknown())),
  });

  return {
    timestampSchema,
    lenientTextSchema,
    webhookEnvelopeSchema,
    webhookEntrySchema,
    webhookChangeSchema,
    messagesValueSchema,
    webhookContactSchema,
    webhookMessageSchema,
    webhookErrorSchema,
    webhookStatusSchema,
  };
});

/** A `value.messages[]` item. */
export type WebhookMessage = z.infer<ReturnType<typeof webhookSchemas>['webhookMessageSchema']>;
