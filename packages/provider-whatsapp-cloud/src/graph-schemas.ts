import * as z from 'zod';

// Lenient on purpose: unknown keys pass, optional fields are `nullish`, so an API addition never
// breaks a send. What we read is required.

/** `POST /{phone-number-id}/messages` → `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id, message_status? }] }`. */
export const sendResponseSchema = z.looseObject({
  messaging_product: z.string().nullish(),
  contacts: z
    .array(
      z.looseObject({
        input: z.string().nullish(),
        wa_id: z.string().nullish(),
        user_id: z.string().nullish(),
      }),
    )
    .nullish(),
  messages: z.array(z.looseObject({ id: z.string().min(1), message_status: z.string().nullish() })).min(1),
});

/** `{ success: true }`, the answer of mark-read, deletes and profile updates. */
export const successSchema = z.looseObject({ success: z.boolean().nullish() });

/** `POST /{phone-number-id}/media` → `{ id }`. */
export const mediaUploadResponseSchema = z.looseObject({ id: z.string().min(1) });

/** `GET /{media-id}`; `file_size` is a number in Meta's examples and a string in its OpenAPI file. */
export const mediaInfoResponseSchema = z.looseObject({
  id: z.string().min(1),
  url: z.string().nullish(),
  mime_type: z.string().nullish(),
  sha256: z.string().nullish(),
  file_size: z.union([z.number(), z.string().regex(/^\d+$/)]).nullish(),
  messaging_product: z.string().nullish(),
});

/** Graph cursor paging; `next` is present only when there is a next page. */
export const pagingSchema = z
  .looseObject({
    cursors: z.looseObject({ before: z.string().nullish(), after: z.string().nullish() }).nullish(),
    next: z.string().nullish(),
    previous: z.string().nullish(),
  })
  .nullish();

const templateButtonSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  url: z.string().nullish(),
  phone_number: z.string().nullish(),
});

/** One component of a template as `message_templates` lists it. */
export const graphTemplateComponentSchema = z.looseObject({
  type: z.string(),
  format: z.string().nullish(),
  text: z.string().nullish(),
  buttons: z.array(templateButtonSchema).nullish(),
});

/** One template of `GET /{waba-id}/message_templates`. */
export const graphTemplateSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string(),
  language: z.string(),
  status: z.string().nullish(),
  category: z.string().nullish(),
  parameter_format: z.string().nullish(),
  components: z.array(graphTemplateComponentSchema).nullish(),
});

/** A template as Graph lists it. */
export type GraphTemplate = z.infer<typeof graphTemplateSchema>;

/** `GET /{waba-id}/message_templates`. */
export const templateListResponseSchema = z.looseObject({
  data: z.array(graphTemplateSchema),
  paging: pagingSchema,
});

/** `POST /{waba-id}/message_templates` → `{ id, status, category }`. */
export const templateCreateResponseSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().nullish(),
  category: z.string().nullish(),
});

/** A phone number of `GET /{phone-number-id}` and `GET /{waba-id}/phone_numbers`. */
export const graphPhoneNumberSchema = z.looseObject({
  id: z.string().min(1),
  display_phone_number: z.string(),
  verified_name: z.string().nullish(),
  quality_rating: z.string().nullish(),
});

/** `GET /{waba-id}/phone_numbers`. */
export const phoneNumberListResponseSchema = z.looseObject({
  data: z.array(graphPhoneNumberSchema),
  paging: pagingSchema,
});

/** `GET /{phone-number-id}/whatsapp_business_profile` → `{ data: [ { about, … } ] }` (flat, per Meta's page). */
export const businessProfileResponseSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      about: z.string().nullish(),
      address: z.string().nullish(),
      description: z.string().nullish(),
      email: z.string().nullish(),
      profile_picture_url: z.string().nullish(),
      websites: z.array(z.string()).nullish(),
      vertical: z.string().nullish(),
    }),
  ),
});
