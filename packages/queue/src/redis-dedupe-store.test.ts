import { createWebhookHandler, type InboundEvent } from '@switchboard/core';
import { type RedisServer, startRedisServer } from '@switchboard/provider-test-kit/redis-server';
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import {
  buildCloudStatusWebhook,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
} from '@switchboard/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayEachCall } from './__fixtures__/outbox-harness.js';
import { RedisDedupeStore } from './redis-dedupe-store.js';

let server: RedisServer;
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await server?.[Symbol.asyncDispose]();
});

/** A Cloud provider for the handlers: it only parses webhooks here, so it makes no request. */
function cloudProvider() {
  return createWhatsAppCloud({
    transport: 'direct',
    accessToken: 'test-access-token',
    phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
  });
}

/** Posts one Cloud status webhook for `messageId` to a handler, the same bytes every time. */
function statusDelivery(messageId: string, status: 'delivered' | 'read') {
  const body = JSON.stringify(
    buildCloudStatusWebhook({
      businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
      phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
      displayPhoneNumber: '15550783881',
      messageId,
      status,
      timestamp: new Date('2026-01-01T00:00:00Z'),
      recipientId: '16505551234',
    }),
  );
  return (handler: (request: Request) => Promise<Response>) =>
    handler(
      new Request('http://app/webhooks', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      }),
    );
}

function store(): RedisDedupeStore {
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  clients.push(redis);
  return new RedisDedupeStore({ redis, keyPrefix: 'test:webhook:' });
}

describe('RedisDedupeStore', () => {
  it('remembers a key for its TTL, shared between connections', async () => {
    const a = store();
    const b = store();
    expect(await b.has('k1')).toBe(false);
    await a.add('k1', 60_000);
    expect(await b.has('k1')).toBe(true);
    await a.add('k2', 1);
    // PX 1: gone once Redis has expired it; polled through Redis, not slept on.
    while (await b.has('k2')) await clients[0]?.ping();
    expect(await b.has('k2')).toBe(false);
    await expect(a.add('k3', 0)).rejects.toThrow(TypeError);
  });

  it('lets two app instances behind a load balancer handle a redelivered webhook once', async () => {
    const provider = cloudProvider();
    const handled: InboundEvent[] = [];
    const onEvent = (event: InboundEvent) => {
      handled.push(event);
    };
    // Two instances: each its own handler and Redis connection, one shared Redis.
    const instanceA = createWebhookHandler(provider, onEvent, { dedupe: store() });
    const instanceB = createWebhookHandler(provider, onEvent, { dedupe: store() });
    const deliver = statusDelivery('wamid.dedupe-1', 'delivered');

    expect((await deliver(instanceA)).status).toBe(200);
    expect((await deliver(instanceB)).status).toBe(200);
    expect((await deliver(instanceA)).status).toBe(200);
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ kind: 'status', messageId: 'wamid.dedupe-1', status: 'delivered' });
    await provider.close();
  });

  it('lets one instance claim a key; only its own release frees it, and an added key stays taken', async () => {
    const a = store();
    const b = store();
    expect(await a.claim('c1', 60_000)).toBe(true);
    expect(await b.claim('c1', 60_000)).toBe(false);
    // Claimed is not handled yet.
    expect(await b.has('c1')).toBe(false);
    await b.release('c1');
    expect(await b.claim('c1', 60_000)).toBe(false);
    await a.release('c1');
    expect(await b.claim('c1', 60_000)).toBe(true);
    await b.add('c1', 60_000);
    expect(await a.has('c1')).toBe(true);
    expect(await a.claim('c1', 60_000)).toBe(false);
    await b.release('c1');
    expect(await a.has('c1')).toBe(true);
    await expect(a.claim('c2', 0)).rejects.toThrow(TypeError);
  });

  it('takes a claim whose reply a dropped connection lost, when ioredis sends it again', async () => {
    const redis = new Redis(server.url, { maxRetriesPerRequest: null });
    clients.push(redis);
    const replaying = new RedisDedupeStore({ redis, keyPrefix: 'test:webhook:' });
    await replaying.claim('defines-the-command', 60_000);
    replayEachCall(redis, 'switchboardClaimWebhookEvent');
    expect(await replaying.claim('replayed', 60_000)).toBe(true);
    expect(await store().claim('replayed', 60_000)).toBe(false);
  });

  it('never releases a claim that lapsed and was taken by another instance', async () => {
    const a = store();
    const b = store();
    const c = store();
    expect(await a.claim('lapsed', 1)).toBe(true);
    // PX 1: polled through Redis until it expired, not slept on.
    while (!(await b.claim('lapsed', 60_000))) await clients[0]?.ping();
    await a.release('lapsed');
    expect(await c.claim('lapsed', 60_000)).toBe(false);
  });

  it('handles a redelivery once when two instances receive it at the same time', async () => {
    const provider = cloudProvider();
    let handled = 0;
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const onEvent = async () => {
      handled += 1;
      await gate;
    };
    const instanceA = createWebhookHandler(provider, onEvent, { dedupe: store() });
    const instanceB = createWebhookHandler(provider, onEvent, { dedupe: store() });
    const deliver = statusDelivery('wamid.concurrent-1', 'read');

    const first = deliver(instanceA);
    // A waits in onEvent, holding the claim; B's copy of the delivery finds it taken, not yet
    // handled: asked to come again (a 200 would end the redeliveries should A fail).
    while (handled === 0) await clients[0]?.ping();
    expect((await deliver(instanceB)).status).toBe(503);
    open();
    expect((await first).status).toBe(200);
    // Handled now: the provider's next redelivery to B is acknowledged without running it again.
    expect((await deliver(instanceB)).status).toBe(200);
    expect(handled).toBe(1);
    await provider.close();
  });
});
