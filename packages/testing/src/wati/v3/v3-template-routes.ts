import { z } from 'zod';
import { findSendableTemplate, sendTemplateTo } from '../template-send.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import { watiLocalMessageId, watiObjectId } from '../wati-ids.js';
import type { WatiRoute } from '../wati-route.js';
import type { WatiTemplateRecord } from '../wati-template.js';
import { toWatiTemplate } from '../wati-template.js';
import {
  checkChannel,
  pageOf,
  readV3Json,
  readV3Paging,
  splitTarget,
  V3,
  v3Error,
  v3Json,
} from './v3-common.js';

/** "List of recipients to send the template message to. (1 to 10,000 items)" (WATI's V3 OpenAPI). */
export const V3_MAX_TEMPLATE_RECIPIENTS = 10_000;

const nameValue = z.strictObject({ name: z.string().min(1), value: z.string() });

const sendSchema = z.strictObject({
  channel: z.string().nullish(),
  template_name: z.string().min(1, 'The template_name field is required.'),
  broadcast_name: z.string().min(1, 'The broadcast_name field is required.'),
  recipients: z
    .array(
      z
        .strictObject({
          phone_number: z.string().nullish(),
          target: z.string().nullish(),
          local_message_id: z.string().nullish(),
          custom_params: z.array(nameValue).nullish(),
        })
        // "Each recipient must have at least one of phone_number or target. Returns 400 if neither."
        .refine((recipient) => Boolean(recipient.phone_number) || Boolean(recipient.target), {
          message: 'Each recipient needs a phone_number or a target.',
        }),
    )
    .min(1, 'At least one recipient is required.')
    .max(V3_MAX_TEMPLATE_RECIPIENTS, `At most ${V3_MAX_TEMPLATE_RECIPIENTS} recipients are allowed.`),
});

/** A business-scoped user id (`US.1349…`, `US.ENT.1181…`): Meta's format, as WATI takes it in `target`. */
const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/**
 * The number a recipient names: `phone_number`, else a `target` that is a known contact's id or
 * BSUID, or a number. A BSUID no contact has cannot be resolved to a number: that recipient fails
 * with its own error, as WATI reports per-recipient problems in `errors`.
 */
function recipientNumber(
  context: WatiEmulatorContext,
  phone: string | null | undefined,
  target: string | null | undefined,
): { waId: string } | { error: string } {
  if (phone) return { waId: phone };
  const id = splitTarget(target ?? '').id;
  for (const contact of context.state.contacts.values()) {
    if (contact.id === id || contact.bsuid === id) return { waId: contact.waId };
  }
  return BSUID.test(id) ? { error: `No contact found for target ${id}` } : { waId: id };
}

/** A template as V3's `MessageTemplateDto` (snake_case; `custom_params` `[{ name, value }]`). */
function toV3Template(template: WatiTemplateRecord): Record<string, unknown> {
  const legacy = toWatiTemplate(template);
  const buttons = (legacy.buttons as { type: string; parameter: Record<string, unknown> }[]).map(
    (button) => ({
      type: button.type,
      parameter: {
        text: button.parameter.text,
        url: button.parameter.url,
        phone_number: button.parameter.phoneNumber,
      },
    }),
  );
  return {
    id: template.id,
    name: template.elementName,
    category: template.category,
    sub_category: 'STANDARD',
    hsm: template.body,
    hsm_original: template.body,
    custom_params: template.customParams.map((param) => ({ name: param.paramName, value: param.paramValue })),
    status: template.status,
    language_option: legacy.language,
    last_modified: template.lastModified.toISOString(),
    type: 'template',
    header: legacy.header,
    body: template.body,
    body_original: template.body,
    footer: template.footer ?? '',
    buttons,
    buttons_type: legacy.buttonsType,
  };
}

/**
 * `POST /api/ext/v3/messageTemplates/send` (1 to 10,000 recipients, `phone_number` or `target` — a
 * number, contact id or a contact's BSUID —, a caller `local_message_id` honoured) and `GET /api/ext/v3/messageTemplates` (paged, with `total`).
 * A refused request is HTTP 200 `{ success: false, error }`; a refused recipient keeps its entry
 * with `errors`.
 */
export function v3TemplateRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    {
      method: 'POST',
      pattern: `${V3}/messageTemplates/send`,
      tenantless: true,
      async resolve({ request }) {
        const body = await readV3Json(request, sendSchema);
        if (!body.ok) return body.response;
        const { template_name: name, broadcast_name: broadcastName } = body.value;
        const refuse = (error: string) =>
          v3Json({ success: false, broadcast_id: null, error, recipients: [] });
        if (checkChannel(context, body.value.channel ?? undefined) !== undefined) {
          return refuse(`Channel not found: ${body.value.channel}`);
        }
        const found = findSendableTemplate(context, name);
        if (!found.ok) return refuse(found.reason);
        const recipients = body.value.recipients.map((recipient) => {
          const address = recipientNumber(context, recipient.phone_number, recipient.target);
          if ('error' in address) {
            const localMessageId = recipient.local_message_id ?? watiLocalMessageId();
            return { local_message_id: localMessageId, phone_number: null, errors: [address.error] };
          }
          const { waId } = address;
          const outcome = sendTemplateTo(context, found.template, broadcastName, {
            waId,
            parameters: recipient.custom_params ?? [],
            localMessageId: recipient.local_message_id ?? undefined,
          });
          return { local_message_id: outcome.localMessageId, phone_number: waId, errors: outcome.errors };
        });
        return v3Json({ success: true, broadcast_id: watiObjectId(), error: null, recipients });
      },
    },
    {
      method: 'GET',
      pattern: `${V3}/messageTemplates`,
      tenantless: true,
      resolve({ url }) {
        const paging = readV3Paging(url);
        if (!paging.ok) return paging.response;
        const channel = url.searchParams.get('channel');
        const badChannel = checkChannel(context, channel === null || channel === '' ? undefined : channel);
        if (badChannel !== undefined) return badChannel;
        const all = [...context.state.templates.values()];
        return v3Json({
          templates: pageOf(all, paging.value).map(toV3Template),
          page_number: paging.value.pageNumber,
          page_size: paging.value.pageSize,
          total: all.length,
        });
      },
    },
    {
      // Anything else under messageTemplates/ that is not a route: V3's own error body.
      method: 'GET',
      pattern: `${V3}/messageTemplates/:templateId`,
      tenantless: true,
      resolve({ params }) {
        const template = [...context.state.templates.values()].find(
          (entry) => entry.id === params.templateId,
        );
        return template === undefined
          ? v3Error(404, `Template not found: ${params.templateId}`)
          : v3Json(toV3Template(template));
      },
    },
  ];
}
