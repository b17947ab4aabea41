import {
  ApiError,
  type Contact,
  type ContactInput,
  type ContactListOptions,
  contactInputSchema,
  contactListOptionsSchema,
  type Page,
  parseOrThrow,
  phoneSchema,
  readProviderOptions,
  urlPath,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { nextPageCursor, resolvePage, watiLinkSchema } from './page-cursor.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { listV3Contacts, updateV3ContactAttributes, upsertV3Contact } from './v3-contacts-api.js';
import type { WatiClient } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { watiContactListOptionsSchema } from './wati-provider-options.js';
import { phoneDigits, toContactDate, toText } from './wati-values.js';

const watiContactSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    wAid: z.optional(z.unknown()),
    phone: z.optional(z.unknown()),
    fullName: z.optional(z.unknown()),
    firstName: z.optional(z.unknown()),
    created: z.optional(z.unknown()),
    customParams: z.nullish(
      z.array(z.looseObject({ name: z.optional(z.unknown()), value: z.optional(z.unknown()) })),
    ),
  }),
);

const contactsPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    result: z.optional(z.unknown()),
    contact_list: z.nullish(z.array(z.unknown())),
    link: watiLinkSchema,
  }),
);

const addContactResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(z.looseObject({ result: z.optional(z.unknown()), contact: z.optional(z.unknown()) })),
);
const resultSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(z.looseObject({ result: z.optional(z.unknown()) })),
);

/**
 * Maps a WATI contact. WATI fills `firstName`/`fullName` with the `+`-prefixed phone when it knows
 * no name, so such a "name" is dropped. `created` is `MMM-dd-yyyy` (`Oct-11-2024`).
 */
export function toContact(raw: unknown): Contact | undefined {
  const parsed = watiContactSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const contact = parsed.data;
  const phone = phoneDigits(contact.wAid) ?? phoneDigits(contact.phone);
  if (phone === undefined) return undefined;
  const rawName = toText(contact.fullName) ?? toText(contact.firstName);
  const name = rawName !== undefined && phoneDigits(rawName) !== phone ? rawName : undefined;
  const attributes: Record<string, string> = {};
  for (const param of contact.customParams ?? []) {
    const key = toText(param.name);
    if (key !== undefined) attributes[key] = toText(param.value) ?? '';
  }
  const createdAt = toContactDate(contact.created);
  return {
    phone,
    ...(name === undefined ? {} : { name }),
    attributes,
    ...(createdAt === undefined ? {} : { createdAt }),
    raw,
  };
}

function customParams(attributes: Record<string, string> | undefined): { name: string; value: string }[] {
  return Object.entries(attributes ?? {}).map(([name, value]) => ({ name, value }));
}

/**
 * `contacts.list`: `GET /api/v1/getContacts?pageSize&pageNumber` (`api: 'v3'` without filters:
 * `GET /api/ext/v3/contacts`, which has none), with the `name`, `attribute` (a
 * JSON array of `{ name, operator, value }`) and `createdDate` filters of `providerOptions.wati`.
 * The cursor holds the next page number and the filters, so `list({ cursor })` stays filtered; see
 * {@link nextPageCursor} for when there is one.
 */
export async function listContacts(
  client: WatiClient,
  options: ContactListOptions = {},
): Promise<Page<Contact>> {
  const parsed = parseOrThrow(contactListOptionsSchema, options, {
    what: 'contact list options',
    provider: WATI_PROVIDER_ID,
  });
  const filters =
    readProviderOptions(WATI_PROVIDER_ID, watiContactListOptionsSchema, parsed.providerOptions) ?? {};
  const attribute =
    filters.attributes === undefined || filters.attributes.length === 0
      ? undefined
      : JSON.stringify(
          filters.attributes.map(({ name, operator, value }) => ({
            name,
            operator,
            ...(value === undefined ? {} : { value }),
          })),
        );
  const position = resolvePage(parsed, {
    name: filters.name,
    attribute,
    createdDate: filters.createdDate,
  });
  // V3 lists contacts without filters; a filtered listing stays on the legacy endpoint.
  const filtered = Object.values(position.filters).some((value) => value !== undefined);
  if (client.options.api === 'v3' && !filtered) return listV3Contacts(client, position);
  const response = await client.call(
    {
      method: 'GET',
      path: '/api/v1/getContacts',
      query: { pageSize: position.pageSize, pageNumber: position.pageNumber, ...position.filters },
      operation: 'contacts.list',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.contacts,
    },
    contactsPageSchema,
  );
  const rawItems = response.data.contact_list ?? [];
  const items = rawItems.flatMap((raw) => toContact(raw) ?? []);
  const nextCursor = nextPageCursor(response.data.link, position, rawItems.length);
  return nextCursor === undefined ? { items } : { items, nextCursor };
}

