import { describe, expect, it } from 'vitest';
import type { InboundEvent } from '../model/inbound-event.js';
import {
  createFakeProvider,
  deliveryBody,
  type FakeItem,
  signedRequest,
} from './__fixtures__/fake-provider.js';
import type { WebhookDedupeStore } from './dedupe-store.js';
import {
  createWebhookHandler,
  DEFAULT_DEDUPE_LEASE_MS,
  type WebhookHandlerOptions,
} from './webhook-handler.js';

const m1: FakeItem = { kind: 'message', id: 'm1', from: '15550001', text: 'first' };

/**
 * One store several app instances share (as Redis is), with `claim`: each instance gets its own
 * view, whose `release` gives up only that instance's claims. `now` is the store's clock.
 */
function sharedClaimingStore() {
  const entries = new Map<string, { owner: number; handled: boolean; expiresAt: number }>();
  const calls: string[] = [];
  let now = 0;
  let nextOwner = 0;
  const live = (key: string) => {
    const entry = entries.get(key);
    return entry !== undefined && entry.expiresAt > now ? entry : undefined;
  };
  const view = (failRelease = false): WebhookDedupeStore => {
    const owner = nextOwner++;
    return {
      has: (key) => live(key)?.handled === true,
      add: (key, ttlMs) => {
        calls.push(`add ${ttlMs}`);
        entries.set(key, { owner, handled: true, expiresAt: now + ttlMs });
      },
      claim: async (key, leaseMs) => {
        calls.push(`claim ${leaseMs}`);
        await Promise.resolve();
        if (live(key) !== undefined) return false;
        entries.set(key, { owner, handled: false, expiresAt: now + leaseMs });
        return true;
      },
      release: (key) => {
        calls.push('release');
        if (failRelease) throw new Error('store unreachable');
        if (live(key)?.owner === owner && live(key)?.handled === false) entries.delete(key);
      },
    };
  };
  return { view, calls, advance: (ms: number) => (now += ms) };
}

function instance(
  store: WebhookDedupeStore,
  onEvent: (event: InboundEvent) => void | Promise<void>,
  options: WebhookHandlerOptions = {},
) {
  const errors: unknown[] = [];
  const handler = createWebhookHandler(createFakeProvider(), onEvent, {
    dedupe: store,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { handler, errors };
}

describe('createWebhookHandler with a store that can claim (several instances)', () => {
  it('runs onEvent once when two instances receive the same delivery at once', async () => {
    const store = sharedClaimingStore();
    let handled = 0;
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const onEvent = async () => {
      handled += 1;
      await gate;
    };
    const a = instance(store.view(), onEvent);
    const b = instance(store.view(), onEvent);
    const body = deliveryBody([m1]);
    const first = a.handler(signedRequest(body));
    // The second instance answers while the first still handles it: claimed, so not its to handle,
    // and not yet done, so not a 200 (that would end the redeliveries should the first one fail).
    const meanwhile = await b.handler(signedRequest(body));
    expect(meanwhile.status).toBe(503);
    expect(meanwhile.headers.get('retry-after')).toBe('10');
    release();
    expect((await first).status).toBe(200);
    // Once it is handled, a redelivery anywhere is acknowledged without running it again.
    expect((await b.handler(signedRequest(body))).status).toBe(200);
    expect(handled).toBe(1);
    expect(store.calls).toStrictEqual([
      `claim ${DEFAULT_DEDUPE_LEASE_MS}`,
      `claim ${DEFAULT_DEDUPE_LEASE_MS}`,
      'add 86400000',
      `claim ${DEFAULT_DEDUPE_LEASE_MS}`,
    ]);
  });

  it('gives the claim up when onEvent throws, so the redelivery is handled by any instance', async () => {
    const store = sharedClaimingStore();
    const seen: string[] = [];
    const failing = instance(store.view(), () => {
      seen.push('a');
      throw new Error('database down');
    });
    const healthy = instance(store.view(), () => {
      seen.push('b');
    });
    const body = deliveryBody([m1]);
    expect((await failing.handler(signedRequest(body))).status).toBe(500);
    expect((await healthy.handler(signedRequest(body))).status).toBe(200);
    expect((await failing.handler(signedRequest(body))).status).toBe(200);
    expect(seen).toStrictEqual(['a', 'b']);
  });

  it('does not acknowledge a redelivery while another instance handles the event, then fails', async () => {
    const store = sharedClaimingStore();
    const seen: string[] = [];
    let fail = (): void => undefined;
    const failing = new Promise<void>((_resolve, reject) => {
      fail = () => reject(new Error('db timeout'));
    });
    const slow = instance(store.view(), async () => {
      seen.push('a');
      await failing;
    });
    const other = instance(store.view(), () => {
      seen.push('b');
    });
    const body = deliveryBody([m1]);
    const first = slow.handler(signedRequest(body));
    // The provider's retry reaches the other instance while the first is still at it.
    expect((await other.handler(signedRequest(body))).status).toBe(503);
    fail();
    expect((await first).status).toBe(500);
    // So the provider redelivers, and the event is handled after all.
    expect((await other.handler(signedRequest(body))).status).toBe(200);
    expect(seen).toStrictEqual(['a', 'b']);
  });

  it('reports a release that fails; the claim then lapses after its lease', async () => {
    const store = sharedClaimingStore();
    const seen: string[] = [];
    const failing = instance(
      store.view(true),
      () => {
        seen.push('a');
        throw new Error('database down');
      },
      { dedupeLeaseMs: 30_000 },
    );
    const healthy = instance(store.view(), () => {
      seen.push('b');
    });
    const body = deliveryBody([m1]);
    expect((await failing.handler(signedRequest(body))).status).toBe(500);
    expect(failing.errors.map(String)).toStrictEqual(['Error: store unreachable', 'Error: database down']);
    // Still claimed: a redelivery within the lease is asked to come again later.
    expect((await healthy.handler(signedRequest(body))).status).toBe(503);
    expect(seen).toStrictEqual(['a']);
    store.advance(30_000);
    expect((await healthy.handler(signedRequest(body))).status).toBe(200);
    expect(seen).toStrictEqual(['a', 'b']);
  });

  it('refuses a lease that is not a positive number', () => {
    const store = sharedClaimingStore();
    expect(() => instance(store.view(), () => undefined, { dedupeLeaseMs: 0 })).toThrow(
      'dedupeLeaseMs must be a positive number',
    );
  });
});
