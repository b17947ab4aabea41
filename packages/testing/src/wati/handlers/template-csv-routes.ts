import { csvReceivers } from '../csv-receivers.js';
import { findSendableTemplate, sendTemplateTo } from '../template-send.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import { readMultipart } from '../wati-request-body.js';
import { watiJson, watiSoftFailure, watiValidationProblem } from '../wati-responses.js';
import type { WatiRoute } from '../wati-route.js';
import { bulkErrors } from './template-send-routes.js';

/**
 * `POST /api/v1/sendTemplateMessageCSV?template_name=&broadcast_name=` with a multipart part
 * `whatsapp_numbers_csv`. WATI documents only "200 OK"; the emulator answers like the v1 bulk send,
 * `{ result: true, errors: { error, invalidWhatsappNumbers, invalidCustomParameters } }` (an inference).
 */
export function templateCsvRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v1/sendTemplateMessageCSV',
      async resolve({ request, url }) {
        const templateName = url.searchParams.get('template_name') ?? '';
        const broadcastName = url.searchParams.get('broadcast_name') ?? '';
        const form = await readMultipart(request);
        const part = form?.get('whatsapp_numbers_csv');
        const errors: Record<string, string[]> = {};
        if (templateName === '') errors.template_name = ['The template_name field is required.'];
        if (broadcastName === '') errors.broadcast_name = ['The broadcast_name field is required.'];
        if (part === undefined || part === null) {
          errors.whatsapp_numbers_csv = [
            'The whatsapp_numbers_csv field is required (a multipart/form-data file part).',
          ];
        }
        if (Object.keys(errors).length > 0 || part === undefined || part === null)
          return watiValidationProblem(errors);

        const found = findSendableTemplate(context, templateName);
        if (!found.ok) return watiSoftFailure(found.reason);
        const csvText = typeof part === 'string' ? part : await part.text();
        const parsed = csvReceivers(csvText, found.template);
        if (!parsed.ok) return watiSoftFailure(parsed.reason);
        if (parsed.receivers.length === 0) return watiSoftFailure('The CSV has no recipients.');
        const outcomes = parsed.receivers.map((receiver) =>
          sendTemplateTo(context, found.template, broadcastName, receiver),
        );
        return watiJson({ result: true, errors: bulkErrors(outcomes) });
      },
    },
  ];
}
