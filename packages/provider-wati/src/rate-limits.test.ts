import { type RateLimiter, TokenBucketRateLimiter } from '@switchboard/core';
import { createMatonGateway, matonAccountRateLimiter } from '@switchboard/maton';
import { requestStarts, useFakeWaits } from '@switchboard/provider-test-kit';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  directWati,
  fixture,
  MATON_PREFIX,
  matonWati,
  startWatiServer,
  TENANT,
} from './__fixtures__/wati-server.js';
import { createWatiRateLimiter } from './rate-limits.js';

/** Acquires `count` slots of `group` and reports how many were granted so far. */
function acquireMany(
  limiter: RateLimiter,
  group: string | undefined,
  count: number,
): { granted: () => number } {
  let granted = 0;
  for (let index = 0; index < count; index++) {
    void limiter.acquire(group).then(() => {
      granted += 1;
    });
  }
  return { granted: () => granted };
}

describe('createWatiRateLimiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("paces contacts and message history at WATI's 10 per 10 s, separately, and leaves session sends alone (direct)", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'Date'] });
    const limiter = createWatiRateLimiter();
    const contacts = acquireMany(limiter, 'contacts', 11);
    const history = acquireMany(limiter, 'messageHistory', 10);
    const session = acquireMany(limiter, 'sessionSend', 200);
    await vi.advanceTimersByTimeAsync(0);
    expect([contacts.granted(), history.granted(), session.granted()]).toStrictEqual([10, 10, 200]);
    await vi.advanceTimersByTimeAsync(999);
    expect(contacts.granted()).toBe(10);
    await vi.advanceTimersByTimeAsync(1);
    expect(contacts.granted()).toBe(11);
  });

  it.each([
    ['growth', 30],
    ['pro', 60],
    ['business', 100],
  ] as const)('allows %s template sends of %i per 10 s', async (plan, perTenSeconds) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'Date'] });
    const limiter = createWatiRateLimiter({ plan });
    const sends = acquireMany(limiter, 'templateSend', perTenSeconds + 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(sends.granted()).toBe(perTenSeconds);
    await vi.advanceTimersByTimeAsync(Math.ceil(10_000 / perTenSeconds));
    expect(sends.granted()).toBe(perTenSeconds + 1);
  });

  it("adds a gateway's account limiter (Maton's 10 requests/s) to every group", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'Date'] });
    const limiter = createWatiRateLimiter({
      gateway: createMatonGateway({ apiKey: 'maton-wati-limiter-key-6' }),
    });
    const session = acquireMany(limiter, 'sessionSend', 11);
    await vi.advanceTimersByTimeAsync(0);
    expect(session.granted()).toBe(10);
    await vi.advanceTimersByTimeAsync(100);
    expect(session.granted()).toBe(11);
  });

  it("with a Maton gateway, draws on the key's budget, which WhatsApp Cloud providers of the key use too", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'Date'] });
    const apiKey = 'maton-wati-limiter-key-7';
    // What a WhatsApp Cloud provider created with the key draws on: it spends 4 of this second's 10.
    const cloud = acquireMany(matonAccountRateLimiter(apiKey), undefined, 4);
    const first = acquireMany(
      createWatiRateLimiter({ gateway: createMatonGateway({ apiKey }) }),
      'sessionSend',
      4,
    );
    const second = acquireMany(
      createWatiRateLimiter({ gateway: createMatonGateway({ apiKey: `Bearer ${apiKey}` }) }),
      'sessionSend',
      4,
    );
    const otherKey = acquireMany(
      createWatiRateLimiter({ gateway: createMatonGateway({ apiKey: 'maton-wati-limiter-key-8' }) }),
      'sessionSend',
      4,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect([cloud.granted(), first.granted(), second.granted(), otherKey.granted()]).toStrictEqual([
      4, 4, 2, 4,
    ]);
    await vi.advanceTimersByTimeAsync(200);
    expect(second.granted()).toBe(4);
  });

  it('takes an accountLimiter instead of the gateway, and refuses the removed transport/apiKey options', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'Date'] });
    const account = new TokenBucketRateLimiter({ requestsPerSecond: 2 });
    const limiter = createWatiRateLimiter({
      gateway: createMatonGateway({ apiKey: 'maton-wati-limiter-key-9' }),
      accountLimiter: account,
    });
    const session = acquireMany(limiter, 'sessionSend', 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(session.granted()).toBe(2);
    expect(() => createWatiRateLimiter({ transport: 'maton', apiKey: 'k' } as never)).toThrow(
      expect.objectContaining({ name: 'ValidationError', fields: expect.arrayContaining(['']) }),
    );
  });

  it('refuses a gateway whose limiter is not a rate limiter, naming the option', () => {
    const gateway = { ...createMatonGateway({ apiKey: 'maton-wati-limiter-key-10' }), rateLimiter: 10 };
    expect(() => createWatiRateLimiter({ gateway } as never)).toThrow(
      expect.objectContaining({ name: 'ValidationError', fields: ['gateway'] }),
    );
    expect(() => createWatiRateLimiter({ gateway } as never)).toThrow(
      'gateway: must be a ProviderGateway: rateLimiter is not a RateLimiter',
    );
  });
});

