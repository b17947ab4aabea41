import { z } from 'zod';
import { maxBytesFor, mediaKindOf, mimeTypeFromName } from '../media-types.js';
import { recordOutbound } from '../outbound-message.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import { watiLocalMessageId } from '../wati-ids.js';
import { showFileUrl, storeMedia } from '../wati-media.js';
import type { WatiContactRecord, WatiMessageMedia } from '../wati-records.js';
import { readMultipart } from '../wati-request-body.js';
import type { WatiRoute } from '../wati-route.js';
import {
  pageOf,
  parseV3,
  readV3Json,
  readV3Paging,
  resolveTarget,
  toV3Message,
  V3,
  v3Error,
  v3Json,
  v3SessionRecipient,
} from './v3-common.js';
import { buttonMessageSchema, listMessageSchema } from './v3-interactive-schemas.js';

const required = (field: string) =>
  z.string({ error: `The ${field} field is required.` }).min(1, `The ${field} field is required.`);

// The V3 request models are `additionalProperties: false` (WATI's V3 OpenAPI): unknown fields are refused.
const textSchema = z.strictObject({ target: required('target'), text: required('text').max(4096) });
const fileViaUrlSchema = z.strictObject({
  target: required('target'),
  file_url: required('file_url').url('The file_url field must be an http(s) URL.'),
  caption: z.string().max(1024).nullish(),
});
const interactiveSchema = z.strictObject({
  target: required('target'),
  type: z.enum(['buttons', 'list'], { error: 'The type field must be "buttons" or "list".' }),
  button_message: z.unknown().optional(),
  list_message: z.unknown().optional(),
});
const assignSchema = z.strictObject({ assignee_email: z.string().nullable() });

/** A V3 session send's answer: `{ message: MessageDto }`. Status webhooks follow as for legacy sends. */
function sent(
  context: WatiEmulatorContext,
  contact: WatiContactRecord,
  fields: Parameters<typeof recordOutbound>[2],
): Response {
  // V3 answers a local_message_id for session sends (OpenAPI example); the caller cannot choose it.
  const message = recordOutbound(context, contact, { ...fields, localMessageId: watiLocalMessageId() });
  return v3Json({ message: toV3Message(message) });
}

function fileText(kind: string, caption: string | null, filename: string): string | null {
  return caption ?? (kind === 'document' ? filename : null);
}

/**
 * V3 conversation endpoints: `messages/text`, `messages/file` (multipart `target`, `file`,
 * `caption`), `messages/fileViaUrl`, `messages/interactive`, `{target}/messages` and
 * `{target}/operator`. Targets: number, contact or conversation id, optionally `Channel:` first.
 */
export function v3ConversationRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    {
      method: 'POST',
      pattern: `${V3}/conversations/messages/text`,
      tenantless: true,
      async resolve({ request }) {
        const body = await readV3Json(request, textSchema);
        if (!body.ok) return body.response;
        const recipient = v3SessionRecipient(context, body.value.target);
        if (!recipient.ok) return recipient.response;
        return sent(context, recipient.value, { kind: 'session', type: 'text', text: body.value.text });
      },
    },
    {
      method: 'POST',
      pattern: `${V3}/conversations/messages/file`,
      tenantless: true,
      async resolve({ request, url }) {
        const form = await readMultipart(request);
        const file = form?.get('file');
        const target = form?.get('target');
        if (form === undefined || !(file instanceof File) || file.name.length === 0) {
          return v3Error(
            400,
            'The file field is required: a multipart/form-data part named "file" with a file name.',
          );
        }
        if (typeof target !== 'string' || target === '') return v3Error(400, 'The target field is required.');
        const captionField = form.get('caption');
        const caption = typeof captionField === 'string' ? captionField : null;
        const recipient = v3SessionRecipient(context, target);
        if (!recipient.ok) return recipient.response;
        const declared = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
        const mimeType =
          declared === '' || declared === 'application/octet-stream' ? mimeTypeFromName(file.name) : declared;
        const kind = mediaKindOf(mimeType, false);
        if (file.size > maxBytesFor(kind)) {
          return v3Error(400, `The ${kind} exceeds WhatsApp's size limit of ${maxBytesFor(kind)} bytes.`);
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        const fileName = storeMedia(context, { bytes, mimeType, filename: file.name, kind });
        const media: WatiMessageMedia = { fileName, mimeType, caption, url: undefined };
        return sent(context, recipient.value, {
          kind: 'session',
          type: kind,
          text: fileText(kind, caption, file.name),
          data: showFileUrl(context, fileName, url.origin),
          media,
        });
      },
    },
    {
      method: 'POST',
      pattern: `${V3}/conversations/messages/fileViaUrl`,
      tenantless: true,
      async resolve({ request }) {
        const body = await readV3Json(request, fileViaUrlSchema);
        if (!body.ok) return body.response;
        const recipient = v3SessionRecipient(context, body.value.target);
        if (!recipient.ok) return recipient.response;
        const fileUrl = new URL(body.value.file_url);
        const mimeType = mimeTypeFromName(fileUrl.pathname);
        const kind = mediaKindOf(mimeType, false);
        const caption = body.value.caption ?? null;
        const filename = fileUrl.pathname.split('/').pop() || 'file';
        return sent(context, recipient.value, {
          kind: 'session',
          type: kind,
          text: fileText(kind, caption, filename),
          data: body.value.file_url,
          media: { fileName: undefined, mimeType, caption, url: body.value.file_url },
        });
      },
    },
    {
      method: 'POST',
      pattern: `${V3}/conversations/messages/interactive`,
      tenantless: true,
      async resolve({ request }) {
        const body = await readV3Json(request, interactiveSchema);
        if (!body.ok) return body.response;
        const { type } = body.value;
        const content =
          type === 'buttons'
            ? parseV3(buttonMessageSchema, body.value.button_message)
            : parseV3(listMessageSchema, body.value.list_message);
        if (!content.ok) return content.response;
        const recipient = v3SessionRecipient(context, body.value.target);
        if (!recipient.ok) return recipient.response;
        return sent(context, recipient.value, {
          kind: 'session',
          type: 'interactive',
          text: content.value.body,
          interactiveData: body.value,
        });
      },
    },
    {
      method: 'GET',
      pattern: `${V3}/conversations/:target/messages`,
      tenantless: true,
      resolve({ url, params }) {
        const paging = readV3Paging(url);
        if (!paging.ok) return paging.response;
        const contact = resolveTarget(context, params.target ?? '', 'conversation');
        if (!contact.ok) return contact.response;
        const items = pageOf(context.state.history(contact.value.waId), paging.value);
        return v3Json({
          message_list: items.map(toV3Message),
          page_number: paging.value.pageNumber,
          page_size: paging.value.pageSize,
        });
      },
    },
    {
      method: 'PUT',
      pattern: `${V3}/conversations/:target/operator`,
      tenantless: true,
      async resolve({ request, params }) {
        const body = await readV3Json(request, assignSchema);
        if (!body.ok) return body.response;
        const contact = resolveTarget(context, params.target ?? '', 'conversation');
        if (!contact.ok) return contact.response;
        const email = body.value.assignee_email;
        // Any well-formed address is an operator of the emulated tenant; null assigns the bot.
        if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
          return v3Error(400, `Operator not found: ${email}`);
        }
        contact.value.operatorEmail = email ?? undefined;
        return v3Json({ result: true });
      },
    },
  ];
}
