import * as z from 'zod';
import { providerOptionsSchema } from '../provider/provider-options.js';
import { listOptionsSchema } from './page.js';
import { phoneSchema } from './phone.js';

/** An address-book entry held by the provider (WATI contacts). */
export const contactSchema = z.strictObject({
  /** Digits only, country code first. */
  phone: z.string(),
  name: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
  createdAt: z.date().optional(),
  /** The provider's own record. */
  raw: z.unknown(),
});

/** An address-book entry; see {@link contactSchema}. */
export type Contact = z.infer<typeof contactSchema>;

/** A contact to create or update. */
export const contactInputSchema = z.strictObject({
  phone: phoneSchema,
  name: z.string().min(1).max(200).optional(),
  attributes: z.record(z.string().min(1), z.string()).optional(),
});

/** A contact to create or update, as the caller writes it. */
export type ContactInput = z.input<typeof contactInputSchema>;

/** Options of `contacts.list`. */
export const contactListOptionsSchema = listOptionsSchema.extend({
  /** Filters only one provider understands (WATI's name and attribute filters), by provider id. */
  providerOptions: providerOptionsSchema.optional(),
});

/** Options of `contacts.list`. */
export type ContactListOptions = z.input<typeof contactListOptionsSchema>;
