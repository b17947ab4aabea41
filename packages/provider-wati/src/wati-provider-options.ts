import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';

/**
 * What `send` and `sendBulk` read from `providerOptions.wati`.
 *
 * @example
 * ```ts
 * await wati.send(message, { providerOptions: { wati: { broadcastName: 'spring-sale' } } });
 * ```
 */
export const watiSendOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /**
     * The broadcast a template send is filed under in WATI's dashboard (`broadcast_name`). Default: the
     * template name (for `sendBulk`, the request's `campaign` first). Ignored by session messages.
     */
    broadcastName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    /**
     * `api: 'v3'` only: the WATI channel (its name or business number, as `GET /api/ext/v3/channels` or
     * WATI's dashboard shows it) that sends. Session sends target `channel:number`; template sends pass
     * it as `channel`. Default: the account's default channel. A `:` is not allowed (it separates the
     * channel from the number in a V3 target).
     */
    channel: z.optional(
      z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[^:]+$/, 'must not contain ":"')),
    ),
  }),
);

/** `providerOptions.wati` of `send` and `sendBulk`; see {@link watiSendOptionsSchema}. */
export type WatiSendOptions = z.input<typeof watiSendOptionsSchema>;

/** Operators of WATI's contact attribute filter (`getContacts?attribute=…`). */
export const WATI_CONTACT_FILTER_OPERATORS = [
  'contain',
  'notContain',
  'exist',
  'notExist',
  '==',
  '!=',
  'valid',
  'invalid',
] as const;

/** An operator of WATI's contact attribute filter; see {@link WATI_CONTACT_FILTER_OPERATORS}. */
export type WatiContactFilterOperator = (typeof WATI_CONTACT_FILTER_OPERATORS)[number];

// The operators that compare against a value; the others test presence or validity.
const VALUE_OPERATORS: ReadonlySet<string> = new Set(['contain', 'notContain', '==', '!=']);

/** One attribute filter of `contacts.list`; `value` is required by the comparing operators. */
export const watiContactFilterSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .strictObject({
      name: z.string().check(z.minLength(1)),
      operator: z.enum(WATI_CONTACT_FILTER_OPERATORS),
      value: z.optional(z.string()),
    })
    .check(
      z.superRefine((filter, ctx) => {
        if (VALUE_OPERATORS.has(filter.operator) && filter.value === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['value'],
            message: `operator "${filter.operator}" needs a value`,
          });
        }
      }),
    ),
);

/** One attribute filter of `contacts.list`; see {@link watiContactFilterSchema}. */
export type WatiContactFilter = z.input<typeof watiContactFilterSchema>;

/**
 * What `contacts.list` reads from `providerOptions.wati`: WATI's contact filters.
 *
 * @example
 * ```ts
 * await wati.contacts.list({ pageSize: 100, providerOptions: { wati: { attributes: [{ name: 'city', operator: '==', value: 'Lisbon' }] } } });
 * ```
 */
export const watiContactListOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** Contacts whose name contains this text. */
    name: z.optional(z.string().check(z.minLength(1))),
    /**
     * Attribute filters, all of which must match. `value` is required by `contain`, `notContain`, `==`
     * and `!=`, and ignored by `exist`, `notExist`, `valid` and `invalid`.
     */
    attributes: z.optional(z.array(watiContactFilterSchema)),
    /** Contacts created on this day, `YYYY-MM-DD`. */
    createdDate: z.optional(z.iso.date()),
  }),
);

/** `providerOptions.wati` of `contacts.list`; see {@link watiContactListOptionsSchema}. */
export type WatiContactListOptions = z.input<typeof watiContactListOptionsSchema>;

/** `conversations.messages` reads no WATI options; the namespace, when given, must be empty. */
export const watiConversationOptionsSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({}));
