import { attachmentDisposition } from '../../emulator-kit/content-disposition.js';
import { paginate, readPaging } from '../pagination.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import { unixSecondsString } from '../wati-ids.js';
import type { WatiMessageRecord } from '../wati-records.js';
import { watiJson, watiNotFound, watiSoftFailure, watiValidationProblem } from '../wati-responses.js';
import type { WatiRoute, WatiRouteArgs } from '../wati-route.js';
import { toWatiTemplate } from '../wati-template.js';

/**
 * A `getMessages` item, field for field as a captured response. History carries no `waId` and no
 * `whatsappMessageId`; media `data` is the relative `data/images/<uuid>.jpg` path, not the webhook's URL.
 * Template sends are `broadcastMessage` rows with the rendered text in `finalText`.
 */
export function toHistoryItem(message: WatiMessageRecord): Record<string, unknown> {
  const item: Record<string, unknown> = {
    replySourceMessage: null,
    messageReferral: null,
    text: message.text,
    type: message.type,
    data: message.media?.fileName ?? message.data,
    timestamp: unixSecondsString(message.created),
    owner: message.owner,
    statusString: message.statusString,
    avatarUrl: null,
    assignedId: null,
    operatorName: null,
    localMessageId: message.localMessageId,
    failedDetail: message.failedDetail,
    referenceOrderId: null,
    contacts: null,
    messageProducts: null,
    orderProducts: null,
    interactiveData: message.interactiveData ?? null,
    orderDetailsViewModel: null,
    id: message.id,
    created: message.created.toISOString(),
    conversationId: message.conversationId,
    ticketId: message.ticketId,
    eventType: message.kind === 'template' ? 'broadcastMessage' : 'message',
  };
  if (message.template !== undefined) {
    item.finalText = message.text;
    item.templateId = message.template.id;
    item.templateName = message.template.name;
    item.broadcastName = message.template.broadcastName;
  }
  return item;
}

function serveMedia(context: WatiEmulatorContext, { url }: WatiRouteArgs): Response {
  const fileName = url.searchParams.get('fileName');
  if (fileName === null || fileName === '') {
    return watiValidationProblem({ fileName: ['The fileName field is required.'] });
  }
  const media = context.state.media.get(fileName);
  if (media === undefined) return watiNotFound();
  const basename = fileName.split('/').pop() ?? fileName;
  return new Response(media.bytes.slice(), {
    status: 200,
    headers: {
      'content-type': media.mimeType,
      'content-length': String(media.bytes.byteLength),
      'content-disposition': attachmentDisposition(basename),
    },
  });
}

/**
 * History and lookups: `GET /api/v1/getMessages/{n}` (newest first), `GET /api/v1/getMessageTemplates`,
 * `GET /api/v1/getMedia?fileName=` (the stored bytes; 404 when unknown) and the webhook media URL
 * `GET /api/file/showFile?fileName=`.
 */
export function historyRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/getMessages/:whatsappNumber',
      resolve({ url, params }) {
        const paging = readPaging(url);
        if (paging instanceof Response) return paging;
        const waId = params.whatsappNumber ?? '';
        if (!context.state.contacts.has(waId)) return watiSoftFailure(`Contact not found: ${waId}`);
        const page = paginate(context.state.history(waId), paging);
        return watiJson({
          result: 'success',
          messages: { items: page.items.map(toHistoryItem) },
          link: page.link,
        });
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/getMessageTemplates',
      resolve({ url }) {
        const paging = readPaging(url);
        if (paging instanceof Response) return paging;
        const page = paginate([...context.state.templates.values()], paging);
        return watiJson({
          result: 'success',
          messageTemplates: page.items.map(toWatiTemplate),
          link: page.link,
        });
      },
    },
    { method: 'GET', pattern: '/api/v1/getMedia', resolve: (args) => serveMedia(context, args) },
    { method: 'GET', pattern: '/api/file/showFile', resolve: (args) => serveMedia(context, args) },
  ];
}
