// The router's other rules over the real adapters: capabilities and limits, policies, circuit
// breakers (with an injected clock), bulk failover and webhook dispatch with status correlation.
import { CircuitOpenError, createRouter, type OutboundMessage, SwitchboardError } from '@switchboard/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CLOUD_VERIFY_TOKEN,
  JOHN,
  type RouterHarness,
  startRouterHarness,
} from './__fixtures__/router-harness.js';

let h: RouterHarness;
beforeAll(async () => {
  h = await startRouterHarness();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const text: OutboundMessage = { type: 'text', to: JOHN, text: 'Hello' };

describe('capabilities and limits', () => {
  it('is the union of send capabilities, without facets, and the intersection of limits', async () => {
    const wati = h.watiProvider();
    const cloud = h.cloudProvider();
    const router = createRouter({ providers: [wati, cloud] });
    expect(router.capabilities.has('send.location')).toBe(true); // Cloud only
    expect(router.capabilities.has('send.text')).toBe(true);
    expect(router.capabilities.has('webhooks.signature')).toBe(true); // both verify
    expect(router.capabilities.has('templates.list')).toBe(false); // no facets on a router
    expect(router.templates).toBeUndefined();
    expect(router.limits.bulkBatchSize).toBe(Math.min(wati.limits.bulkBatchSize, cloud.limits.bulkBatchSize));
    expect(router.limits.textMaxLength).toBe(Math.min(wati.limits.textMaxLength, cloud.limits.textMaxLength));
    for (const type of ['image', 'document'] as const) {
      const both = cloud.limits.media[type]?.mimeTypes.filter((m) =>
        wati.limits.media[type]?.mimeTypes.includes(m),
      );
      expect(router.limits.media[type]?.mimeTypes).toEqual(both);
    }
    expect(router.provider('wati')).toBe(wati);
    await router.close();
  });

  it('drops webhooks.signature when one provider does not verify deliveries', async () => {
    const router = createRouter({
      providers: [h.watiProvider({ webhookSecret: undefined }), h.cloudProvider()],
    });
    expect(router.capabilities.has('webhooks.signature')).toBe(false);
    await router.close();
  });

  it('rejects invalid options before any request, naming the field', () => {
    expect(() => createRouter({ providers: [] })).toThrow(/providers/);
    const wati = h.watiProvider();
    expect(() => createRouter({ providers: [wati, h.watiProvider()] })).toThrow(/ids must differ/);
    expect(() => createRouter({ providers: [wati], policy: 'random' as never })).toThrow(/policy/);
  });
});

describe('policies', () => {
  it('priority (default) sends through the first provider', async () => {
    const router = createRouter({ providers: [h.cloudProvider(), h.watiProvider()] });
    expect((await router.send(text)).provider).toBe('whatsapp-cloud');
    expect((await router.send(text)).provider).toBe('whatsapp-cloud');
    await router.close();
  });

  it('round-robin starts each send at the next provider', async () => {
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()], policy: 'round-robin' });
    const senders = [];
    for (let i = 0; i < 4; i++) senders.push((await router.send(text)).provider);
    expect(senders).toEqual(['wati', 'whatsapp-cloud', 'wati', 'whatsapp-cloud']);
    expect(h.watiFaults.log).toEqual(['ok', 'ok']);
    expect(h.cloudFaults.log).toEqual(['ok', 'ok']);
    await router.close();
  });

  it('round-robin still fails over to the next provider', async () => {
    h.cloudFaults.always('503');
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()], policy: 'round-robin' });
    const senders = [(await router.send(text)).provider, (await router.send(text)).provider];
    expect(senders).toEqual(['wati', 'wati']);
    expect(h.cloudFaults.log).toEqual(['503']);
    await router.close();
  });

  it('a function chooses the order (and may leave providers out)', async () => {
    const router = createRouter({
      providers: [h.watiProvider(), h.cloudProvider()],
      policy: ({ message, providers }) =>
        message.type === 'template' ? providers.filter((p) => p.id === 'whatsapp-cloud') : providers,
    });
    const template: OutboundMessage = {
      type: 'template',
      to: JOHN,
      template: { name: 'hello_world', language: 'en_US' },
    };
    expect((await router.send(template)).provider).toBe('whatsapp-cloud');
    expect((await router.send(text)).provider).toBe('wati');
    // Left out means not tried: a 503 of the only chosen provider is thrown.
    h.cloudFaults.always('503');
    await expect(router.send(template)).rejects.toMatchObject({ code: 'provider_unavailable', status: 503 });
    expect(h.watiFaults.log).toEqual(['ok']);
    await router.close();
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive unavailable errors, skips the provider, and half-opens after the cool-down', async () => {
    let now = 1_000_000;
    const router = createRouter({
      providers: [h.watiProvider(), h.cloudProvider()],
      circuitBreaker: { failureThreshold: 2, cooldownMs: 10_000, now: () => now },
    });
    h.watiFaults.always('503');
    expect((await router.send(text)).provider).toBe('whatsapp-cloud');
    expect(router.circuitState('wati')).toBe('closed');
    expect((await router.send(text)).provider).toBe('whatsapp-cloud');
    expect(router.circuitState('wati')).toBe('open');
    expect((await router.send(text)).provider).toBe('whatsapp-cloud');
    expect(h.watiFaults.log).toEqual(['503', '503']); // the open circuit sent nothing to WATI

    now += 10_000;
    expect(router.circuitState('wati')).toBe('half-open');
    h.watiFaults.clear();
    expect((await router.send(text)).provider).toBe('wati'); // the trial succeeds
    expect(router.circuitState('wati')).toBe('closed');
    await router.close();
  });

  it('a failed trial reopens the circuit; with every circuit open the router throws CircuitOpenError without a request', async () => {
    let now = 0;
    const router = createRouter({
      providers: [h.watiProvider(), h.cloudProvider()],
      circuitBreaker: { failureThreshold: 1, cooldownMs: 5_000, now: () => now },
    });
    h.watiFaults.always('503');
    h.cloudFaults.always('503');
    await expect(router.send(text)).rejects.toMatchObject({
      code: 'provider_unavailable',
      provider: 'whatsapp-cloud',
    });
    const error = await router.send(text).catch((e: unknown) => e);
    expect(CircuitOpenError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'provider_unavailable', retryable: true, retryAfterMs: 5_000 });
    expect(h.watiFaults.log).toHaveLength(1);
    expect(h.cloudFaults.log).toHaveLength(1);
    now += 5_000;
    await expect(router.send(text)).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(router.circuitState('wati')).toBe('open');
    expect(h.watiFaults.log).toHaveLength(2);
    await router.close();
  });

  it('a rate limit does not open the circuit', async () => {
    const router = createRouter({
      providers: [h.watiProvider(), h.cloudProvider()],
      circuitBreaker: { failureThreshold: 1 },
    });
    h.watiFaults.queue.push('429');
    expect((await router.send(text)).provider).toBe('whatsapp-cloud');
    expect(router.circuitState('wati')).toBe('closed');
    await router.close();
  });
});

