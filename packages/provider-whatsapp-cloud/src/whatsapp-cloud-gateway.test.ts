// The `gateway` option: one Maton gateway shared by several providers, and a gateway that is not
// Maton (a "relay" written here) whose base URL, headers, secrets, limiter, errors and path rewrite
// the adapter honours.
import {
  ApiError,
  AuthenticationError,
  type HttpErrorContext,
  type ProviderGateway,
  type RateLimiter,
  type TransportHooks,
  ValidationError,
} from '@switchboard/core';
import { createMatonGateway } from '@switchboard/maton';
import { requestStarts, useFakeWaits } from '@switchboard/provider-test-kit';
import { faults, type LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { graphError } from './__fixtures__/graph-error-body.js';
import {
  ACCESS_TOKEN,
  CONNECTION_ID,
  fixtures,
  MATON_API_KEY,
  MATON_PREFIX,
  MEDIA_ID,
  PHONE_NUMBER_ID,
  startGraphServer,
  WAMID,
  wire,
} from './__fixtures__/graph-server.js';
import type { WhatsAppCloudOptions } from './whatsapp-cloud-options.js';
import { createWhatsAppCloud } from './whatsapp-cloud-provider.js';

const text = { type: 'text', to: '16505551234', text: 'Hello' } as const;
const RELAY_KEY = 'relay-key-0123456789abcdef';

afterEach(() => {
  vi.useRealTimers();
});

/** What the relay gateway was asked, for assertions. */
interface RelayLog {
  baseUrls: string[];
  rewrites: [api: string, path: string][];
  limited: number;
  mapped: [status: number, api: string][];
}

/**
 * A gateway in the style of 360dialog: its own host and key header, and paths without the Graph
 * version or the phone number id (`/v21.0/{phone-number-id}/messages` → `/messages`).
 */
function relayGateway(server: LoopbackServer, log: RelayLog): ProviderGateway {
  const limiter: RateLimiter = {
    async acquire() {
      log.limited += 1;
    },
  };
  return {
    id: 'relay',
    baseUrl(api) {
      log.baseUrls.push(api);
      return `${server.url}/relay`;
    },
    headers: () => ({ 'x-relay-key': RELAY_KEY }),
    secrets: [RELAY_KEY],
    rateLimiter: limiter,
    mapError(context: HttpErrorContext, api) {
      log.mapped.push([context.status, api]);
      if (context.status !== 418) return undefined;
      return new ApiError(`The relay refused the request (${context.bodyText})`, {
        provider: 'relay',
        status: context.status,
        code: 'provider_unavailable',
        retryable: false,
      });
    },
    upstreamCredentialHint: (api) => `ask the relay operator to refresh its ${api} token`,
    rewritePath(api, path) {
      log.rewrites.push([api, path]);
      return path.replace(/^\/v\d+\.\d+/, '').replace(`/${PHONE_NUMBER_ID}/`, '/');
    },
  };
}

/** Graph's answers under the relay's paths. */
const relayHandlers = [
  http.post('/relay/messages', async ({ request }) => {
    const body = (await request.json()) as { status?: string };
    return HttpResponse.json(body.status === 'read' ? { success: true } : fixtures.sendMessageResponse);
  }),
  http.get('/relay/:id', () => HttpResponse.json(fixtures.mediaGetResponse)),
];

const newLog = (): RelayLog => ({ baseUrls: [], rewrites: [], limited: 0, mapped: [] });

function relayCloud(server: LoopbackServer, log: RelayLog, options: Partial<WhatsAppCloudOptions> = {}) {
  return createWhatsAppCloud({
    gateway: relayGateway(server, log),
    phoneNumberId: PHONE_NUMBER_ID,
    retry: false,
    env: {},
    ...options,
  });
}

describe('a gateway that is not Maton', () => {
  it('sends under its base URL, with its headers, through its path rewrite and its limiter', async () => {
    await using server = await startGraphServer(...relayHandlers);
    const log = newLog();
    const cloud = relayCloud(server, log);
    expect((await cloud.send(text)).id).toBe(WAMID);
    await cloud.markRead('wamid.X');
    await cloud.media.get(MEDIA_ID);

    expect(server.requests.map((request) => [request.method, request.path])).toStrictEqual([
      ['POST', '/relay/messages'],
      ['POST', '/relay/messages'],
      ['GET', `/relay/${MEDIA_ID}`],
    ]);
    // The relay's key instead of a bearer token.
    expect(wire(server.requests[0]).headers).toStrictEqual({
      accept: 'application/json',
      'x-relay-key': RELAY_KEY,
      'content-type': 'application/json',
    });
    expect(log.baseUrls).toStrictEqual(['whatsapp-business']);
    // Rewritten after the version prefix was added.
    expect(log.rewrites).toStrictEqual([
      ['whatsapp-business', `/v21.0/${PHONE_NUMBER_ID}/messages`],
      ['whatsapp-business', `/v21.0/${PHONE_NUMBER_ID}/messages`],
      ['whatsapp-business', `/v21.0/${MEDIA_ID}`],
    ]);
    expect(log.limited).toBe(3);
    server.assertNoUnhandledRequests();
  });

  it('redacts its secrets from hook events and raw bodies', async () => {
    await using server = await startGraphServer(
      http.post('/relay/messages', () =>
        HttpResponse.json({ ...fixtures.sendMessageResponse, note: `relay key ${RELAY_KEY}` }),
      ),
    );
    const seen: unknown[] = [];
    const hooks: TransportHooks = {
      onRequest: (event) => seen.push(event),
      onResponse: (event) => seen.push(event),
    };
    const sent = await relayCloud(server, newLog(), { hooks }).send(text);
    expect(sent.raw).toMatchObject({ note: 'relay key [redacted]' });
    expect(seen).toHaveLength(2);
    expect(JSON.stringify(seen)).not.toContain(RELAY_KEY);
  });

  it('classifies its own answers with its mapError, and leaves Graph errors to the adapter', async () => {
    await using server = await startGraphServer(
      http.post('/relay/messages', async ({ request }) => {
        const { to } = (await request.json()) as { to: string };
        if (to === '16505550001') return faults.plainText(418, 'relay quota exhausted');
        if (to === '16505550002') return faults.plainText(400, 'relay: bad request');
        return HttpResponse.json(graphError(131026), { status: 400 });
      }),
    );
    const log = newLog();
    const cloud = relayCloud(server, log);
    const errorFor = (to: string) => cloud.send({ ...text, to }).catch((caught: unknown) => caught);

    const own = await errorFor('16505550001');
    expect(own).toMatchObject({ provider: 'relay', code: 'provider_unavailable', status: 418 });
    expect((own as Error).message).toContain('relay quota exhausted');
    // The relay defers: core's reading of the status.
    expect(await errorFor('16505550002')).toMatchObject({ code: 'validation_failed', status: 400 });
    // A Graph error body is Meta's, whoever relayed it: the relay is not asked.
    expect(await errorFor('16505550003')).toMatchObject({ code: 'invalid_recipient', providerCode: 131026 });
    expect(log.mapped).toStrictEqual([
      [418, 'whatsapp-business'],
      [400, 'whatsapp-business'],
    ]);
  });

  it('points a rejected Meta token at the gateway that holds it', async () => {
    await using server = await startGraphServer(
      http.post('/relay/messages', () => HttpResponse.json(graphError(190), { status: 401 })),
    );
    const error = await relayCloud(server, newLog())
      .send(text)
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'ask the relay operator to refresh its whatsapp-business token',
    );
    expect((error as Error).message).not.toContain('WHATSAPP_ACCESS_TOKEN');
  });

  it('lets the baseUrl option replace the gateway’s base', async () => {
    await using server = await startGraphServer(
      http.post('/proxy/messages', () => HttpResponse.json(fixtures.sendMessageResponse)),
    );
    const log = newLog();
    await relayCloud(server, log, { baseUrl: `${server.url}/proxy` }).send(text);
    expect(server.requests[0]?.path).toBe('/proxy/messages');
    expect(log.baseUrls).toStrictEqual([]);
  });

  it.each([
    ['transport', { transport: 'maton' }],
    ['apiKey', { apiKey: MATON_API_KEY }],
    ['accessToken', { accessToken: ACCESS_TOKEN }],
    ['connectionId', { connectionId: CONNECTION_ID }],
  ] as const)('rejects %s beside a gateway, without echoing it', async (field, option) => {
    await using server = await startGraphServer();
    let error: unknown;
    try {
      relayCloud(server, newLog(), option);
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error) && error.fields).toStrictEqual([field]);
    expect(JSON.stringify(error)).not.toContain(MATON_API_KEY);
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
  });

  it('rejects an object that is not a gateway', () => {
    expect(() =>
      createWhatsAppCloud({ gateway: { id: 'x' } as never, phoneNumberId: PHONE_NUMBER_ID, env: {} }),
    ).toThrow(expect.objectContaining({ fields: ['gateway'] }));
    expect(() =>
      createWhatsAppCloud({ gateway: { id: 'x' } as never, phoneNumberId: PHONE_NUMBER_ID, env: {} }),
    ).toThrow('gateway: must be a ProviderGateway: baseUrl is not a function');
  });

  it('requires a transport or a gateway', () => {
    let error: unknown;
    try {
      createWhatsAppCloud({ accessToken: ACCESS_TOKEN, phoneNumberId: PHONE_NUMBER_ID, env: {} });
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error) && error.fields).toStrictEqual(['transport']);
    expect((error as Error).message).toContain('unless you pass a gateway');
  });
});

