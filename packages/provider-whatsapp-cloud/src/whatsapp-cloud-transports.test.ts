import { type RateLimiter, type TransportHooks, ValidationError } from '@switchboard/core';
import { matonAccountRateLimiter } from '@switchboard/maton';
import { nextTurn, requestStarts, useFakeWaits } from '@switchboard/provider-test-kit';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ACCESS_TOKEN,
  BUSINESS_ACCOUNT_ID,
  CONNECTION_ID,
  DIRECT_JSON_HEADERS,
  directCloud,
  envelope,
  MATON_API_KEY,
  MATON_JSON_HEADERS,
  MATON_PREFIX,
  matonCloud,
  PHONE_NUMBER_ID,
  startGraphServer,
  wire,
} from './__fixtures__/graph-server.js';
import { createWhatsAppCloud } from './whatsapp-cloud-provider.js';

const text = { type: 'text', to: '16505551234', text: 'Hello from WhatsApp Business!' } as const;
const textBody = {
  ...envelope(),
  type: 'text',
  text: { preview_url: false, body: 'Hello from WhatsApp Business!' },
};

const zeros = (count: number) => Array.from({ length: count }, () => 0);
/** 100, 200, …: one token every 100 ms at 10 requests per second. */
const every100ms = (count: number) => Array.from({ length: count }, (_, index) => (index + 1) * 100);

afterEach(() => {
  vi.useRealTimers();
});

describe('transport maton', () => {
  it('sends under /whatsapp-business/{version} with the Maton key and connection', async () => {
    await using server = await startGraphServer();
    await matonCloud(server).send(text);
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: `${MATON_PREFIX}/v21.0/${PHONE_NUMBER_ID}/messages`,
      query: {},
      headers: MATON_JSON_HEADERS,
      body: textBody,
    });
  });

  it('sends no Maton-Connection header without a connectionId', async () => {
    await using server = await startGraphServer();
    await matonCloud(server, { connectionId: undefined }).send(text);
    expect(wire(server.requests[0]).headers).toStrictEqual({
      accept: 'application/json',
      authorization: `Bearer ${MATON_API_KEY}`,
      'content-type': 'application/json',
    });
  });

  it('paces requests at 10 per second by default', async () => {
    await using server = await startGraphServer();
    useFakeWaits();
    const startedAt = requestStarts();
    // A key no other test uses, so its default bucket is created here, on the fake clock.
    const cloud = matonCloud(server, {
      apiKey: 'maton-default-pacing-key-0',
      rateLimit: undefined,
      hooks: startedAt.hooks,
    });
    const sending = Promise.all(Array.from({ length: 25 }, () => cloud.markRead('wamid.X')));
    await vi.advanceTimersByTimeAsync(2_000);
    await sending;
    // 10 requests fit the initial burst; the 15 others get a token every 100 ms.
    expect(startedAt.ms()).toStrictEqual([...zeros(10), ...every100ms(15)]);
    expect(server.requests).toHaveLength(25);
  });

  it('shares the default 10 per second between instances of one Maton API key (Maton limits per account)', async () => {
    await using server = await startGraphServer();
    useFakeWaits();
    const startedAt = requestStarts();
    const apiKey = 'maton-shared-account-key-1';
    const first = matonCloud(server, { apiKey, rateLimit: undefined, hooks: startedAt.hooks });
    const second = matonCloud(server, {
      apiKey,
      rateLimit: undefined,
      phoneNumberId: '113355779900111',
      hooks: startedAt.hooks,
    });
    const sending = Promise.all(
      Array.from({ length: 25 }, (_, index) => (index % 2 === 0 ? first : second).markRead('wamid.X')),
    );
    await vi.advanceTimersByTimeAsync(2_000);
    await sending;
    // One budget: 10 at once, then a token every 100 ms for the 15 others.
    expect(startedAt.ms()).toStrictEqual([...zeros(10), ...every100ms(15)]);
    expect(server.requests).toHaveLength(25);
  });

  it("draws on the Maton key's account budget, which WATI providers of the same key share", async () => {
    await using server = await startGraphServer();
    useFakeWaits();
    const startedAt = requestStarts();
    const apiKey = 'maton-account-shared-with-wati-4';
    // Another app on the same Maton account (a WATI provider) spends this second's 10 requests.
    const account = matonAccountRateLimiter(apiKey);
    await Promise.all(Array.from({ length: 10 }, () => account.acquire()));
    // A pasted "Bearer " prefix does not make it another account.
    const cloud = matonCloud(server, {
      apiKey: `Bearer ${apiKey}`,
      rateLimit: undefined,
      hooks: startedAt.hooks,
    });
    const sending = Promise.all(Array.from({ length: 5 }, () => cloud.markRead('wamid.X')));
    await vi.advanceTimersByTimeAsync(1_000);
    await sending;
    // No token left: the 5 requests get one every 100 ms.
    expect(startedAt.ms()).toStrictEqual(every100ms(5));
    expect(server.requests).toHaveLength(5);
  });

  it('gives another Maton API key its own budget', async () => {
    await using server = await startGraphServer();
    useFakeWaits();
    const startedAt = requestStarts();
    const busy = matonCloud(server, { apiKey: 'maton-busy-account-key-2', rateLimit: undefined });
    await Promise.all(Array.from({ length: 10 }, () => busy.markRead('wamid.X')));
    const other = matonCloud(server, {
      apiKey: 'maton-other-account-key-3',
      rateLimit: undefined,
      hooks: startedAt.hooks,
    });
    const sending = Promise.all(Array.from({ length: 10 }, () => other.markRead('wamid.X')));
    // The busy key has no token left, and the clock stands still: all 10 start at once anyway.
    await nextTurn();
    expect(startedAt.ms()).toStrictEqual(zeros(10));
    await sending;
    expect(server.requests).toHaveLength(20);
  });

  it('takes a shared limiter instance', async () => {
    await using server = await startGraphServer();
    const groups: (string | undefined)[] = [];
    const limiter: RateLimiter = {
      async acquire(group) {
        groups.push(group);
      },
    };
    const a = matonCloud(server, { rateLimit: limiter });
    const b = directCloud(server, { rateLimit: limiter });
    await a.send(text);
    await b.markRead('wamid.X');
    expect(groups).toHaveLength(2);
  });
});