// WATI's addContact refuses a number it already knows (a soft failure naming it) instead of updating it.
const ALREADY_EXISTS = /already exist/i;

function isExistingContactRefusal(error: unknown): boolean {
  if (!ApiError.isInstance(error)) return false;
  const { status, message, responseBody } = error as ApiError;
  return (status === undefined || status < 500) && ALREADY_EXISTS.test(`${message} ${responseBody ?? ''}`);
}

async function postAttributes(
  client: WatiClient,
  phone: string,
  attributes: Record<string, string>,
): Promise<unknown> {
  const response = await client.call(
    {
      method: 'POST',
      path: urlPath`/api/v1/updateContactAttributes/${phone}`,
      body: { type: 'json', value: { customParams: customParams(attributes) } },
      operation: 'contacts.updateAttributes',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.contacts,
    },
    resultSchema,
  );
  return response.data ?? null;
}

/**
 * `contacts.upsert`: `POST /api/v1/addContact/{whatsappNumber}` with `{ name, customParams }`.
 * Returns WATI's contact when it echoes one, else the contact as sent. When WATI refuses because
 * the contact already exists, its attributes are updated instead (`updateContactAttributes`); WATI's
 * v1 API cannot rename a contact, so the existing name is kept and the result carries no `name`.
 * With `api: 'v3'`, see `upsertV3Contact`.
 */
export async function upsertContact(client: WatiClient, input: ContactInput): Promise<Contact> {
  const contact = parseOrThrow(contactInputSchema, input, { what: 'contact', provider: WATI_PROVIDER_ID });
  if (client.options.api === 'v3') return upsertV3Contact(client, contact);
  const attributes = { ...contact.attributes };
  let response: { data: z.output<typeof addContactResponseSchema> };
  try {
    response = await client.call(
      {
        method: 'POST',
        path: urlPath`/api/v1/addContact/${contact.phone}`,
        body: {
          type: 'json',
          value: {
            ...(contact.name === undefined ? {} : { name: contact.name }),
            customParams: customParams(attributes),
          },
        },
        operation: 'contacts.upsert',
        rateLimitGroup: WATI_RATE_LIMIT_GROUPS.contacts,
      },
      addContactResponseSchema,
    );
  } catch (error) {
    if (!isExistingContactRefusal(error)) throw error;
    const raw =
      Object.keys(attributes).length === 0 ? null : await postAttributes(client, contact.phone, attributes);
    return { phone: contact.phone, attributes, raw };
  }
  const echoed = toContact(response.data?.contact);
  if (echoed !== undefined) return echoed;
  return {
    phone: contact.phone,
    ...(contact.name === undefined ? {} : { name: contact.name }),
    attributes,
    raw: response.data ?? null,
  };
}

const updateSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    phone: phoneSchema,
    attributes: z
      .record(z.string().check(z.minLength(1)), z.string())
      .check(
        z.refine((attributes) => Object.keys(attributes).length > 0, 'give at least one attribute to update'),
      ),
  }),
);

/**
 * `contacts.updateAttributes`: `POST /api/v1/updateContactAttributes/{whatsappNumber}` with
 * `{ customParams }` (`api: 'v3'`: `PUT /api/ext/v3/contacts`, an `ApiError` when WATI has no such contact).
 */
export async function updateContactAttributes(
  client: WatiClient,
  phone: string,
  attributes: Record<string, string>,
): Promise<void> {
  const parsed = parseOrThrow(
    updateSchema,
    { phone, attributes },
    { what: 'contact attributes', provider: WATI_PROVIDER_ID },
  );
  if (client.options.api === 'v3') await updateV3ContactAttributes(client, parsed.phone, parsed.attributes);
  else await postAttributes(client, parsed.phone, parsed.attributes);
}
