import { PayloadTooLargeError, readRawBody, ValidationError } from '@switchboard/core';
import type { Context } from 'hono';

/** Largest API request body: 1 MiB holds any message, including a small base64 image. Webhooks use core's limit. */
export const API_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The request's JSON body, read with a running byte count: a declared `content-length` over
 * {@link API_MAX_BODY_BYTES} is refused unread, and a chunked body is abandoned at the first chunk
 * past it, so no body larger than the limit is ever held in memory.
 *
 * Only `application/json` is accepted: a page on another site can POST `text/plain` to a local
 * server without asking, but a JSON content type needs a CORS preflight, which this server never
 * grants; so no web page can send messages through it.
 *
 * @throws {ValidationError} (400) for another content type or a body that is not JSON.
 * @throws {PayloadTooLargeError} (413) for a body over the limit.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ValidationError('Send the request body as JSON with content-type: application/json', {
      issues: [{ path: '', message: 'content-type must be application/json' }],
    });
  }
  let bytes: Uint8Array;
  try {
    ({ bytes } = await readRawBody(c.req.raw, { maxBytes: API_MAX_BODY_BYTES }));
  } catch (error) {
    if (!PayloadTooLargeError.isInstance(error)) throw error;
    // Core's message speaks of webhooks; this is an API request.
    throw new PayloadTooLargeError(`The request body exceeds the limit of ${API_MAX_BODY_BYTES} bytes`, {
      limitBytes: API_MAX_BODY_BYTES,
    });
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new ValidationError('The request body is not valid JSON', {
      issues: [{ path: '', message: 'not valid JSON' }],
    });
  }
}
