import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import { providerOptionsSchema } from '../provider/provider-options.js';
import { listOptionsSchema } from './page.js';
import { phoneSchema } from './phone.js';

/** An address-book entry held by the provider (WATI contacts). */
export const contactSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** Digits only, country code first. */
    phone: z.string(),
    name: z.optional(z.string()),
    attributes: z.record(z.string(), z.string()),
    createdAt: z.optional(z.date()),
    /** The provider's own record. */
    raw: z.unknown(),
  }),
);

/** An address-book entry; see {@link contactSchema}. */
export type Contact = z.infer<typeof contactSchema>;

/** A contact to create or update. */
export const contactInputSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    phone: phoneSchema,
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    attributes: z.optional(z.record(z.string().check(z.minLength(1)), z.string())),
  }),
);

/** A contact to create or update, as the caller writes it. */
export type ContactInput = z.input<typeof contactInputSchema>;

/** Options of `contacts.list`. */
export const contactListOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.extend(listOptionsSchema, {
    /** Filters only one provider understands (WATI's name and attribute filters), by provider id. */
    providerOptions: z.optional(providerOptionsSchema),
  }),
);

/** Options of `contacts.list`. */
export type ContactListOptions = z.input<typeof contactListOptionsSchema>;
