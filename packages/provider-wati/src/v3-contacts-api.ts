import { ApiError, type Contact, type ContactInput, type Page } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { toContact } from './contacts-api.js';
import { nextPageCursor, type PagePosition } from './page-cursor.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { V3_MAX_PAGE_SIZE } from './v3-templates-api.js';
import type { WatiClient } from './wati-client.js';
import { WATI_V3_PATH_PREFIX } from './wati-options.js';

const v3ContactSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    wa_id: z.optional(z.unknown()),
    name: z.optional(z.unknown()),
    custom_params: z.optional(z.unknown()),
  }),
);

const contactListSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ contact_list: z.nullish(z.array(z.unknown())) }),
);
const contactBodySchema = /* @__PURE__ */ lazySchema(() => z.nullish(z.looseObject({})));

/**
 * Maps a V3 contact (`{ id, wa_id, name, phone: "+1…", created: ISO, custom_params: [{ name, value }], … }`)
 * through the legacy mapping: the phone from `wa_id`, else `phone`; a name equal to the number dropped.
 */
export function toV3Contact(raw: unknown): Contact | undefined {
  const parsed = v3ContactSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const contact = parsed.data;
  const mapped = toContact({
    ...contact,
    wAid: contact.wa_id,
    fullName: contact.name,
    customParams: Array.isArray(contact.custom_params) ? contact.custom_params : [],
  });
  return mapped === undefined ? undefined : { ...mapped, raw };
}

function nameValues(attributes: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(attributes).map(([name, value]) => ({ name, value }));
}

/**
 * One page of `GET /api/ext/v3/contacts?page_number&page_size` (at most 100 a page). V3 answers no
 * total and no link, so a full page means there may be more.
 */
export async function listV3Contacts(client: WatiClient, position: PagePosition): Promise<Page<Contact>> {
  const pageSize = Math.min(position.pageSize, V3_MAX_PAGE_SIZE);
  const response = await client.call(
    {
      method: 'GET',
      path: `${WATI_V3_PATH_PREFIX}/contacts`,
      query: { page_number: position.pageNumber, page_size: pageSize },
      operation: 'contacts.list',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.contacts,
      api: 'v3',
    },
    contactListSchema,
  );
  const rawItems = response.data.contact_list ?? [];
  const items = rawItems.flatMap((raw) => toV3Contact(raw) ?? []);
  const nextCursor = nextPageCursor(undefined, { ...position, pageSize }, rawItems.length);
  return nextCursor === undefined ? { items } : { items, nextCursor };
}

/**
 * `PUT /api/ext/v3/contacts` with `{ contacts: [{ target, customParams }] }` (camelCase
 * `customParams` here only, as WATI's V3 schema has it). Answers the updated contacts; an empty list
 * means WATI found no contact for the target.
 */
export async function updateV3ContactAttributes(
  client: WatiClient,
  phone: string,
  attributes: Record<string, string>,
): Promise<Contact | undefined> {
  const response = await client.call(
    {
      method: 'PUT',
      path: `${WATI_V3_PATH_PREFIX}/contacts`,
      body: { type: 'json', value: { contacts: [{ target: phone, customParams: nameValues(attributes) }] } },
      operation: 'contacts.updateAttributes',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.contacts,
      api: 'v3',
    },
    contactListSchema,
  );
  const updated = response.data.contact_list ?? [];
  if (updated.length === 0) {
    throw new ApiError(`WATI updated no contact for ${phone}: it has no contact with that number`, {
      provider: 'wati',
      code: 'invalid_recipient',
      retryable: false,
      status: response.status,
      url: response.url,
    });
  }
  return toV3Contact(updated[0]);
}

// WATI refuses to create a contact it already has; the wording is matched loosely.
const ALREADY_EXISTS = /already exist/i;

function isExistingContactRefusal(error: unknown): boolean {
  if (!ApiError.isInstance(error)) return false;
  const { status, message, responseBody } = error as ApiError;
  return (
    (status === undefined || (status >= 400 && status < 500 && status !== 429)) &&
    ALREADY_EXISTS.test(`${message} ${responseBody ?? ''}`)
  );
}

/**
 * `contacts.upsert` over V3: `POST /api/ext/v3/contacts` with `{ whatsapp_number, name, custom_params }`
 * (`name` is required there: without one, the number is sent, which is what WATI shows for a contact
 * without a name). When WATI refuses because the contact exists, its attributes are set with
 * `PUT /api/ext/v3/contacts` instead; V3 cannot rename a contact either, so its name is kept.
 */
export async function upsertV3Contact(
  client: WatiClient,
  contact: ContactInput & { phone: string },
): Promise<Contact> {
  const attributes = { ...contact.attributes };
  let created: unknown;
  try {
    const response = await client.call(
      {
        method: 'POST',
        path: `${WATI_V3_PATH_PREFIX}/contacts`,
        body: {
          type: 'json',
          value: {
            whatsapp_number: contact.phone,
            name: contact.name ?? contact.phone,
            custom_params: nameValues(attributes),
          },
        },
        operation: 'contacts.upsert',
        rateLimitGroup: WATI_RATE_LIMIT_GROUPS.contacts,
        api: 'v3',
      },
      contactBodySchema,
    );
    created = response.data;
  } catch (error) {
    if (!isExistingContactRefusal(error)) throw error;
    if (Object.keys(attributes).length === 0) return { phone: contact.phone, attributes, raw: null };
    const updated = await updateV3ContactAttributes(client, contact.phone, attributes);
    return updated ?? { phone: contact.phone, attributes, raw: null };
  }
  return (
    toV3Contact(created) ?? {
      phone: contact.phone,
      ...(contact.name === undefined ? {} : { name: contact.name }),
      attributes,
      raw: created ?? null,
    }
  );
}
