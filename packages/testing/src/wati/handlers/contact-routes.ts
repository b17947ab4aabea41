import { z } from 'zod';
import { attributeFilterSchema, matchesAttributeFilter } from '../contact-filter.js';
import { invalidNumberFailure, isInvalidNumber } from '../outbound-message.js';
import { paginate, readPaging } from '../pagination.js';
import { mergeCustomParams, toWatiContact } from '../wati-contact.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import type { WatiContactRecord } from '../wati-records.js';
import { problemFromIssues, readJsonBody } from '../wati-request-body.js';
import { watiJson, watiSoftFailure, watiValidationProblem } from '../wati-responses.js';
import type { WatiRoute } from '../wati-route.js';

const nameValueSchema = z.object({ name: z.string().min(1), value: z.string() });
const addContactSchema = z.looseObject({
  name: z.string().nullish(),
  customParams: z.array(nameValueSchema).nullish(),
});
const updateAttributesSchema = z.looseObject({ customParams: z.array(nameValueSchema) });

/** `YYYY-MM-DD` (Maton's reference) or `MM-DD-YYYY` (seen in a WATI-compatible clone) → `YYYY-MM-DD`. */
function normalizeDate(value: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso !== null) return value;
  const us = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  return us === null ? undefined : `${us[3]}-${us[1]}-${us[2]}`;
}

type ContactPredicate = (contact: WatiContactRecord) => boolean;

/** The filters of a `getContacts` query, all of which a contact must pass; or a 400. */
function readContactFilters(url: URL): ContactPredicate[] | Response {
  const filters: ContactPredicate[] = [];
  const name = url.searchParams.get('name');
  if (name !== null && name !== '') {
    const wanted = name.toLowerCase();
    filters.push((contact) => (contact.name ?? `+${contact.waId}`).toLowerCase().includes(wanted));
  }
  const createdDate = url.searchParams.get('createdDate');
  if (createdDate !== null && createdDate !== '') {
    const day = normalizeDate(createdDate);
    if (day === undefined) {
      return watiValidationProblem({
        createdDate: [`The value '${createdDate}' is not a date (YYYY-MM-DD).`],
      });
    }
    // A contact "created on" that UTC day: WATI does not say whether it means on or since (an inference).
    filters.push((contact) => contact.created.toISOString().slice(0, 10) === day);
  }
  const attribute = url.searchParams.get('attribute');
  if (attribute !== null && attribute !== '') {
    let raw: unknown;
    try {
      raw = JSON.parse(attribute);
    } catch {
      return watiValidationProblem({
        attribute: ['The attribute filter must be a JSON array of {name, operator, value}.'],
      });
    }
    const parsed = z.array(attributeFilterSchema).safeParse(raw);
    if (!parsed.success) return problemFromIssues(parsed.error.issues, 'attribute');
    for (const condition of parsed.data)
      filters.push((contact) => matchesAttributeFilter(contact, condition));
  }
  return filters;
}

/**
 * Contacts: `GET /api/v1/getContacts` (paged, filtered by `name`, `createdDate` and `attribute`),
 * `POST /api/v1/addContact/{n}` and `POST /api/v1/updateContactAttributes/{n}`.
 */
export function contactRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/getContacts',
      resolve({ url }) {
        const paging = readPaging(url);
        if (paging instanceof Response) return paging;
        const filters = readContactFilters(url);
        if (filters instanceof Response) return filters;
        // Creation order: WATI does not document the order of this list.
        const matching = [...context.state.contacts.values()].filter((contact) =>
          filters.every((test) => test(contact)),
        );
        const page = paginate(matching, paging);
        return watiJson({
          result: 'success',
          contact_list: page.items.map((contact) => toWatiContact(contact, context.teamId)),
          link: page.link,
        });
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/addContact/:whatsappNumber',
      async resolve({ request, params }) {
        const body = await readJsonBody(request, addContactSchema);
        if (!body.ok) return body.response;
        const waId = params.whatsappNumber ?? '';
        if (isInvalidNumber(context, waId)) return invalidNumberFailure(waId);
        if (context.state.contacts.has(waId)) return watiSoftFailure(`Contact already exists: ${waId}`);
        const { contact } = context.state.ensureContact({
          waId,
          name: body.value.name ?? undefined,
          customParams: body.value.customParams ?? [],
          valid: true,
          now: context.config.now(),
        });
        return watiJson({
          result: true,
          info: 'Contact added.',
          contact: toWatiContact(contact, context.teamId),
        });
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/updateContactAttributes/:whatsappNumber',
      async resolve({ request, params }) {
        const body = await readJsonBody(request, updateAttributesSchema);
        if (!body.ok) return body.response;
        const contact = context.state.contacts.get(params.whatsappNumber ?? '');
        if (contact === undefined)
          return watiSoftFailure(`Contact not found: ${params.whatsappNumber ?? ''}`);
        mergeCustomParams(contact, body.value.customParams, context.config.now());
        return watiJson({
          result: true,
          info: 'Contact attributes updated.',
          contact: toWatiContact(contact, context.teamId),
        });
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/assignOperator',
      resolve({ url }) {
        const email = url.searchParams.get('email') ?? '';
        const whatsappNumber = url.searchParams.get('whatsappNumber') ?? '';
        const errors: Record<string, string[]> = {};
        if (email === '') errors.email = ['The email field is required.'];
        if (whatsappNumber === '') errors.whatsappNumber = ['The whatsappNumber field is required.'];
        if (Object.keys(errors).length > 0) return watiValidationProblem(errors);
        const contact = context.state.contacts.get(whatsappNumber);
        if (contact === undefined) return watiSoftFailure(`Contact not found: ${whatsappNumber}`);
        // Any well-formed address is an operator of the emulated tenant.
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return watiSoftFailure(`Operator not found: ${email}`);
        contact.operatorEmail = email;
        return watiJson({ result: true, info: `Operator ${email} assigned to ${whatsappNumber}.` });
      },
    },
  ];
}
