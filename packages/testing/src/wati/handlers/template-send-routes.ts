import { z } from 'zod';
import {
  findSendableTemplate,
  sendTemplateTo,
  type TemplateReceiverOutcome,
  toReceiverJson,
} from '../template-send.js';
import { toWatiContact } from '../wati-contact.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import { readJsonBody } from '../wati-request-body.js';
import { watiJson, watiSoftFailure, watiValidationProblem } from '../wati-responses.js';
import type { WatiRoute } from '../wati-route.js';

/** WATI: "You can add up to 1000 contacts in 1 call" (rate-limit notes of `/sendTemplateMessages`). */
export const MAX_BULK_RECEIVERS = 1000;

const nameValueSchema = z.object({ name: z.string(), value: z.string() });

const singleSendSchema = z.looseObject({
  template_name: z.string().min(1, 'The template_name field is required.'),
  broadcast_name: z.string().min(1, 'The broadcast_name field is required.'),
  parameters: z.array(nameValueSchema).nullish(),
  channel_number: z.string().nullish(),
});

const bulkSendSchema = z.looseObject({
  template_name: z.string().min(1, 'The template_name field is required.'),
  broadcast_name: z.string().min(1, 'The broadcast_name field is required.'),
  receivers: z
    .array(
      z.looseObject({
        whatsappNumber: z.string().min(1, 'The whatsappNumber field is required.'),
        customParams: z.array(nameValueSchema).nullish(),
        localMessageId: z.string().nullish(),
      }),
    )
    .min(1, 'At least one receiver is required.')
    .max(MAX_BULK_RECEIVERS, `You can add up to ${MAX_BULK_RECEIVERS} contacts in 1 call.`),
  channel_number: z.string().nullish(),
});

/** v1 single send: the captured response echoes the contact (and misspells `parameteres`); no message id. */
function v1SingleResponse(
  context: WatiEmulatorContext,
  outcome: TemplateReceiverOutcome,
  templateName: string,
) {
  if (!outcome.isValidWhatsAppNumber) {
    return watiSoftFailure(outcome.errors.join(' '), { validWhatsAppNumber: false });
  }
  if (outcome.message === undefined || outcome.contact === undefined)
    return watiSoftFailure(outcome.errors.join(' '));
  return watiJson({
    result: true,
    phone_number: outcome.waId,
    template_name: templateName,
    parameteres: outcome.message.template?.parameters ?? [],
    contact: toWatiContact(outcome.contact, context.teamId),
    model: { ids: [outcome.contact.id] },
    validWhatsAppNumber: true,
  });
}

/**
 * The soft failure for an unknown or unapproved template: v1 has only `info`; v2 also repeats the reason in
 * `error`, with the template name and no receivers (plus the echoed `parameters` of a single send).
 */
function templateRefused(
  version: number,
  reason: string,
  templateName: string,
  extra: Record<string, unknown> = {},
) {
  if (version === 1) return watiSoftFailure(reason);
  return watiSoftFailure(reason, { error: reason, templateName, receivers: [], ...extra });
}

/**
 * Template sends: `POST /api/v{1,2}/sendTemplateMessage?whatsappNumber=` (one recipient, `parameters`)
 * and `POST /api/v{1,2}/sendTemplateMessages` (up to 1000 `receivers` with `customParams`).
 */
export function templateSendRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [1, 2].flatMap((version): WatiRoute[] => [
    {
      method: 'POST',
      pattern: `/api/v${version}/sendTemplateMessage`,
      async resolve({ request, url }) {
        const whatsappNumber = url.searchParams.get('whatsappNumber');
        const body = await readJsonBody(request, singleSendSchema);
        if (!body.ok) return body.response;
        if (whatsappNumber === null || whatsappNumber === '') {
          return watiValidationProblem({ whatsappNumber: ['The whatsappNumber field is required.'] });
        }
        const parameters = body.value.parameters ?? [];
        const found = findSendableTemplate(context, body.value.template_name);
        if (!found.ok)
          return templateRefused(version, found.reason, body.value.template_name, { parameters });
        const outcome = sendTemplateTo(context, found.template, body.value.broadcast_name, {
          waId: whatsappNumber,
          parameters,
        });
        if (version === 1) return v1SingleResponse(context, outcome, body.value.template_name);
        // As WATI does, an invalid number is reported in its receiver (`isValidWhatsAppNumber: false`) while
        // the top-level `result` stays `true`.
        const failed = outcome.isValidWhatsAppNumber && outcome.message === undefined;
        return watiJson({
          result: !failed,
          error: failed ? outcome.errors.join(' ') : null,
          ...(failed ? { info: outcome.errors.join(' ') } : {}),
          templateName: found.template.elementName,
          receivers: [toReceiverJson(outcome)],
          parameters,
        });
      },
    },
    {
      method: 'POST',
      pattern: `/api/v${version}/sendTemplateMessages`,
      async resolve({ request }) {
        const body = await readJsonBody(request, bulkSendSchema);
        if (!body.ok) return body.response;
        const found = findSendableTemplate(context, body.value.template_name);
        if (!found.ok) return templateRefused(version, found.reason, body.value.template_name);
        const outcomes = body.value.receivers.map((receiver) =>
          sendTemplateTo(context, found.template, body.value.broadcast_name, {
            waId: receiver.whatsappNumber,
            parameters: receiver.customParams ?? [],
            // Only v2 receivers may carry a caller-chosen id.
            localMessageId: version === 2 ? (receiver.localMessageId ?? undefined) : undefined,
          }),
        );
        if (version === 1) return watiJson({ result: true, errors: bulkErrors(outcomes) });
        return watiJson({
          result: true,
          error: null,
          templateName: found.template.elementName,
          receivers: outcomes.map(toReceiverJson),
        });
      },
    },
  ]);
}

/**
 * The v1 bulk `errors` object: invalid numbers as plain strings (as captured); rejected parameters as
 * `"<number>: <reason>"` strings, since WATI documents no element shape for them.
 */
export function bulkErrors(outcomes: readonly TemplateReceiverOutcome[]) {
  return {
    error: null,
    invalidWhatsappNumbers: outcomes
      .filter((outcome) => !outcome.isValidWhatsAppNumber)
      .map((outcome) => outcome.waId),
    invalidCustomParameters: outcomes
      .filter((outcome) => outcome.isValidWhatsAppNumber && outcome.message === undefined)
      .map((outcome) => `${outcome.waId}: ${outcome.errors.join(' ')}`),
  };
}
