import { z } from 'zod';
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

/** Operators of the `attributes` filter of `contacts.list`. */
export const CONTACT_FILTER_OPERATORS = [
  'contain',
  'notContain',
  'exist',
  'notExist',
  '==',
  '!=',
  'valid',
  'invalid',
] as const;

// The operators that compare against a value; the others test presence or validity.
const VALUE_OPERATORS: ReadonlySet<string> = new Set(['contain', 'notContain', '==', '!=']);

/** Options of `contacts.list`. */
export const contactListOptionsSchema = z.strictObject({
  pageSize: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).optional(),
  /** Contacts whose name contains this text. */
  name: z.string().min(1).optional(),
  /** Attribute filters, all of which must match. `value` is ignored by `exist`/`notExist`/`valid`/`invalid`. */
  attributes: z
    .array(
      z
        .strictObject({
          name: z.string().min(1),
          operator: z.enum(CONTACT_FILTER_OPERATORS),
          value: z.string().optional(),
        })
        .superRefine((filter, ctx) => {
          if (VALUE_OPERATORS.has(filter.operator) && filter.value === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['value'],
              message: `operator "${filter.operator}" needs a value`,
            });
          }
        }),
    )
    .optional(),
  /** Contacts created on this day, `YYYY-MM-DD`. */
  createdDate: z.iso.date().optional(),
});

/** Options of `contacts.list`. */
export type ContactListOptions = z.input<typeof contactListOptionsSchema>;
