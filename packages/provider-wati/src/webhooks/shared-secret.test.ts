import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhookHandler,
  type InboundEvent,
  toNodeListener,
  WebhookVerificationError,
} from '@switchboard/core';
import * as coreWebhooks from '@switchboard/core/webhooks';
import { deliverWebhook } from '@switchboard/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../__fixtures__/wati-server.js';
import { createWati } from '../wati-provider.js';

// The WATI webhook modules import it from core's webhook entry, which the webhook-only bundle keeps external.
vi.mock('@switchboard/core/webhooks', async (importOriginal) => {
  const original = await importOriginal<typeof import('@switchboard/core/webhooks')>();
  return { ...original, constantTimeEqual: vi.fn(original.constantTimeEqual) };
});

const SECRET = 'k9V2s7Qw-4bXn8Lp-Zt3Hc6Re';
const PAYLOAD = JSON.stringify(fixture('webhook-message-received.json'));

function wati(webhookSecret: { value: string; header?: string; pathSegment?: boolean }) {
  return createWati({
    transport: 'direct',
    baseUrl: 'https://live-mt-server.wati.io/123456',
    token: 'test-token-value',
    webhookSecret,
  });
}

function delivery(url: string, headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: PAYLOAD,
  });
}

async function rejection(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(WebhookVerificationError.isInstance(error)).toBe(true);
  expect((error as Error).message).not.toContain(SECRET);
  return error as WebhookVerificationError;
}

afterEach(() => {
  vi.mocked(coreWebhooks.constantTimeEqual).mockClear();
});

describe('webhook shared secret', () => {
  it('accepts the secret in the default header, compared in constant time', async () => {
    const events = await wati({ value: SECRET }).webhooks.parse(
      delivery('https://app.example.com/webhooks/wati', { 'x-switchboard-webhook-secret': SECRET }),
    );
    expect(events[0]?.kind).toBe('message');
    expect(coreWebhooks.constantTimeEqual).toHaveBeenCalledWith(SECRET, SECRET);
  });

  it('rejects a missing or wrong header, naming where the secret goes', async () => {
    const provider = wati({ value: SECRET, header: 'X-Hook-Token' });
    const missing = await rejection(
      provider.webhooks.parse(delivery('https://app.example.com/webhooks/wati')),
    );
    expect(missing).toMatchObject({ code: 'webhook_verification_failed', provider: 'wati' });
    expect(missing.message).toBe(
      'WATI webhook rejected: the shared secret in the x-hook-token header is missing or wrong',
    );
    await rejection(
      provider.webhooks.parse(
        delivery('https://app.example.com/webhooks/wati', { 'x-hook-token': `${SECRET}x` }),
      ),
    );
    expect(coreWebhooks.constantTimeEqual).toHaveBeenCalledWith(`${SECRET}x`, SECRET);
    const events = await provider.webhooks.parse(
      delivery('https://app.example.com/webhooks/wati', { 'X-Hook-Token': SECRET }),
    );
    expect(events).toHaveLength(1);
  });

  it('does not take the secret from the path unless pathSegment is set', async () => {
    await rejection(
      wati({ value: SECRET }).webhooks.parse(delivery(`https://app.example.com/webhooks/wati/${SECRET}`)),
    );
  });

  it('accepts the secret as the last path segment, from a Request or a raw request URL', async () => {
    const provider = wati({ value: SECRET, pathSegment: true });
    expect(
      await provider.webhooks.parse(delivery(`https://app.example.com/webhooks/wati/${SECRET}`)),
    ).toHaveLength(1);
    expect(
      await provider.webhooks.parse({ body: PAYLOAD, headers: {}, url: `/webhooks/wati/${SECRET}/` }),
    ).toHaveLength(1);
    expect(
      await provider.webhooks.parse({ body: PAYLOAD, headers: { 'x-switchboard-webhook-secret': SECRET } }),
    ).toHaveLength(1);
  });

  it('rejects a wrong segment, a secret elsewhere in the path, and a raw request without a URL', async () => {
    const provider = wati({ value: SECRET, pathSegment: true });
    await rejection(provider.webhooks.parse(delivery('https://app.example.com/webhooks/wati/guess')));
    await rejection(provider.webhooks.parse(delivery(`https://app.example.com/${SECRET}/webhooks/wati`)));
    await rejection(
      provider.webhooks.parse(delivery(`https://app.example.com/webhooks/wati?secret=${SECRET}`)),
    );
    const noUrl = await rejection(provider.webhooks.parse({ body: PAYLOAD, headers: {} }));
    expect(noUrl.message).toContain('pass RawWebhookRequest.url');
  });

  it('works end to end behind createWebhookHandler: 200 with the secret URL, 401 without', async () => {
    const received: InboundEvent[] = [];
    const handler = createWebhookHandler(wati({ value: SECRET, pathSegment: true }), (event) => {
      received.push(event);
    });
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const accepted = await deliverWebhook({ url: `${base}/webhooks/wati/${SECRET}`, body: PAYLOAD });
      const refused = await deliverWebhook({ url: `${base}/webhooks/wati/wrong`, body: PAYLOAD });
      expect([accepted.status, refused.status]).toStrictEqual([200, 401]);
      expect(received.map((event) => event.kind)).toStrictEqual(['message']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
