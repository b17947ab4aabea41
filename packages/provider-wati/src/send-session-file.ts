import { randomUUID } from 'node:crypto';
import {
  byteLength,
  type MediaData,
  type SendResult,
  UnsupportedFeatureError,
  urlPath,
  ValidationError,
  type ValidOutboundMessageOf,
} from '@switchboard/core';
import { inventFilename } from './media-types.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { perCall, type SendContext } from './send-context.js';
import { sessionSendResponseSchema, toSessionSendResult } from './session-send-result.js';
import { WATI_LIMITS } from './wati-capabilities.js';
import { WATI_PROVIDER_ID } from './wati-options.js';

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

function checkMediaData(message: SessionFileMessage, media: MediaData): void {
  const limit = WATI_LIMITS.media[message.type];
  if (limit === undefined) return;
  const issues: { path: string; message: string }[] = [];
  const size = byteLength(media.data);
  if (size > limit.maxBytes) {
    issues.push({
      path: 'media.data',
      message: `a ${message.type} may be at most ${limit.maxBytes} bytes (got ${size})`,
    });
  }
  if (!limit.mimeTypes.includes(media.mimeType.toLowerCase())) {
    issues.push({
      path: 'media.mimeType',
      message: `WhatsApp accepts a ${message.type} as ${limit.mimeTypes.join(', ')}`,
    });
  }
  if (issues.length > 0) {
    throw new ValidationError(
      `Invalid message: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      {
        provider: WATI_PROVIDER_ID,
        issues,
      },
    );
  }
}

/**
 * An image, video, audio or document message.
 *
 * - `{ data }` → `POST /api/v1/sendSessionFile/{n}?caption=…`, multipart part `file` with the file
 *   name (`filename`, else one made from the MIME type, e.g. `image.jpg`) and content type.
 * - `{ url }` → `POST /api/v1/sendSessionFileViaUrl/{n}?fileUrl=…&caption=…`, no body; WATI fetches
 *   the URL itself, so it must be publicly reachable.
 * - `{ id }` → {@link UnsupportedFeatureError}: WATI has no media ids to send by.
 */
export async function sendSessionFile(
  context: SendContext,
  message: SessionFileMessage,
): Promise<SendResult> {
  const { client, options } = context;
  const { media } = message;
  const fallbackId = randomUUID();
  if ('id' in media) {
    throw new UnsupportedFeatureError(
      `Provider "wati" does not support send.media.id: WATI has no media ids; send the file as { data, mimeType } or { url }`,
      { provider: WATI_PROVIDER_ID, capability: 'send.media.id' },
    );
  }
  const documentName = message.type === 'document' ? message.filename : undefined;
  if ('url' in media) {
    const caption = effectiveCaption(message, documentName);
    const response = await client.call(
      {
        method: 'POST',
        path: urlPath`/api/v1/sendSessionFileViaUrl/${message.to}`,
        query: { fileUrl: media.url, ...(caption === undefined ? {} : { caption }) },
        sensitiveQuery: SENSITIVE_QUERY,
        operation: `send.${message.type}`,
        rateLimitGroup: WATI_RATE_LIMIT_GROUPS.sessionSend,
        ...perCall(options),
      },
      sessionSendResponseSchema,
    );
    return toSessionSendResult(response.data, message.to, { fallbackId });
  }
  checkMediaData(message, media);
  const filename = documentName ?? media.filename ?? inventFilename(message.type, media.mimeType);
  const caption = effectiveCaption(message, filename);
  const response = await client.call(
    {
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
      ...perCall(options),
    },
    sessionSendResponseSchema,
  );
  return toSessionSendResult(response.data, message.to, { fallbackId });
}