describe('abort', () => {
  it('an aborted signal stops the router before it tries a provider', async () => {
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    await expect(router.send(text, { signal: controller.signal })).rejects.toThrow('user cancelled');
    expect([h.watiFaults.log, h.cloudFaults.log]).toEqual([[], []]);
    await router.close();
  });
});

describe('bulk', () => {
  it('sends the recipients the primary refused (503) through the next provider', async () => {
    h.watiFaults.always('503');
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    const result = await router.sendBulk({
      template: { name: 'hello_world', language: 'en_US' },
      recipients: [{ to: JOHN }, { to: '14155555678' }],
    });
    expect(result.results.map((r) => r.ok)).toEqual([true, true]);
    expect(h.watiFaults.log).toEqual(['503']); // WATI's native bulk: one request for both
    expect(h.cloudFaults.log).toEqual(['ok', 'ok']); // Cloud fans out
    await router.close();
  });

  it('streams the same failover: each recipient once, as it settles', async () => {
    h.watiFaults.always('503');
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    const results = [];
    for await (const result of router.sendBulkStream({
      template: { name: 'hello_world', language: 'en_US' },
      recipients: [{ to: JOHN }, { to: '14155555678' }],
    })) {
      results.push(result);
    }
    expect(results.map((r) => [r.index, r.ok]).toSorted(([a], [b]) => Number(a) - Number(b))).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(h.watiFaults.log).toEqual(['503']);
    expect(h.cloudFaults.log).toEqual(['ok', 'ok']);
    await router.close();
  });

  it('keeps a recipient the fallback provider rejected as final in the result', async () => {
    h.watiFaults.always('503');
    h.cloudFaults.queue.push('ok', {
      status: 400,
      body: { error: { message: 'Message undeliverable', type: 'OAuthException', code: 131026 } },
    });
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    const result = await router.sendBulk({
      template: { name: 'hello_world', language: 'en_US' },
      recipients: [{ to: JOHN }, { to: '14155555678' }],
    });
    expect(result.results.map((r) => [r.to, r.ok, r.error?.code])).toEqual([
      [JOHN, true, undefined],
      ['14155555678', false, 'invalid_recipient'],
    ]);
    await router.close();
  });
});

