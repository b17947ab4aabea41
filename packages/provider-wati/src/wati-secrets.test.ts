import { AuthenticationError, WebhookVerificationError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directWati, startWatiServer, TENANT, TOKEN } from './__fixtures__/wati-server.js';

const WEBHOOK_SECRET = 'webhook-secret-0123456789abcdef';

let server: LoopbackServer;
beforeAll(async () => {
  let calls = 0;
  server = await startWatiServer([
    // A 503 (retried), then a 401 whose body echoes the Authorization header, as a badly
    // configured proxy might: the token must still appear nowhere.
    http.post(`${TENANT}/api/v1/sendSessionMessage/:number`, ({ request }) =>
      ++calls === 1
        ? HttpResponse.text('Service Unavailable', { status: 503 })
        : HttpResponse.text(`Unauthorized: ${request.headers.get('authorization')}`, { status: 401 }),
    ),
  ]);
});
afterAll(() => server.close());

describe('secrets', () => {
  it('keeps a pasted "Bearer …" token out of hook events and errors, while sending it once', async () => {
    const events: unknown[] = [];
    const provider = directWati(server, {
      token: `  Bearer ${TOKEN} `,
      webhookSecret: { value: WEBHOOK_SECRET },
      retry: { maxRetries: 1, baseDelayMs: 0 },
      hooks: {
        onRequest: (event) => events.push(event),
        onResponse: (event) => events.push(event),
        onRetry: (event) => events.push(event),
      },
    });
    const error = await provider
      .send({ type: 'text', to: '14155551234', text: 'hi' })
      .catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(server.requests.map((request) => request.headers.get('authorization'))).toStrictEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
    expect(events).toHaveLength(5);
    const exposed = JSON.stringify([events, (error as AuthenticationError).toJSON(), String(error)]);
    expect(exposed).not.toContain(TOKEN);
    expect(exposed).not.toContain(WEBHOOK_SECRET);
  });

  it('never quotes the expected or the presented webhook secret when rejecting a delivery', async () => {
    const provider = directWati(server, { webhookSecret: { value: WEBHOOK_SECRET, pathSegment: true } });
    const presented = `${WEBHOOK_SECRET.slice(0, -1)}x`;
    const error = await provider.webhooks
      .parse({
        body: '{"eventType":"message"}',
        headers: { 'x-switchboard-webhook-secret': presented },
        url: `https://app.example.com/webhooks/wati/${presented}`,
      })
      .catch((e: unknown) => e);
    expect(WebhookVerificationError.isInstance(error)).toBe(true);
    const exposed = JSON.stringify([(error as WebhookVerificationError).toJSON(), String(error)]);
    expect(exposed).not.toContain(WEBHOOK_SECRET);
    expect(exposed).not.toContain(presented);
  });
});
