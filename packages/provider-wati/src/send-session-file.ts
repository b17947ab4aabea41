import { type MediaData, type MediaUrl, urlPath, type ValidOutboundMessageOf } from '@switchboard/core';
import { inventFilename } from './media-types.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import type { WatiSessionRequest } from './session-send-result.js';

// A caption is message content, and a file URL may be signed (its query carries a token): both are
// masked in every URL errors and hooks show.
const SENSITIVE_QUERY = ['caption', 'fileUrl'];

/** A media message WATI can send as a session file. */
export type SessionFileMessage = ValidOutboundMessageOf<'image' | 'video' | 'audio' | 'document'>;

function captionOf(message: SessionFileMessage): string | undefined {
  return message.type === 'audio' ? undefined : message.caption;
}

/**
 * WATI shows a document's caption as its file name (docs: sendSessionFile), so a document without
 * a caption is sent with its file name as the caption rather than appearing "untitled".
 */
function effectiveCaption(message: SessionFileMessage, filename: string | undefined): string | undefined {
  const caption = captionOf(message);
  if (caption !== undefined || message.type !== 'document') return caption;
  return filename;
}

/**
 * The request of an image, video, audio or document message (its media already known to be a URL or
 * bytes: WATI has no media ids to send by).
 *
 * - `{ data }` → `POST /api/v1/sendSessionFile/{n}?caption=…`, multipart part `file` with the file
 *   name (`filename`, else one made from the MIME type, e.g. `image.jpg`) and content type.
 * - `{ url }` → `POST /api/v1/sendSessionFileViaUrl/{n}?fileUrl=…&caption=…`, no body; WATI fetches
 *   the URL itself, so it must be publicly reachable.
 */
export function sessionFileRequest(
  message: SessionFileMessage,
  media: MediaUrl | MediaData,
): WatiSessionRequest {
  const fallbackId = crypto.randomUUID();
  const documentName = message.type === 'document' ? message.filename : undefined;
  if ('url' in media) {
    const caption = effectiveCaption(message, documentName);
    return {
      kind: 'session',
      to: message.to,
      request: {
        method: 'POST',
        path: urlPath`/api/v1/sendSessionFileViaUrl/${message.to}`,
        query: { fileUrl: media.url, ...(caption === undefined ? {} : { caption }) },
        sensitiveQuery: SENSITIVE_QUERY,
        operation: `send.${message.type}`,
        rateLimitGroup: WATI_RATE_LIMIT_GROUPS.sessionSend,
      },
      fallbackId,
    };
  }
  const filename = documentName ?? media.filename ?? inventFilename(message.type, media.mimeType);
  const caption = effectiveCaption(message, filename);
  return {
    kind: 'session',
    to: message.to,
    request: {
      method: 'POST',
      path: urlPath`/api/v1/sendSessionFile/${message.to}`,
      query: caption === undefined ? {} : { caption },
      sensitiveQuery: SENSITIVE_QUERY,
      body: {
        type: 'multipart',
        parts: [{ name: 'file', data: media.data, filename, contentType: media.mimeType }],
      },
      operation: `send.${message.type}`,
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.sessionSend,
    },
    fallbackId,
  };
}
