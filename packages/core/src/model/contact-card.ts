import * as z from 'zod';

const optionalText = z.string().min(1).optional();

/**
 * A contact card (vCard-like) sent in a `contacts` message or received in an inbound one.
 * Field names are neutral; adapters map them to each provider's wire names.
 */
export const contactCardSchema = z.strictObject({
  name: z.strictObject({
    /** The full name as displayed, e.g. `Dr. Jane Q. Doe`. */
    formatted: z.string().min(1),
    first: optionalText,
    last: optionalText,
    middle: optionalText,
    prefix: optionalText,
    suffix: optionalText,
  }),
  phones: z
    .array(
      z.strictObject({
        /** As the card should show it; not normalized, since cards may carry local numbers. */
        phone: z.string().min(1),
        /** e.g. `CELL`, `MAIN`, `IPHONE`, `HOME`, `WORK`. */
        type: optionalText,
        /** The WhatsApp id, when the number is on WhatsApp. */
        waId: optionalText,
      }),
    )
    .optional(),
  emails: z.array(z.strictObject({ email: z.email(), type: optionalText })).optional(),
  org: z.strictObject({ company: optionalText, department: optionalText, title: optionalText }).optional(),
  urls: z.array(z.strictObject({ url: z.string().min(1), type: optionalText })).optional(),
  addresses: z
    .array(
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
    )
    .optional(),
  /** `YYYY-MM-DD`. */
  birthday: z.iso.date().optional(),
});

/** A contact card; see {@link contactCardSchema}. */
export type ContactCard = z.infer<typeof contactCardSchema>;
