import { recordOutbound, sessionRecipient, toSentMessageJson } from '../outbound-message.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import { mediaTypeOf } from '../wati-request-body.js';
import { watiJson, watiValidationProblem } from '../wati-responses.js';
import type { WatiRoute } from '../wati-route.js';

const MAX_TEXT_LENGTH = 4096;

/**
 * `messageText` of a session send. WATI documents it as a query parameter; our reference sends it as a
 * form field, so both are read (the query wins when both are there). Any other body, JSON included, is
 * the wrong content type for this endpoint.
 */
async function readMessageText(request: Request, url: URL): Promise<{ text: string | undefined } | Response> {
  const mediaType = mediaTypeOf(request);
  const body = await request.text();
  let formText: string | null = null;
  if (mediaType === 'application/x-www-form-urlencoded') {
    formText = new URLSearchParams(body).get('messageText');
  } else if (body.length > 0) {
    return watiValidationProblem({
      messageText: [
        `Unsupported content type ${JSON.stringify(mediaType ?? '(none)')}: send messageText in the query or as an application/x-www-form-urlencoded field.`,
      ],
    });
  }
  return { text: url.searchParams.get('messageText') ?? formText ?? undefined };
}

/**
 * `POST /api/v1/sendSessionMessage/{whatsappNumber}`: free-form text within the 24-hour window.
 * Answers `{ ok: true, result: "success", message }`, or HTTP 200 `{ result: false, info }`.
 */
export function sessionMessageRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v1/sendSessionMessage/:whatsappNumber',
      async resolve({ request, url, params }) {
        const read = await readMessageText(request, url);
        if (read instanceof Response) return read;
        if (read.text === undefined || read.text.length === 0) {
          return watiValidationProblem({ messageText: ['The messageText field is required.'] });
        }
        if (read.text.length > MAX_TEXT_LENGTH) {
          return watiValidationProblem({
            messageText: [
              `The field messageText must be a string with a maximum length of ${MAX_TEXT_LENGTH}.`,
            ],
          });
        }
        const recipient = sessionRecipient(context, params.whatsappNumber ?? '');
        if (!recipient.ok) return recipient.response;
        const message = recordOutbound(context, recipient.contact, {
          kind: 'session',
          type: 'text',
          text: read.text,
          localMessageId: url.searchParams.get('localMessageId') || null,
          replyContextId: url.searchParams.get('replyContextId') ?? '',
        });
        return watiJson({ ok: true, result: 'success', message: toSentMessageJson(message) });
      },
    },
  ];
}
