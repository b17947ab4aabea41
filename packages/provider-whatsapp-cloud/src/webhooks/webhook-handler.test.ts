import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookHandler, type InboundEvent, toNodeListener } from '@switchboard/core';
import { deliverWebhook } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import { APP_SECRET, VERIFY_TOKEN } from '../__fixtures__/graph-server.js';
import { fixtureBytes, webhookCloud } from '../__fixtures__/webhook-deliveries.js';

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

    // Meta redelivers: the handler de-duplicates by event identity.
    await deliverWebhook({ url: app.url, body, signWith: { secret: APP_SECRET } });
    expect(events).toHaveLength(6);

    const forged = await deliverWebhook({ url: app.url, body, signWith: { secret: 'not-the-app-secret' } });
    expect(forged.status).toBe(401);
    const malformed = await deliverWebhook({
      url: app.url,
      body: '{"object":',
      signWith: { secret: APP_SECRET },
    });
    expect(malformed.status).toBe(400);
    expect(events).toHaveLength(6);
  });
});
