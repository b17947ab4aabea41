import { ValidationError } from '@switchboard/core';
import type { Context } from 'hono';

/**
 * The request's JSON body. Only `application/json` is accepted: a page on another site can POST
 * `text/plain` to a local server without asking, but a JSON content type needs a CORS preflight,
 * which this server never grants; so no web page can send messages through it.
 *
 * @throws {ValidationError} (400) for another content type or a body that is not JSON.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ValidationError('Send the request body as JSON with content-type: application/json', {
      issues: [{ path: '', message: 'content-type must be application/json' }],
    });
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError('The request body is not valid JSON', {
      issues: [{ path: '', message: 'not valid JSON' }],
    });
  }
}