describe('transport direct', () => {
  it('sends under /{version} with the Meta token and no Maton header', async () => {
    await using server = await startGraphServer();
    await directCloud(server, { connectionId: CONNECTION_ID }).send(text);
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: `/v21.0/${PHONE_NUMBER_ID}/messages`,
      query: {},
      headers: DIRECT_JSON_HEADERS,
      body: textBody,
    });
  });

  it('is not paced by default', async () => {
    await using server = await startGraphServer();
    useFakeWaits();
    const startedAt = requestStarts();
    const cloud = directCloud(server, { hooks: startedAt.hooks });
    const sending = Promise.all(Array.from({ length: 25 }, () => cloud.markRead('wamid.X')));
    // The clock stands still: Maton's default limiter would hold 15 of them for 1.5 s.
    await nextTurn();
    expect(startedAt.ms()).toStrictEqual(zeros(25));
    await sending;
    expect(server.requests).toHaveLength(25);
  });

  it('uses the apiVersion in every path', async () => {
    await using server = await startGraphServer();
    await directCloud(server, { apiVersion: 'v23.0' })
      .send(text)
      .catch(() => undefined);
    expect(server.requests[0]?.path).toBe(`/v23.0/${PHONE_NUMBER_ID}/messages`);
  });

  it('keeps a path prefix of baseUrl (a proxy)', async () => {
    await using server = await startGraphServer();
    await directCloud(server, { baseUrl: `${server.url}${MATON_PREFIX}/` }).send(text);
    expect(server.requests[0]?.path).toBe(`${MATON_PREFIX}/v21.0/${PHONE_NUMBER_ID}/messages`);
  });
});

