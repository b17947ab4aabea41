import { describe, expect, it, vi } from 'vitest';
import type { InboundEvent } from '../model/inbound-event.js';
import {
  createFakeProvider,
  deliveryBody,
  type FakeItem,
  SECRET,
  signedRequest,
  VERIFY_TOKEN,
} from './__fixtures__/fake-provider.js';
import type { WebhookDedupeStore } from './dedupe-store.js';
import { webhookEventKey } from './event-identity.js';
import { hmacSha256Hex } from './hmac.js';
import {
  createWebhookHandler,
  DEFAULT_DEDUPE_TTL_MS,
  type WebhookHandlerOptions,
  type WebhookSource,
} from './webhook-handler.js';

const m1: FakeItem = { kind: 'message', id: 'm1', from: '15550001', text: 'first' };
const m2: FakeItem = { kind: 'message', id: 'm2', from: '15550001', text: 'second' };
const s1: FakeItem = { kind: 'status', messageId: 'out-1', status: 'delivered' };

function idOf(event: InboundEvent): string {
  return event.kind === 'message'
    ? event.id
    : event.kind === 'status'
      ? `${event.messageId}:${event.status}`
      : 'unknown';
}

function setup(
  onEvent: (event: InboundEvent) => void | Promise<void> = () => undefined,
  options: WebhookHandlerOptions = {},
) {
  const provider = createFakeProvider();
  const seen: string[] = [];
  const onError = vi.fn();
  const handler = createWebhookHandler(
    provider,
    async (event) => {
      seen.push(idOf(event));
      await onEvent(event);
    },
    { onError, ...options },
  );
  return { provider, handler, seen, onError };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * Resolves once the provider has parsed `count` deliveries and the handler has gone as far as it
 * can with them: past parsing it only takes promise steps, which all run before the event loop's
 * next turn. By then each delivery waits on `onEvent` or on another delivery's attempt.
 */
function parsedDeliveries(provider: WebhookSource, count: number): Promise<void> {
  const parse = provider.webhooks.parse.bind(provider.webhooks);
  const allParsed = deferred();
  let parsed = 0;
  provider.webhooks.parse = async (request) => {
    const events = await parse(request);
    parsed += 1;
    if (parsed === count) allParsed.resolve();
    return events;
  };
  return allParsed.promise.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
}

describe('createWebhookHandler: handshake and methods', () => {
  it('passes the GET handshake through to the provider', async () => {
    const { handler } = setup();
    const url = 'https://hooks.example.com/webhooks/fake?hub.mode=subscribe&hub.challenge=1158201444';
    const ok = await handler(new Request(`${url}&hub.verify_token=${VERIFY_TOKEN}`));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const denied = await handler(new Request(`${url}&hub.verify_token=wrong`));
    expect(denied.status).toBe(403);
  });

  it('answers HEAD like GET, without a body', async () => {
    const { handler } = setup();
    const response = await handler(
      new Request(
        `https://h.example/w?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${VERIFY_TOKEN}`,
        {
          method: 'HEAD',
        },
      ),
    );
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });

  it('answers other methods with 405 and Allow', async () => {
    const { handler } = setup();
    const response = await handler(new Request('https://h.example/w', { method: 'PUT', body: '{}' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});

describe('createWebhookHandler: deliveries', () => {
  it('answers 200 only after a slow onEvent resolved, handling events in order', async () => {
    const log: string[] = [];
    const m1Started = deferred();
    const gate = deferred();
    const { handler } = setup(async (event) => {
      log.push(`start ${idOf(event)}`);
      if (idOf(event) === 'm1') {
        m1Started.resolve();
        await gate.promise;
      }
      log.push(`end ${idOf(event)}`);
    });
    const responding = handler(signedRequest(deliveryBody([m1, m2]))).then((response) => {
      log.push(`response ${response.status}`);
      return response;
    });
    await m1Started.promise;
    expect(log).toStrictEqual(['start m1']);
    gate.resolve();
    const response = await responding;
    expect(log).toStrictEqual(['start m1', 'end m1', 'start m2', 'end m2', 'response 200']);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('OK');
  });

  it('answers 401 for a bad signature without calling onEvent or revealing the expected signature', async () => {
    const { handler, seen, onError } = setup();
    const body = deliveryBody([m1]);
    for (const signature of [`sha256=${hmacSha256Hex('wrong-secret', body)}`, '']) {
      const response = await handler(signedRequest(body, { signature }));
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(text).not.toContain(hmacSha256Hex(SECRET, body));
      expect(text).not.toContain(SECRET);
    }
    expect(seen).toStrictEqual([]);
    expect(onError).not.toHaveBeenCalled();
  });

  it('answers 400 for a body that is not a delivery', async () => {
    const { handler, seen } = setup();
    expect((await handler(signedRequest('{"items":'))).status).toBe(400);
    expect((await handler(signedRequest('{"other":[]}'))).status).toBe(400);
    expect(seen).toStrictEqual([]);
  });

  it('answers 413 for an oversized body without parsing it', async () => {
    const { handler, provider } = setup(undefined, { maxBodyBytes: 64 });
    const response = await handler(signedRequest(deliveryBody([m1, m2])));
    expect(response.status).toBe(413);
    expect(provider.seenBodies).toHaveLength(0);
  });

  it('answers 500 and reports an unexpected error from the provider', async () => {
    const failure = new Error('parser crashed');
    const handler = createWebhookHandler(
      {
        id: 'broken',
        webhooks: { handleVerification: () => new Response(null), parse: () => Promise.reject(failure) },
      },
      () => undefined,
      { onError: (error) => errors.push(error) },
    );
    const errors: unknown[] = [];
    const response = await handler(signedRequest('{}'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('parser crashed');
    expect(errors).toStrictEqual([failure]);
  });

  it('answers 500 when onEvent throws; the redelivery retries that event but skips the ones already handled', async () => {
    let failures = 1;
    const { handler, seen, onError } = setup((event) => {
      if (idOf(event) === 'm2' && failures-- > 0) throw new Error('database down');
    });
    const body = deliveryBody([m1, m2, s1]);

    const first = await handler(signedRequest(body));
    expect(first.status).toBe(500);
    expect(seen).toStrictEqual(['m1', 'm2']);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ message: 'database down' });
    expect(onError.mock.calls[0]?.[1]).toMatchObject({ kind: 'message', id: 'm2' });

    const redelivery = await handler(signedRequest(body));
    expect(redelivery.status).toBe(200);
    expect(seen).toStrictEqual(['m1', 'm2', 'm2', 'out-1:delivered']);
  });

  it('acknowledges a redelivery of a fully handled delivery without calling onEvent', async () => {
    const { handler, seen } = setup();
    const body = deliveryBody([m1, s1]);
    expect((await handler(signedRequest(body))).status).toBe(200);
    expect((await handler(signedRequest(body))).status).toBe(200);
    expect(seen).toStrictEqual(['m1', 'out-1:delivered']);
  });

  it('runs onEvent once for concurrent deliveries of the same events', async () => {
    const gate = deferred();
    const { handler, seen, provider } = setup(() => gate.promise);
    const allParsed = parsedDeliveries(provider, 3);
    const body = deliveryBody([m1, m2]);
    const responses = Promise.all([
      handler(signedRequest(body)),
      handler(signedRequest(body)),
      handler(signedRequest(body)),
    ]);
    // Release onEvent only once all three are in flight, so they really overlap.
    await allParsed;
    expect(seen).toStrictEqual(['m1']);
    gate.resolve();
    expect((await responses).map((response) => response.status)).toStrictEqual([200, 200, 200]);
    expect(seen).toStrictEqual(['m1', 'm2']);
  });

  it('lets a waiting concurrent delivery handle the event when the first attempt failed', async () => {
    const gate = deferred();
    let attempts = 0;
    const { handler, seen, provider } = setup(async () => {
      attempts += 1;
      if (attempts === 1) {
        await gate.promise;
        throw new Error('first attempt fails');
      }
    });
    const bothParsed = parsedDeliveries(provider, 2);
    const body = deliveryBody([m1]);
    const first = handler(signedRequest(body));
    const second = handler(signedRequest(body));
    // The second delivery now waits on the first one's attempt instead of starting its own.
    await bothParsed;
    expect(seen).toStrictEqual(['m1']);
    gate.resolve();
    expect((await first).status).toBe(500);
    expect((await second).status).toBe(200);
    expect(seen).toStrictEqual(['m1', 'm1']);
    expect((await handler(signedRequest(body))).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it('handles every delivery with dedupe: false', async () => {
    const { handler, seen } = setup(undefined, { dedupe: false });
    const body = deliveryBody([m1]);
    await handler(signedRequest(body));
    await handler(signedRequest(body));
    expect(seen).toStrictEqual(['m1', 'm1']);
  });

  it('uses a pluggable asynchronous store with the configured TTL', async () => {
    const keys = new Map<string, number>();
    const store: WebhookDedupeStore = {
      has: async (key) => keys.has(key),
      add: async (key, ttlMs) => {
        keys.set(key, ttlMs);
      },
    };
    const { handler, seen } = setup(undefined, { dedupe: store, dedupeTtlMs: 60_000 });
    await handler(signedRequest(deliveryBody([m1, s1])));
    expect([...keys]).toStrictEqual([
      ['fake:message:m1', 60_000],
      ['fake:status:out-1:delivered', 60_000],
    ]);
    // A second handler (another instance) sharing the store skips what the first handled.
    const other = setup(undefined, { dedupe: store });
    await other.handler(signedRequest(deliveryBody([m1, m2])));
    expect(seen).toStrictEqual(['m1', 'out-1:delivered']);
    expect(other.seen).toStrictEqual(['m2']);
    expect(keys.get('fake:message:m2')).toBe(DEFAULT_DEDUPE_TTL_MS);
  });

  it('still acknowledges a handled event when the store cannot record it, and reports that', async () => {
    const failure = new Error('redis unavailable');
    const store: WebhookDedupeStore = { has: () => false, add: () => Promise.reject(failure) };
    const { handler, seen, onError } = setup(undefined, { dedupe: store });
    const response = await handler(signedRequest(deliveryBody([m1])));
    expect(response.status).toBe(200);
    expect(seen).toStrictEqual(['m1']);
    expect(onError).toHaveBeenCalledWith(failure, expect.objectContaining({ id: 'm1' }));
  });

  it('answers 500 when the store cannot tell whether an event was handled', async () => {
    const store: WebhookDedupeStore = {
      has: () => Promise.reject(new Error('redis unavailable')),
      add: () => undefined,
    };
    const { handler, seen } = setup(undefined, { dedupe: store });
    expect((await handler(signedRequest(deliveryBody([m1])))).status).toBe(500);
    expect(seen).toStrictEqual([]);
  });

  it('keys events by webhookEventKey', async () => {
    const added: string[] = [];
    const { handler } = setup(undefined, {
      dedupe: { has: () => false, add: (key) => void added.push(key) },
    });
    await handler(signedRequest(deliveryBody([m1, { kind: 'other', x: 1 }])));
    expect(added[0]).toBe('fake:message:m1');
    expect(added[1]).toBe(
      webhookEventKey({
        kind: 'unknown',
        provider: 'fake',
        timestamp: new Date(0),
        raw: { kind: 'other', x: 1 },
      }),
    );
  });

  it('hands over an undated unknown event each time: it cannot be told from a second notification', async () => {
    const { handler, seen } = setup();
    const review: FakeItem = { kind: 'other', undated: true, template: 'order_update', status: 'APPROVED' };
    expect((await handler(signedRequest(deliveryBody([review])))).status).toBe(200);
    expect((await handler(signedRequest(deliveryBody([review])))).status).toBe(200);
    expect(seen).toHaveLength(2);
  });
});
