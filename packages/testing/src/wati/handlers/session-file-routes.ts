import { z } from 'zod';
import { maxBytesFor, mediaKindOf, mimeTypeFromName } from '../media-types.js';
import { recordOutbound, sessionRecipient, toSentMessageJson } from '../outbound-message.js';
import type { WatiEmulatorContext } from '../wati-context.js';
import { showFileUrl, storeMedia } from '../wati-media.js';
import type { WatiContactRecord, WatiMessageMedia } from '../wati-records.js';
import { mediaTypeOf, readJsonBody, readMultipart } from '../wati-request-body.js';
import { watiJson, watiSoftFailure, watiValidationProblem } from '../wati-responses.js';
import type { WatiRoute } from '../wati-route.js';

const fileUrlBodySchema = z.looseObject({
  fileUrl: z.string().optional(),
  url: z.string().optional(),
  caption: z.string().optional(),
});

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Captions are optional; WATI shows a document's caption as its name, so a document falls back to its file name. */
function fileText(kind: string, caption: string | null, filename: string): string | null {
  return caption ?? (kind === 'document' ? filename : null);
}

function sendFile(
  context: WatiEmulatorContext,
  contact: WatiContactRecord,
  input: { kind: string; media: WatiMessageMedia; data: string; filename: string },
): Response {
  const message = recordOutbound(context, contact, {
    kind: 'session',
    type: input.kind,
    text: fileText(input.kind, input.media.caption, input.filename),
    data: input.data,
    media: input.media,
  });
  // The union of what WATI clients read from this response: `result`, an object `message`, `ticketStatus`.
  return watiJson({ result: true, message: toSentMessageJson(message), ticketStatus: 'OPEN' });
}

/**
 * `POST /api/v1/sendSessionFile/{n}?caption=` (multipart part `file`, with a file name) and
 * `POST /api/v1/sendSessionFileViaUrl/{n}?fileUrl=&caption=` (also `url`, or a JSON body as a fallback).
 */
export function sessionFileRoutes(context: WatiEmulatorContext): WatiRoute[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v1/sendSessionFile/:whatsappNumber',
      async resolve({ request, url, params }) {
        const form = await readMultipart(request);
        const file = form?.get('file');
        if (form === undefined || !(file instanceof File)) {
          return watiValidationProblem({
            file: ['The file field is required: send it as a multipart/form-data part named "file".'],
          });
        }
        if (file.name.length === 0) {
          return watiValidationProblem({ file: ['The file part has no file name.'] });
        }
        const recipient = sessionRecipient(context, params.whatsappNumber ?? '');
        if (!recipient.ok) return recipient.response;
        // Clients label parts of unknown type `application/octet-stream`; the file name says more.
        const declared = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
        const mimeType =
          declared === '' || declared === 'application/octet-stream' ? mimeTypeFromName(file.name) : declared;
        const kind = mediaKindOf(mimeType, url.searchParams.get('voice') === 'true');
        if (file.size > maxBytesFor(kind)) {
          return watiSoftFailure(`The ${kind} exceeds WhatsApp's size limit of ${maxBytesFor(kind)} bytes.`);
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        const fileName = storeMedia(context, { bytes, mimeType, filename: file.name, kind });
        const caption = url.searchParams.get('caption');
        return sendFile(context, recipient.contact, {
          kind,
          filename: file.name,
          data: showFileUrl(context, fileName, url.origin),
          media: { fileName, mimeType, caption, url: undefined },
        });
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/sendSessionFileViaUrl/:whatsappNumber',
      async resolve({ request, url, params }) {
        let fileUrl = url.searchParams.get('fileUrl') ?? url.searchParams.get('url');
        let caption = url.searchParams.get('caption');
        if (fileUrl === null && mediaTypeOf(request) !== undefined) {
          const body = await readJsonBody(request, fileUrlBodySchema);
          if (!body.ok) return body.response;
          fileUrl = body.value.fileUrl ?? body.value.url ?? null;
          caption ??= body.value.caption ?? null;
        }
        if (fileUrl === null || fileUrl.length === 0) {
          return watiValidationProblem({ fileUrl: ['The fileUrl field is required.'] });
        }
        if (!isHttpUrl(fileUrl)) {
          return watiValidationProblem({ fileUrl: [`${JSON.stringify(fileUrl)} is not an http(s) URL.`] });
        }
        const recipient = sessionRecipient(context, params.whatsappNumber ?? '');
        if (!recipient.ok) return recipient.response;
        // The emulator never fetches the URL (tests stay offline), so the type comes from its extension.
        const mimeType = mimeTypeFromName(new URL(fileUrl).pathname);
        const kind = mediaKindOf(mimeType, url.searchParams.get('voice') === 'true');
        const filename = new URL(fileUrl).pathname.split('/').pop() || 'file';
        return sendFile(context, recipient.contact, {
          kind,
          filename,
          data: fileUrl,
          media: { fileName: undefined, mimeType, caption, url: fileUrl },
        });
      },
    },
  ];
}