describe('one Maton gateway shared by two providers', () => {
  it('gives both its headers and its base, and one limiter: the account’s 10 requests/s', async () => {
    await using server = await startGraphServer();
    useFakeWaits();
    const startedAt = requestStarts();
    // Created on the fake clock, with a key no other test uses, so its budget starts full here.
    const maton = createMatonGateway({
      apiKey: 'maton-gateway-shared-key-5',
      connectionId: CONNECTION_ID,
      baseUrls: { 'whatsapp-business': `${server.url}${MATON_PREFIX}` },
    });
    const options = { gateway: maton, retry: false, env: {}, hooks: startedAt.hooks } as const;
    const first = createWhatsAppCloud({ ...options, phoneNumberId: PHONE_NUMBER_ID });
    const second = createWhatsAppCloud({ ...options, phoneNumberId: '113355779900111' });

    const sending = Promise.all(
      Array.from({ length: 25 }, (_, index) => (index % 2 === 0 ? first : second).markRead('wamid.X')),
    );
    await vi.advanceTimersByTimeAsync(2_000);
    await sending;

    // One budget: 10 at once, then a token every 100 ms for the 15 others.
    expect(startedAt.ms()).toStrictEqual([
      ...Array.from({ length: 10 }, () => 0),
      ...Array.from({ length: 15 }, (_, index) => (index + 1) * 100),
    ]);
    expect(new Set(server.requests.map((request) => request.path))).toStrictEqual(
      new Set([
        `${MATON_PREFIX}/v21.0/${PHONE_NUMBER_ID}/messages`,
        `${MATON_PREFIX}/v21.0/113355779900111/messages`,
      ]),
    );
    for (const request of server.requests) {
      expect(wire(request).headers).toStrictEqual({
        accept: 'application/json',
        authorization: 'Bearer maton-gateway-shared-key-5',
        'maton-connection': CONNECTION_ID,
        'content-type': 'application/json',
      });
    }
  });

  it('explains Maton’s own errors through the gateway object as through transport maton', async () => {
    await using server = await startGraphServer(
      http.post(`${MATON_PREFIX}/v21.0/:phone/messages`, () => faults.plainText(401, 'Invalid API key')),
    );
    const maton = createMatonGateway({
      apiKey: MATON_API_KEY,
      rateLimit: false,
      baseUrls: { 'whatsapp-business': `${server.url}${MATON_PREFIX}` },
    });
    const error = await createWhatsAppCloud({
      gateway: maton,
      phoneNumberId: PHONE_NUMBER_ID,
      retry: false,
      env: {},
    })
      .send(text)
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('MATON_API_KEY');
    expect(JSON.stringify(error)).not.toContain(MATON_API_KEY);
  });
});
