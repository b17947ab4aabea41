// Gateways on the wire: one Maton gateway shared by two providers, a gateway that is not Maton,
// and credentials read from the environment.
import { ApiError, errorFields, type ProviderGateway, type RateLimiter } from '@switchboard/core';
import { createMatonGateway } from '@switchboard/maton';
import { requestStarts, useFakeWaits } from '@switchboard/provider-test-kit';
import { faults, type LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CONNECTION_ID,
  fixture,
  MATON_PREFIX,
  startWatiServer,
  TENANT,
  TOKEN,
  wire,
} from './__fixtures__/wati-server.js';
import { createWati } from './wati-provider.js';

const RELAY_SECRET = 'relay-secret-0123456789abcdef';
/** Where the relay serves WATI: its own prefix, and its own path layout (see `rewritePath`). */
const RELAY_PREFIX = '/relay';
const text = { to: '14155551234', type: 'text', text: 'hi' } as const;
const sent = () => HttpResponse.json(fixture('send-session-message-response.json'));

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${MATON_PREFIX}/api/v1/sendSessionMessage/:number`, sent),
    http.post(`${TENANT}/api/v1/sendSessionMessage/:number`, sent),
    http.post(`${RELAY_PREFIX}/v1/wati/api/v1/sendSessionMessage/:number`, sent),
    http.get(`${RELAY_PREFIX}/v1/wati/api/v1/getMedia`, () =>
      HttpResponse.arrayBuffer(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]).buffer),
    ),
    http.post(`${RELAY_PREFIX}/v1/wati/api/v1/assignOperator`, () =>
      faults.status(502, { body: `relay lost its upstream (key ${RELAY_SECRET})` }),
    ),
  ]);
});
afterEach(() => {
  vi.useRealTimers();
  server.assertNoUnhandledRequests();
  server.clearRequests();
});
afterAll(() => server.close());

describe('one Maton gateway, several providers', () => {
  it('shares its account limiter and its headers between the providers created with it', async () => {
    useFakeWaits();
    const startedAt = requestStarts();
    const maton = createMatonGateway({
      apiKey: 'maton-shared-gateway-key-1',
      connectionId: CONNECTION_ID,
      baseUrls: { wati: `${server.url}${MATON_PREFIX}` },
    });
    const a = createWati({ gateway: maton, retry: false, hooks: startedAt.hooks });
    const b = createWati({ gateway: maton, plan: 'pro', retry: false, hooks: startedAt.hooks });
    const sending = Promise.all(
      Array.from({ length: 15 }, (_, index) => (index % 2 === 0 ? a : b).send(text)),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    await sending;
    // One budget of 10 requests/s: 10 at once, then a token every 100 ms for the 5 others.
    expect(startedAt.ms()).toStrictEqual([...Array.from({ length: 10 }, () => 0), 100, 200, 300, 400, 500]);
    expect(server.requests).toHaveLength(15);
    for (const request of server.requests) {
      expect(wire(request)).toMatchObject({
        path: `${MATON_PREFIX}/api/v1/sendSessionMessage/14155551234`,
        authorization: 'Bearer maton-shared-gateway-key-1',
        matonConnection: CONNECTION_ID,
      });
    }
  });
});

describe('a gateway that is not Maton', () => {
  function relayGateway(acquired: (string | undefined)[]): ProviderGateway {
    const limiter: RateLimiter = {
      acquire: async (group) => {
        acquired.push(group);
      },
    };
    return {
      id: 'relay',
      baseUrl: () => `${server.url}${RELAY_PREFIX}`,
      headers: () => ({ 'x-relay-key': RELAY_SECRET }),
      secrets: [RELAY_SECRET],
      rateLimiter: limiter,
      mapError: (context, api) =>
        context.status === 502
          ? new ApiError(`The relay could not reach ${api}`, {
              ...errorFields(context),
              code: 'provider_unavailable',
              retryable: true,
            })
          : undefined,
      upstreamCredentialHint: () => 're-link WATI in the relay',
      rewritePath: (api, path) => `/v1/${api}${path}`,
    };
  }

  it.each([
    ['a limiter that is not a rate limiter', { rateLimiter: 10 }, 'rateLimiter is not a RateLimiter'],
    ['a path rewriter that is not a function', { rewritePath: '/v1' }, 'rewritePath is not a function'],
  ])(
    'is refused when the provider is created if it has %s, naming the option and the member',
    (_case, change, problem) => {
      const gateway = { ...relayGateway([]), ...change } as unknown as ProviderGateway;
      expect(() => createWati({ gateway })).toThrow(
        expect.objectContaining({ name: 'ValidationError', fields: ['gateway'] }),
      );
      expect(() => createWati({ gateway })).toThrow(problem);
      expect(() => createWati({ gateway })).not.toThrow(RELAY_SECRET);
    },
  );

  it('is honoured: its base URL, headers, path layout, limiter, secrets and errors', async () => {
    const acquired: (string | undefined)[] = [];
    const provider = createWati({ gateway: relayGateway(acquired), retry: false });
    await provider.send(text);
    const file = await provider.media.get('data/images/a.jpg');
    const error = (await provider.operators
      .assign('14155551234', 'agent@example.com')
      .catch((caught: unknown) => caught)) as ApiError;

    expect(server.requests.map((request) => request.path)).toStrictEqual([
      `${RELAY_PREFIX}/v1/wati/api/v1/sendSessionMessage/14155551234`,
      `${RELAY_PREFIX}/v1/wati/api/v1/getMedia`,
      `${RELAY_PREFIX}/v1/wati/api/v1/assignOperator`,
    ]);
    for (const request of server.requests) {
      expect(request.headers.get('x-relay-key')).toBe(RELAY_SECRET);
      expect(request.headers.get('authorization')).toBeNull();
    }
    expect(file.mimeType).toBe('image/jpeg');
    // WATI's per-endpoint groups come first, then the relay's own limiter is asked for each request.
    expect(acquired).toStrictEqual(['sessionSend', 'media', 'operators']);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'provider_unavailable', status: 502 });
    expect(error.message).toBe('The relay could not reach wati');
    expect(JSON.stringify(error.toJSON())).not.toContain(RELAY_SECRET);
  });
});

describe('credentials from the environment', () => {
  it('direct: reads WATI_API_URL and WATI_API_TOKEN when the options leave them out; an option wins', async () => {
    const env = { WATI_API_URL: `${server.url}${TENANT}`, WATI_API_TOKEN: `Bearer ${TOKEN}` };
    await createWati({ transport: 'direct', retry: false, env }).send(text);
    await createWati({ transport: 'direct', token: 'explicit-token-0123456789', retry: false, env }).send(
      text,
    );
    expect(server.requests.map((request) => wire(request))).toMatchObject([
      { path: `${TENANT}/api/v1/sendSessionMessage/14155551234`, authorization: `Bearer ${TOKEN}` },
      {
        path: `${TENANT}/api/v1/sendSessionMessage/14155551234`,
        authorization: 'Bearer explicit-token-0123456789',
      },
    ]);
  });

  it('maton: reads MATON_API_KEY and MATON_CONNECTION_ID when the options leave them out', async () => {
    const env = { MATON_API_KEY: 'maton-env-key-0123456789', MATON_CONNECTION_ID: 'env-connection' };
    const baseUrl = `${server.url}${MATON_PREFIX}`;
    await createWati({ transport: 'maton', baseUrl, retry: false, env }).send(text);
    await createWati({ transport: 'maton', baseUrl, connectionId: 'explicit', retry: false, env }).send(text);
    expect(server.requests.map((request) => wire(request))).toMatchObject([
      { authorization: 'Bearer maton-env-key-0123456789', matonConnection: 'env-connection' },
      { authorization: 'Bearer maton-env-key-0123456789', matonConnection: 'explicit' },
    ]);
  });
});
