import { z } from 'zod';
import { isInvalidNumber } from '../outbound-message.js';
import { mergeCustomParams } from '../wati-contact.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import type { WatiRoute } from '../wati-route.js';
import {
  pageOf,
  readV3Json,
  readV3Paging,
  resolveTarget,
  toV3Contact,
  V3,
  v3Error,
  v3Json,
} from './v3-common.js';

const nameValue = z.strictObject({ name: z.string().min(1), value: z.string() });

const addSchema = z.strictObject({
  whatsapp_number: z.string().min(1, 'The whatsapp_number field is required.'),
  name: z.string({ error: 'The name field is required.' }).min(1, 'The name field is required.'),
  custom_params: z.array(nameValue).nullish(),
});

// `customParams` is camelCase in this one V3 request model (WATI's V3 OpenAPI, UpdateContactRequest).
const updateSchema = z.strictObject({
  contacts: z
    .array(
      z.strictObject({
        target: z.string().min(1, 'The target field is required.'),
        customParams: z.array(nameValue).nullish(),
      }),
    )
    .min(1, 'At least one contact is required.'),
});

/**
 * V3 contacts: `GET /api/ext/v3/contacts` (paged, no total), `GET /api/ext/v3/contacts/{target}`,
 * `POST /api/ext/v3/contacts` (a contact that exists is a 400: inferred, WATI documents no V3 body
 * for it) and `PUT /api/ext/v3/contacts` (targets WATI does not know are left out of the answer),
 * plus `GET /api/ext/v3/channels` (the channels besides the default one).
 */
export function v3ContactRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    {
      method: 'GET',
      pattern: `${V3}/contacts`,
      tenantless: true,
      resolve({ url }) {
        const paging = readV3Paging(url);
        if (!paging.ok) return paging.response;
        const contacts = pageOf([...context.state.contacts.values()], paging.value);
        return v3Json({
          contact_list: contacts.map(toV3Contact),
          page_number: paging.value.pageNumber,
          page_size: paging.value.pageSize,
        });
      },
    },
    {
      method: 'GET',
      pattern: `${V3}/contacts/:target`,
      tenantless: true,
      resolve({ params }) {
        const contact = resolveTarget(context, params.target ?? '', 'contact');
        return contact.ok ? v3Json(toV3Contact(contact.value)) : contact.response;
      },
    },
    {
      method: 'POST',
      pattern: `${V3}/contacts`,
      tenantless: true,
      async resolve({ request }) {
        const body = await readV3Json(request, addSchema);
        if (!body.ok) return body.response;
        const waId = body.value.whatsapp_number;
        if (isInvalidNumber(context, waId)) return v3Error(400, `Invalid WhatsApp number: ${waId}`);
        if (context.state.contacts.has(waId)) return v3Error(400, `Contact already exists: ${waId}`);
        const { contact } = context.state.ensureContact({
          waId,
          name: body.value.name,
          customParams: body.value.custom_params ?? [],
          valid: true,
          now: context.config.now(),
        });
        return v3Json(toV3Contact(contact));
      },
    },
    {
      method: 'PUT',
      pattern: `${V3}/contacts`,
      tenantless: true,
      async resolve({ request }) {
        const body = await readV3Json(request, updateSchema);
        if (!body.ok) return body.response;
        const updated = body.value.contacts.flatMap((entry) => {
          const contact = resolveTarget(context, entry.target, 'contact');
          if (!contact.ok) return [];
          mergeCustomParams(contact.value, entry.customParams ?? [], context.config.now());
          return [toV3Contact(contact.value)];
        });
        return v3Json({ contact_list: updated });
      },
    },
    {
      method: 'GET',
      pattern: `${V3}/channels`,
      tenantless: true,
      resolve({ url }) {
        const paging = readV3Paging(url);
        if (!paging.ok) return paging.response;
        const channels = pageOf(context.config.channels, paging.value);
        return v3Json({
          channels: channels.map((channel) => ({ id: channel.id, name: channel.name, channel: 'Whatsapp' })),
        });
      },
    },
  ];
}