describe('webhooks', () => {
  it('dispatches each emulator’s deliveries to its provider; statuses carry the SendResult.id after a failover', async () => {
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    h.receiveWith(router);
    h.watiFaults.queue.push('503');
    const failedOver = await router.send(text);
    const direct = await router.send(text);
    expect([failedOver.provider, direct.provider]).toEqual(['whatsapp-cloud', 'wati']);
    await Promise.all([h.cloud.flushWebhooks(), h.wati.flushWebhooks()]);
    expect(h.statusesOf(failedOver.id)).toEqual(['sent', 'delivered', 'read']);
    expect(h.statusesOf(direct.id)).toEqual(['sent', 'delivered', 'read']);
    const providerOf = (id: string) =>
      new Set(h.events.filter((e) => e.kind === 'status' && e.messageId === id).map((e) => e.provider));
    expect(providerOf(failedOver.id)).toEqual(new Set(['whatsapp-cloud']));
    expect(providerOf(direct.id)).toEqual(new Set(['wati']));

    await h.wati.simulateInboundMessage({ from: JOHN, name: 'John', text: 'via WATI' });
    await h.cloud.simulateInboundMessage({ from: JOHN, name: 'John', text: 'via Cloud' });
    const inbound = h.events.filter((e) => e.kind === 'message');
    expect(inbound.map((e) => [e.provider, e.kind === 'message' && e.message])).toEqual([
      ['wati', { type: 'text', text: 'via WATI' }],
      ['whatsapp-cloud', { type: 'text', text: 'via Cloud' }],
    ]);
    await router.close();
  });

  it('refuses a delivery no provider accepts, with the verification error', async () => {
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    const forged = new Request('http://app.test/webhooks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'whatsapp_business_account', entry: [] }),
    });
    const error = await router.webhooks.parse(forged).catch((e: unknown) => e);
    expect(SwitchboardError.isInstance(error) && error.code).toBe('webhook_verification_failed');
    await router.close();
  });

  it('answers Meta’s handshake through the provider that checks the verify token', async () => {
    const router = createRouter({ providers: [h.watiProvider(), h.cloudProvider()] });
    const url = (token: string) =>
      `http://app.test/webhooks?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
    const ok = router.webhooks.handleVerification(url(CLOUD_VERIFY_TOKEN));
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    expect(router.webhooks.handleVerification(url('wrong')).status).toBe(403);
    expect(router.webhooks.handleVerification('http://app.test/webhooks').status).toBe(200); // WATI's GET
    await router.close();
  });
});