describe('credentials', () => {
  it('removes a pasted "Bearer " prefix', async () => {
    await using server = await startGraphServer();
    await directCloud(server, { accessToken: `  Bearer ${ACCESS_TOKEN}\n` }).send(text);
    await matonCloud(server, { apiKey: `bearer ${MATON_API_KEY}` }).send(text);
    expect(server.requests[0]?.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(server.requests[1]?.headers.get('authorization')).toBe(`Bearer ${MATON_API_KEY}`);
  });

  it('redacts the token from hook events', async () => {
    await using server = await startGraphServer();
    const seen: unknown[] = [];
    const hooks: TransportHooks = {
      onRequest: (event) => seen.push(event),
      onResponse: (event) => seen.push(event),
    };
    await directCloud(server, {
      hooks,
      appSecret: 'app-secret-value-1',
      verifyToken: 'verify-token-value-1',
    }).send(text);
    const logged = JSON.stringify(seen);
    expect(seen).toHaveLength(2);
    expect(logged).not.toContain(ACCESS_TOKEN);
    expect(logged).toContain('Bearer [redacted]');
  });

  it('keeps a token echoed in a response body, or in an access_token= link, out of every raw field', async () => {
    const injected = 'EAAGgatewayInjectedToken654';
    const echo = {
      note: `token ${ACCESS_TOKEN}`,
      link: `https://graph.facebook.com/x?access_token=${injected}`,
    };
    await using server = await startGraphServer(
      http.post('/v21.0/:phoneNumberId/messages', () =>
        HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.echo' }], ...echo }),
      ),
      http.get('/v21.0/:businessAccountId/phone_numbers', () =>
        HttpResponse.json({
          data: [{ id: PHONE_NUMBER_ID, display_phone_number: '+1 555-078-3881', ...echo }],
        }),
      ),
      http.get('/v21.0/:id', () => HttpResponse.json({ id: '1013859600285441', ...echo })),
    );
    const cloud = directCloud(server);
    const raws = [
      (await cloud.send(text)).raw,
      (await cloud.account.phoneNumbers())[0]?.raw,
      (await cloud.media.get('1013859600285441')).raw,
    ];
    expect(raws).toHaveLength(3);
    for (const raw of raws) {
      expect(raw).toMatchObject({
        note: 'token [redacted]',
        link: 'https://graph.facebook.com/x?access_token=[redacted]',
      });
    }
    const shown = JSON.stringify(raws);
    expect(shown).not.toContain(ACCESS_TOKEN);
    expect(shown).not.toContain(injected);
    expect(server.requests.map((request) => request.path)).toStrictEqual([
      `/v21.0/${PHONE_NUMBER_ID}/messages`,
      `/v21.0/${BUSINESS_ACCOUNT_ID}/phone_numbers`,
      '/v21.0/1013859600285441',
    ]);
  });

  it.each([
    ['maton', { apiKey: undefined }, 'apiKey', 'MATON_API_KEY'],
    ['maton', { apiKey: 'Bearer  ' }, 'apiKey', 'MATON_API_KEY'],
    ['direct', { accessToken: undefined }, 'accessToken', 'WHATSAPP_ACCESS_TOKEN'],
    ['direct', { accessToken: '' }, 'accessToken', 'WHATSAPP_ACCESS_TOKEN'],
  ] as const)('for %s, a missing credential names %s and %s', (transport, credential, option, env) => {
    const options = {
      transport,
      phoneNumberId: PHONE_NUMBER_ID,
      env: {},
      ...(transport === 'maton' ? { accessToken: ACCESS_TOKEN } : { apiKey: MATON_API_KEY }),
      ...credential,
    };
    let error: unknown;
    try {
      createWhatsAppCloud(options);
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error) && error.fields).toEqual([option]);
    expect((error as Error).message).toContain(option);
    expect((error as Error).message).toContain(env);
    expect(JSON.stringify(error)).not.toContain(transport === 'maton' ? ACCESS_TOKEN : MATON_API_KEY);
  });

  it.each([
    ['a phone number instead of its id', { phoneNumberId: '+1 555 078 3881' }, 'phoneNumberId'],
    ['a missing phoneNumberId', { phoneNumberId: undefined }, 'phoneNumberId'],
    ['an api version without v', { apiVersion: '21.0' }, 'apiVersion'],
    ['a base URL with a query', { baseUrl: 'https://proxy.example/graph?x=1' }, 'baseUrl'],
    ['an unknown transport', { transport: 'sms' }, 'transport'],
    ['an unknown option', { accesToken: 'typo' }, ''],
  ])('rejects %s', (_label, override, field) => {
    let error: unknown;
    try {
      createWhatsAppCloud({
        transport: 'direct',
        accessToken: ACCESS_TOKEN,
        phoneNumberId: PHONE_NUMBER_ID,
        env: {},
        ...override,
      } as never);
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toEqual([field]);
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
  });

  it('reports a missing credential together with other invalid options', () => {
    let error: unknown;
    try {
      createWhatsAppCloud({ transport: 'maton', env: {} });
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['phoneNumberId', 'apiKey']);
  });

  it('names WHATSAPP_PHONE_NUMBER_ID when phoneNumberId is missing', () => {
    expect(() => createWhatsAppCloud({ transport: 'direct', accessToken: ACCESS_TOKEN, env: {} })).toThrow(
      'phoneNumberId: is required: pass phoneNumberId or set WHATSAPP_PHONE_NUMBER_ID',
    );
  });
});
