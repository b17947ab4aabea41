import { urlPath, ValidationError, type ValidOutboundMessageOf } from '@switchboard/core';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import type { WatiSessionRequest } from './session-send-result.js';
import { type SessionTextEncoding, WATI_PROVIDER_ID } from './wati-options.js';

/**
 * The most the caller's values may take in a session send's query string, percent-encoded
 * (`messageText` and `replyContextId` together): 7 KiB, so the request line stays under 8 KiB, the
 * limit common servers and proxies apply by default (Kestrel, nginx). A text within the model's
 * 4,096 characters takes up to 12 bytes per emoji encoded, about 24 KiB, which such a server
 * refuses (HTTP 414 or 431) before WATI sees it.
 */
export const SESSION_QUERY_MAX_BYTES = 7 * 1024;

/**
 * The request of a text message: `POST /api/v1/sendSessionMessage/{whatsappNumber}`.
 *
 * Maton's reference sends `messageText` as a form body; WATI's docs and production clients send it
 * in the query. `requested` picks one or (default) both; in the query, the text is masked in every
 * URL errors and hooks show. A text that would take the query past {@link SESSION_QUERY_MAX_BYTES}
 * goes in the form body alone with `both`, and is refused with `query`. A generated `localMessageId` goes in the query so the `_v2` status
 * webhooks can be matched even if WATI's answer carries no id; `replyTo` becomes `replyContextId`.
 * WATI has no link-preview switch, so `previewUrl` is ignored.
 *
 * @throws {ValidationError} naming `text` when `requested` is `query` and the text does not fit in
 *   the query, or `replyTo` when the id alone does not.
 */
export function sessionTextRequest(
  message: ValidOutboundMessageOf<'text'>,
  requested: SessionTextEncoding,
): WatiSessionRequest {
  const encoding = fittingEncoding(message, requested);
  const localMessageId = crypto.randomUUID();
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

/** `requested`, or `form` when `both` was asked for a text too long for the query string. */
function fittingEncoding(
  message: ValidOutboundMessageOf<'text'>,
  requested: SessionTextEncoding,
): SessionTextEncoding {
  const replyBytes = message.replyTo === undefined ? 0 : encodedBytes(message.replyTo);
  if (replyBytes > SESSION_QUERY_MAX_BYTES) throw tooLongForQuery('replyTo', replyBytes, '');
  if (requested === 'form') return requested;
  const textBytes = encodedBytes(message.text);
  if (textBytes + replyBytes <= SESSION_QUERY_MAX_BYTES) return requested;
  if (requested === 'both') return 'form';
  throw tooLongForQuery('text', textBytes, "; use sessionTextEncoding 'form' or 'both'");
}

/** Length in the query string: a lone surrogate travels as U+FFFD, as the transport encodes it. */
function encodedBytes(value: string): number {
  return encodeURIComponent(value.toWellFormed()).length;
}

function tooLongForQuery(field: 'text' | 'replyTo', bytes: number, advice: string): ValidationError {
  const message = `is ${bytes} bytes percent-encoded, more than the ${SESSION_QUERY_MAX_BYTES} a query string carries${advice}`;
  return new ValidationError(`Invalid message: ${field}: ${message}`, {
    provider: WATI_PROVIDER_ID,
    issues: [{ path: field, message }],
  });
}
