import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookHandler, type InboundEvent, toNodeListener, ValidationError } from '@switchboard/core';
import { deliverWebhook } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import { APP_SECRET, VERIFY_TOKEN } from '../__fixtures__/graph-server.js';
import {
  fixtureBytes,
  fixtureJson,
  signedDelivery,
  webhookCloud,
} from '../__fixtures__/webhook-deliveries.js';

/** The README's setup: core's handler served by node:http. */
async function startApp(events: InboundEvent[]) {
  const handler = createWebhookHandler(webhookCloud(), (event) => {
    events.push(event);
  });
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('with createWebhookHandler and toNodeListener', () => {
  it('answers the handshake, accepts signed deliveries once and rejects bad signatures', async () => {
    const events: InboundEvent[] = [];
    await using app = await startApp(events);

    const handshake = await fetch(
      `${app.url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`,
    );
    expect([handshake.status, await handshake.text()]).toEqual([200, '42']);

    const body = fixtureBytes('webhook-batched.json');
    const delivered = await deliverWebhook({ url: app.url, body, signWith: { secret: APP_SECRET } });
    expect(delivered.status).toBe(200);
    expect(events).toHaveLength(6);

    // Meta redelivers: the handler de-duplicates by event identity. The one undated unknown event
    // (an unknown status of an entry without `time`) cannot be told from a new one: handed over again.
    await deliverWebhook({ url: app.url, body, signWith: { secret: APP_SECRET } });
    expect(events).toHaveLength(7);
    expect(events[6]).toStrictEqual(events[3]);

    const forged = await deliverWebhook({ url: app.url, body, signWith: { secret: 'not-the-app-secret' } });
    expect(forged.status).toBe(401);
    const malformed = await deliverWebhook({
      url: app.url,
      body: '{"object":',
      signWith: { secret: APP_SECRET },
    });
    expect(malformed.status).toBe(400);
    expect(events).toHaveLength(7);
  });
});

/** A signed POST of `body` as a Fetch Request, the way a server hands it to the handler. */
function signedRequest(body: Uint8Array): Request {
  const { headers } = signedDelivery(body);
  return new Request('https://hooks.example.com/webhooks/whatsapp', {
    method: 'POST',
    headers: headers as Record<string, string>,
    body,
  });
}

describe('createWebhookHandler with the provider’s parse', () => {
  it('accepts a 2 MiB delivery under a handler limit of 4 MiB: parse adds no 1 MiB limit of its own', async () => {
    // A real status delivery, padded with an unknown field (Meta adds fields; the parser passes them).
    const delivery = fixtureJson('webhook-status-sent.json') as unknown as {
      entry: { changes: { value: Record<string, unknown> }[] }[];
    };
    const value = delivery.entry[0]?.changes[0]?.value as Record<string, unknown>;
    value.padding = 'x'.repeat(2 * 1024 * 1024);
    const body = new TextEncoder().encode(JSON.stringify(delivery));
    expect(body.byteLength).toBeGreaterThan(2 * 1024 * 1024);

    const events: InboundEvent[] = [];
    const handler = createWebhookHandler(webhookCloud(), (event) => void events.push(event), {
      maxBodyBytes: 4 * 1024 * 1024,
    });
    const response = await handler(signedRequest(body));
    expect(response.status).toBe(200);
    expect(events).toMatchObject([{ kind: 'status', status: 'sent' }]);
  });

  it('answers 400 to a signed body that is not UTF-8, and calls onEvent for nothing', async () => {
    const events: InboundEvent[] = [];
    const handler = createWebhookHandler(webhookCloud(), (event) => void events.push(event));
    // Valid JSON around a byte that is not UTF-8: never repaired into U+FFFD.
    const body = new Uint8Array([
      ...new TextEncoder().encode('{"object":"whatsapp_business_account","entry":[],"x":"'),
      0xff,
      ...new TextEncoder().encode('"}'),
    ]);
    const response = await handler(signedRequest(body));
    expect(response.status).toBe(400);
    expect(events).toHaveLength(0);
    const error = await webhookCloud()
      .webhooks.parse(signedDelivery(body))
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toStrictEqual(['body']);
    expect((error as Error).message).toContain('not UTF-8');
  });
});