describe('rate-limit groups on the wire', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startWatiServer([
      http.post(`${TENANT}/api/v1/sendSessionMessage/:number`, () =>
        HttpResponse.json(fixture('send-session-message-response.json')),
      ),
      http.post(`${MATON_PREFIX}/api/v1/sendSessionMessage/:number`, () =>
        HttpResponse.json(fixture('send-session-message-response.json')),
      ),
      http.post(`${TENANT}/api/v2/sendTemplateMessage`, () =>
        HttpResponse.json(fixture('send-template-v2-response.json')),
      ),
      http.post(`${TENANT}/api/v2/sendTemplateMessages`, () =>
        HttpResponse.json({ result: true, receivers: [] }),
      ),
      http.get(`${TENANT}/api/v1/getMessageTemplates`, () =>
        HttpResponse.json(fixture('get-message-templates-response.json')),
      ),
      http.get(`${TENANT}/api/v1/getContacts`, () =>
        HttpResponse.json(fixture('get-contacts-response.json')),
      ),
      http.post(`${TENANT}/api/v1/addContact/:number`, () => HttpResponse.json({ result: true })),
      http.get(`${TENANT}/api/v1/getMessages/:number`, () =>
        HttpResponse.json(fixture('get-messages-response.json')),
      ),
      http.post(`${TENANT}/api/v1/assignOperator`, () => HttpResponse.json({ result: true })),
      http.get(`${TENANT}/api/v1/getMedia`, () => HttpResponse.arrayBuffer(new Uint8Array([1, 2]).buffer)),
    ]);
  });
  afterEach(() => {
    vi.useRealTimers();
    server.assertNoUnhandledRequests();
    server.clearRequests();
  });
  afterAll(() => server.close());

  it('gives every request its group, and a rateLimit option replaces the default limiter', async () => {
    const groups: (string | undefined)[] = [];
    const recorder: RateLimiter = {
      acquire: async (group) => {
        groups.push(group);
      },
    };
    const provider = directWati(server, { rateLimit: recorder });
    await provider.send({ to: '14155551234', type: 'text', text: 'hi' });
    await provider.send({
      to: '14155551234',
      type: 'template',
      template: { name: 'order_update', language: 'en_US', parameters: ['a', 'b'] },
    });
    await provider.sendBulk({
      template: { name: 'update_for_you', language: 'en' },
      recipients: [{ to: '14155551234' }],
    });
    await provider.contacts.list();
    await provider.contacts.upsert({ phone: '14155551234' });
    await provider.conversations.messages('14155551234');
    await provider.operators.assign('14155551234', 'agent@example.com');
    await provider.media.get('data/images/a.jpg');
    expect(groups).toStrictEqual([
      'sessionSend',
      'templates',
      'templateSend',
      'templateSend',
      'contacts',
      'contacts',
      'messageHistory',
      'operators',
      'media',
    ]);
  });

  it("shares the Maton key's 10 requests/s between the WATI providers of that key by default", async () => {
    useFakeWaits();
    const startedAt = requestStarts();
    const apiKey = 'maton-wati-wire-key-9';
    const a = matonWati(server, { apiKey, hooks: startedAt.hooks });
    const b = matonWati(server, { apiKey, connectionId: 'another-wati-connection', hooks: startedAt.hooks });
    const sending = Promise.all(
      Array.from({ length: 15 }, (_, index) =>
        (index % 2 === 0 ? a : b).send({ to: '14155551234', type: 'text', text: 'hi' }),
      ),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    await sending;
    // One budget: 10 at once, then a token every 100 ms for the 5 others.
    expect(startedAt.ms()).toStrictEqual([...Array.from({ length: 10 }, () => 0), 100, 200, 300, 400, 500]);
    expect(server.requests).toHaveLength(15);
  });

  it('paces template sends with the plan by default: the 31st send on growth waits for a token', async () => {
    useFakeWaits();
    const startedAt = requestStarts();
    const provider = directWati(server, { hooks: startedAt.hooks });
    const sending = Promise.all(
      Array.from({ length: 31 }, () =>
        provider.send({ to: '14155551234', type: 'template', template: { name: 'hello', language: 'en' } }),
      ),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    await sending;
    // 30 per 10 s refills one token every 333 ms (rounded up to the next millisecond).
    expect(startedAt.ms()).toStrictEqual([...Array.from({ length: 30 }, () => 0), 334]);
    expect(server.requests).toHaveLength(31);
  });
});
