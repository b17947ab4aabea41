import { HttpResponse, http } from 'msw';
import { signPayload } from '../../webhook-delivery.js';
import type { ConformanceDelivery, ConformanceSendResult, ConformanceStatus } from '../types.js';

// The tiny JSON API the example adapter talks to, as msw handlers, and its signed status webhooks.

/** The secrets of the example, long and distinctive so that finding one anywhere means a leak. */
export const EXAMPLE_SECRETS = {
  apiKey: 'example-api-key-7f3c9a1e5b',
  webhookSecret: 'example-webhook-secret-2d8e4b6a0c',
};

/** The templates the API knows. */
export const EXAMPLE_TEMPLATES = [{ name: 'welcome', language: 'en', status: 'approved' }];

/** msw handlers of the example API: bearer auth, `POST /v1/messages`, `GET /v1/templates`. */
export function exampleApiHandlers(apiKey: string = EXAMPLE_SECRETS.apiKey) {
  let next = 0;
  const unauthorized = (request: Request) =>
    request.headers.get('authorization') === `Bearer ${apiKey}`
      ? undefined
      : HttpResponse.json({ error: { message: 'invalid api key' } }, { status: 401 });
  return [
    http.post('/v1/messages', async ({ request }) => {
      const denied = unauthorized(request);
      if (denied !== undefined) return denied;
      const body = (await request.json()) as { to?: unknown; text?: unknown; template?: { name?: unknown } };
      const known = EXAMPLE_TEMPLATES.some(({ name }) => name === body.template?.name);
      if (typeof body.to !== 'string' || (typeof body.text !== 'string' && !known)) {
        return HttpResponse.json({ error: { message: 'invalid message' } }, { status: 400 });
      }
      next += 1;
      return HttpResponse.json({ id: `msg_${next}` });
    }),
    http.get(
      '/v1/templates',
      ({ request }) => unauthorized(request) ?? HttpResponse.json({ templates: EXAMPLE_TEMPLATES }),
    ),
  ];
}

const TIMESTAMP = '2026-01-02T03:04:05.000Z';

/** A delivery of `events`, signed with `secret`. */
export function exampleDelivery(
  events: readonly object[],
  secret: string = EXAMPLE_SECRETS.webhookSecret,
): ConformanceDelivery {
  const body = JSON.stringify({ events });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-example-signature': `sha256=${signPayload(body, secret)}`,
    },
    url: '/webhooks/example',
  };
}

/** The status event of one sent message. */
export function exampleStatusEvent(sent: ConformanceSendResult, status: ConformanceStatus): object {
  return { type: 'status', messageId: sent.id, status, timestamp: TIMESTAMP };
}
