import { randomUUID } from 'node:crypto';
import { urlPath, type ValidOutboundMessageOf } from '@switchboard/core';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import type { WatiSessionRequest } from './session-send-result.js';
import type { SessionTextEncoding } from './wati-options.js';

/**
 * The request of a text message: `POST /api/v1/sendSessionMessage/{whatsappNumber}`.
 *
 * Maton's reference sends `messageText` as a form body; WATI's docs and production clients send it
 * in the query. `encoding` picks one or (default) both; in the query, the text is masked in every
 * URL errors and hooks show. A generated `localMessageId` goes in the query so the `_v2` status
 * webhooks can be matched even if WATI's answer carries no id; `replyTo` becomes `replyContextId`.
 * WATI has no link-preview switch, so `previewUrl` is ignored.
 */
export function sessionTextRequest(
  message: ValidOutboundMessageOf<'text'>,
  encoding: SessionTextEncoding,
): WatiSessionRequest {
  const localMessageId = randomUUID();
  return {
    kind: 'session',
    to: message.to,
    request: {
      method: 'POST',
      path: urlPath`/api/v1/sendSessionMessage/${message.to}`,
      query: {
        ...(encoding === 'form' ? {} : { messageText: message.text }),
        localMessageId,
        ...(message.replyTo === undefined ? {} : { replyContextId: message.replyTo }),
      },
      ...(encoding === 'query' ? {} : { body: { type: 'form', fields: { messageText: message.text } } }),
      sensitiveQuery: ['messageText'],
      operation: 'send.text',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.sessionSend,
    },
    localMessageId,
    fallbackId: localMessageId,
  };
}
