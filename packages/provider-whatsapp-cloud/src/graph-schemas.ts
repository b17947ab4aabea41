import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';

// Lenient on purpose: unknown keys pass, optional fields are `nullish`, so an API addition never
// breaks a send. What we read is required.

/** `POST /{phone-number-id}/messages` → `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id, message_status? }] }`. */
export const sendResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    messaging_product: z.nullish(z.string()),
    contacts: z.nullish(
      z.array(
        z.looseObject({
          input: z.nullish(z.string()),
          wa_id: z.nullish(z.string()),
          user_id: z.nullish(z.string()),
        }),
      ),
    ),
    messages: z
      .array(z.looseObject({ id: z.string().check(z.minLength(1)), message_status: z.nullish(z.string()) }))
      .check(z.minLength(1)),
  }),
);

/** `{ success: true }`, the answer of mark-read, deletes and profile updates. */
export const successSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ success: z.nullish(z.boolean()) }),
);

/** `POST /{phone-number-id}/media` → `{ id }`. */
export const mediaUploadResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ id: z.string().check(z.minLength(1)) }),
);

/** `GET /{media-id}`; `file_size` is a number in Meta's examples and a string in its OpenAPI file. */
export const mediaInfoResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    url: z.nullish(z.string()),
    mime_type: z.nullish(z.string()),
    sha256: z.nullish(z.string()),
    file_size: z.nullish(z.union([z.number(), z.string().check(z.regex(/^\d+$/))])),
    messaging_product: z.nullish(z.string()),
  }),
);

/** Graph cursor paging; `next` is present only when there is a next page. */
export const pagingSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(
    z.looseObject({
      cursors: z.nullish(z.looseObject({ before: z.nullish(z.string()), after: z.nullish(z.string()) })),
      next: z.nullish(z.string()),
      previous: z.nullish(z.string()),
    }),
  ),
);

const templateButtonSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    type: z.string(),
    text: z.nullish(z.string()),
    url: z.nullish(z.string()),
    phone_number: z.nullish(z.string()),
  }),
);

/** One component of a template as `message_templates` lists it. */
export const graphTemplateComponentSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    type: z.string(),
    format: z.nullish(z.string()),
    text: z.nullish(z.string()),
    buttons: z.nullish(z.array(templateButtonSchema)),
  }),
);

/** One template of `GET /{waba-id}/message_templates`. */
export const graphTemplateSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.nullish(z.string()),
    name: z.string(),
    language: z.string(),
    status: z.nullish(z.string()),
    category: z.nullish(z.string()),
    parameter_format: z.nullish(z.string()),
    components: z.nullish(z.array(graphTemplateComponentSchema)),
  }),
);

/** A template as Graph lists it. */
export type GraphTemplate = z.infer<typeof graphTemplateSchema>;

/** `GET /{waba-id}/message_templates`. */
export const templateListResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    data: z.array(graphTemplateSchema),
    paging: pagingSchema,
  }),
);

/** `POST /{waba-id}/message_templates` → `{ id, status, category }`. */
export const templateCreateResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    status: z.nullish(z.string()),
    category: z.nullish(z.string()),
  }),
);

/** A phone number of `GET /{phone-number-id}` and `GET /{waba-id}/phone_numbers`. */
export const graphPhoneNumberSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    display_phone_number: z.string(),
    verified_name: z.nullish(z.string()),
    quality_rating: z.nullish(z.string()),
  }),
);

/** `GET /{waba-id}/phone_numbers`. */
export const phoneNumberListResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    data: z.array(graphPhoneNumberSchema),
    paging: pagingSchema,
  }),
);

/** `GET /{phone-number-id}/whatsapp_business_profile` → `{ data: [ { about, … } ] }` (flat, per Meta's page). */
export const businessProfileResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    data: z.array(
      z.looseObject({
        about: z.nullish(z.string()),
        address: z.nullish(z.string()),
        description: z.nullish(z.string()),
        email: z.nullish(z.string()),
        profile_picture_url: z.nullish(z.string()),
        websites: z.nullish(z.array(z.string())),
        vertical: z.nullish(z.string()),
      }),
    ),
  }),
);
