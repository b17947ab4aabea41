import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { iso } from '../zod.js';

const optionalText = /* @__PURE__ */ lazySchema(() => z.optional(z.string().check(z.minLength(1))));

/**
 * A contact card (vCard-like) sent in a `contacts` message or received in an inbound one.
 * Field names are neutral; adapters map them to each provider's wire names.
 */
export const contactCardSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    name: z.strictObject({
      /** The full name as displayed, e.g. `Dr. Jane Q. Doe`. */
      formatted: z.string().check(z.minLength(1)),
      first: optionalText,
      last: optionalText,
      middle: optionalText,
      prefix: optionalText,
      suffix: optionalText,
    }),
    phones: z.optional(
      z.array(
        z.strictObject({
          /** As the card should show it; not normalized, since cards may carry local numbers. */
          phone: z.string().check(z.minLength(1)),
          /** e.g. `CELL`, `MAIN`, `IPHONE`, `HOME`, `WORK`. */
          type: optionalText,
          /** The WhatsApp id, when the number is on WhatsApp. */
          waId: optionalText,
        }),
      ),
    ),
    emails: z.optional(z.array(z.strictObject({ email: z.email(), type: optionalText }))),
    org: z.optional(z.strictObject({ company: optionalText, department: optionalText, title: optionalText })),
    urls: z.optional(z.array(z.strictObject({ url: z.string().check(z.minLength(1)), type: optionalText }))),
    addresses: z.optional(
      z.array(
        z.strictObject({
          street: optionalText,
          city: optionalText,
          state: optionalText,
          zip: optionalText,
          country: optionalText,
          /** ISO 3166-1 alpha-2, e.g. `US`. */
          countryCode: optionalText,
          type: optionalText,
        }),
      ),
    ),
    /** `YYYY-MM-DD`. */
    birthday: z.optional(iso.date()),
  }),
);

/** A contact card; see {@link contactCardSchema}. */
export type ContactCard = z.infer<typeof contactCardSchema>;
