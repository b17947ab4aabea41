import { PayloadTooLargeError, readRawBody, ValidationError } from '@switchboard/core';
import type { Context } from 'hono';
import { HttpError } from './http-error.js';

/** Largest API request body: 1 MiB holds any message, including a small base64 image. Webhooks use core's limit. */
export const API_MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link readJsonBody}. */
export interface ReadJsonBodyOptions {
  /**
   * The route takes no input, so a request without a body (no content type, zero bytes) is fine and
   * reads as `undefined`. A body that is there must still be JSON.
   */
  optional?: boolean;
}

/**
 * The request's JSON body, read with a running byte count: a declared `content-length` over
 * {@link API_MAX_BODY_BYTES} is refused unread, and a chunked body is abandoned at the first chunk
 * past it, so no body larger than the limit is ever held in memory.
 *
 * Only `application/json` is accepted: a page on another site can POST `text/plain` to a local
 * server without asking, but a JSON content type needs a CORS preflight, which this server never
 * grants; so no web page can send messages through it. (A POST without a body, where the route
 * allows one, carries nothing to forge; the same-origin guard still refuses it from another site.)
 *
 * @throws {HttpError} (415) for another content type, or a body without one.
 * @throws {ValidationError} (400) for a body that is not JSON.
 * @throws {PayloadTooLargeError} (413) for a body over the limit.
 */
export async function readJsonBody(c: Context, options: ReadJsonBodyOptions = {}): Promise<unknown> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== 'application/json') throw unsupportedType(type);
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
  if (bytes.length === 0 && options.optional === true) return undefined;
  if (type === undefined) throw unsupportedType(undefined);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new ValidationError('The request body is not valid JSON', {
      issues: [{ path: '', message: 'not valid JSON' }],
    });
  }
}

function unsupportedType(type: string | undefined): HttpError {
  return new HttpError(
    415,
    'unsupported_media_type',
    `Send the request body as JSON with content-type: application/json (got ${type === undefined ? 'no content-type' : type})`,
    { accept: 'application/json' },
  );
}
