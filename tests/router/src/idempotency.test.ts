// Idempotent sends through the router and through a plain provider, over the real adapters: a
// repeated key answers the first result without a second request, concurrent sends with one key
// make one request, and the key expires after its TTL.
import {
  createRouter,
  IdempotencyInProgressError,
  MemoryIdempotencyStore,
  type OutboundMessage,
  ValidationError,
  withIdempotency,
} from '@switchboard/core';
import { http } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isCloudSend } from './__fixtures__/faulty-send-endpoint.js';
import { JOHN, type RouterHarness, startRouterHarness } from './__fixtures__/router-harness.js';

let h: RouterHarness;
beforeAll(async () => {
  h = await startRouterHarness();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const text: OutboundMessage = { type: 'text', to: JOHN, text: 'Order A-42 shipped' };

describe('idempotent sends through the router', () => {
  it('returns the first result for a repeated key, without a second request', async () => {
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    const first = await router.send(text, { idempotencyKey: 'order-A-42-shipped' });
    const again = await router.send(text, { idempotencyKey: 'order-A-42-shipped' });
    expect(again).toEqual(first);
    expect(h.watiFaults.log).toEqual(['ok']);
    // Without a key, or with another one, it sends.
    await router.send(text);
    await router.send(text, { idempotencyKey: 'order-A-43-shipped' });
    expect(h.watiFaults.log).toEqual(['ok', 'ok', 'ok']);
    await router.close();
  });

  it('answers a repeated key with the first result even when that send failed over', async () => {
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    h.watiFaults.queue.push('503');
    const first = await router.send(text, { idempotencyKey: 'k-failover' });
    const again = await router.send(text, { idempotencyKey: 'k-failover' });
    expect([first.provider, again.id]).toEqual(['whatsapp-cloud', first.id]);
    expect(h.watiFaults.log).toEqual(['503']);
    expect(h.cloudFaults.log).toEqual(['ok']);
    await router.close();
  });

  it('sends once for concurrent sends with the same key', async () => {
    const router = createRouter({ providers: [h.cloudProvider(), h.watiProvider()] });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => router.send(text, { idempotencyKey: 'concurrent-1' })),
    );
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(h.cloudFaults.log).toEqual(['ok']);
    await router.close();
  });

  it('refuses a repeated key with another message', async () => {
    const router = createRouter({ providers: [h.watiProvider()] });
    await router.send(text, { idempotencyKey: 'reused' });
    const error = await router
      .send({ ...text, text: 'Something else' }, { idempotencyKey: 'reused' })
      .catch((e: unknown) => e);
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['idempotencyKey']);
    expect(h.watiFaults.log).toEqual(['ok']);
    await router.close();
  });

  it('sends again once the TTL is over', async () => {
    let now = 0;
    const store = new MemoryIdempotencyStore({ now: () => now });
    const router = createRouter({ providers: [h.watiProvider()], idempotency: { store, ttlMs: 60_000 } });
    await router.send(text, { idempotencyKey: 'ttl' });
    now += 59_999;
    await router.send(text, { idempotencyKey: 'ttl' });
    expect(h.watiFaults.log).toHaveLength(1);
    now += 1;
    await router.send(text, { idempotencyKey: 'ttl' });
    expect(h.watiFaults.log).toHaveLength(2);
    await router.close();
  });

  it('does not remember a failure: a retry with the same key sends', async () => {
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    h.watiFaults.queue.push('503');
    h.cloudFaults.queue.push('503');
    await expect(router.send(text, { idempotencyKey: 'retry-me' })).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    const result = await router.send(text, { idempotencyKey: 'retry-me' });
    expect(result.provider).toBe('wati');
    expect(h.watiFaults.log).toEqual(['503', 'ok']);
    await router.close();
  });

  it('two routers sharing a store: the second gets IdempotencyInProgressError while the first sends, then its result', async () => {
    const store = new MemoryIdempotencyStore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    // Holds the first send on the server until the test releases it, then lets the emulator answer.
    h.cloudServer.use(
      http.post(
        ({ request }) => isCloudSend(new URL(request.url).pathname),
        async () => {
          arrived();
          await gate;
          return undefined;
        },
        { once: true },
      ),
    );
    const a = createRouter({ providers: [h.cloudProvider()], idempotency: { store } });
    const b = createRouter({ providers: [h.cloudProvider()], idempotency: { store } });
    const first = a.send(text, { idempotencyKey: 'shared' });
    await requestArrived;
    const error = await b.send(text, { idempotencyKey: 'shared' }).catch((e: unknown) => e);
    expect(IdempotencyInProgressError.isInstance(error)).toBe(true);
    release();
    const result = await first;
    expect(await b.send(text, { idempotencyKey: 'shared' })).toEqual(result);
    expect(h.cloudFaults.log).toEqual(['ok']);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('withIdempotency on a plain provider', () => {
  it('dedupes by key and keeps the provider’s facets and id', async () => {
    const wati = withIdempotency(h.watiProvider());
    expect(wati.id).toBe('wati');
    expect(typeof wati.contacts.list).toBe('function');
    const first = await wati.send(text, { idempotencyKey: 'plain-1' });
    expect(await wati.send(text, { idempotencyKey: 'plain-1' })).toEqual(first);
    expect(h.watiFaults.log).toEqual(['ok']);
    await wati.close();
  });
});
