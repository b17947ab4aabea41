import {
  facetCapabilities,
  type MessagingProvider,
  OPERATION_CAPABILITIES,
  type ProviderGateway,
  type ProviderOperation,
  requireFacet,
  requireOperation,
  TokenBucketRateLimiter,
  UnsupportedFeatureError,
  ValidationError,
} from '@switchboard/core';
import { createMatonGateway } from '@switchboard/maton';
import type { LoopbackServer } from '@switchboard/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, MATON_KEY, startWatiServer, TOKEN } from './__fixtures__/wati-server.js';
import { createWati, isWatiProvider } from './wati-provider.js';

let server: LoopbackServer;
beforeAll(async () => {
  // No handlers: any request at all fails the test.
  server = await startWatiServer();
});
afterEach(() => {
  expect(server.requests).toHaveLength(0);
  server.clearRequests();
});
afterAll(() => server.close());

describe('capabilities', () => {
  it('lists what the WATI v1/v2 API offers (V3 adds typing and BSUIDs), and webhooks.signature only with a shared secret', () => {
    const provider = directWati(server);
    expect([...provider.capabilities].sort()).toStrictEqual(
      [
        'send.text',
        'send.image',
        'send.video',
        'send.audio',
        'send.document',
        'send.buttons',
        'send.list',
        'send.template',
        'send.replyTo',
        'send.media.url',
        'send.media.data',
        'send.bulk',
        'templates.list',
        'contacts.list',
        'contacts.upsert',
        'contacts.updateAttributes',
        'conversations.messages',
        'media.get',
        'operators.assign',
        'webhooks.verification',
      ].sort(),
    );
    // V3 adds what only V3 has: typingIndicator and BSUID targets.
    const v3 = directWati(server, { api: 'v3' });
    expect(
      [...v3.capabilities].filter((capability) => !provider.capabilities.has(capability)).sort(),
    ).toStrictEqual(['send.to.userId', 'send.typing_indicator']);
    expect([...provider.capabilities].every((capability) => v3.capabilities.has(capability))).toBe(true);
    const secured = directWati(server, { webhookSecret: { value: 'a-long-random-secret-0123456789' } });
    expect(secured.capabilities.has('webhooks.signature')).toBe(true);
    expect(provider.id).toBe('wati');
    expect(provider.templateApi).toBe('v2');
    expect(isWatiProvider(provider)).toBe(true);
    expect(isWatiProvider({ id: 'wati' })).toBe(false);
  });
});

/** A gateway that is not Maton: a relay with its own base URL and header. */
const relay: ProviderGateway = {
  id: 'relay',
  baseUrl: () => 'http://127.0.0.1:9/relay/wati',
  headers: () => ({ 'x-relay-key': 'relay-key-0123456789' }),
  secrets: ['relay-key-0123456789'],
  rateLimiter: undefined,
  mapError: () => undefined,
  upstreamCredentialHint: () => 're-link WATI in the relay',
};

describe('facets: exactly the operations WATI has, agreeing with capabilities', () => {
  const transports: [string, () => ReturnType<typeof createWati>][] = [];
  for (const api of [undefined, 'v3'] as const) {
    for (const webhookSecret of [undefined, { value: 'a-long-random-secret-0123456789' }]) {
      const extra = {
        ...(webhookSecret === undefined ? {} : { webhookSecret }),
        ...(api === undefined ? {} : { api }),
      };
      const label = `${api === undefined ? '' : ` on api: '${api}'`}${webhookSecret === undefined ? '' : ' with a webhook secret'}`;
      transports.push(
        [
          `direct${label}`,
          () => createWati({ transport: 'direct', baseUrl: 'http://127.0.0.1:9/1', token: TOKEN, ...extra }),
        ],
        [`maton${label}`, () => createWati({ transport: 'maton', apiKey: MATON_KEY, ...extra })],
        [`a gateway object${label}`, () => createWati({ gateway: relay, ...extra })],
        [
          `the Maton gateway object${label}`,
          () => createWati({ gateway: createMatonGateway({ apiKey: MATON_KEY }), ...extra }),
        ],
      );
    }
  }

  it.each(transports)('%s', (_, create) => {
    const provider = create();
    const operations = [...provider.capabilities].filter((capability) =>
      OPERATION_CAPABILITIES.has(capability),
    );
    expect(operations.sort()).toStrictEqual([...facetCapabilities(provider)].sort());
    expect(operations.sort()).toStrictEqual(
      [
        'templates.list',
        'contacts.list',
        'contacts.upsert',
        'contacts.updateAttributes',
        'conversations.messages',
        'media.get',
        'operators.assign',
      ].sort(),
    );
    // No stubs: absent facets and operations are absent, not methods that always fail.
    expect(provider.markRead).toBeUndefined();
    expect(provider.account).toBeUndefined();
    expect(Object.keys(provider.templates)).toStrictEqual(['list']);
    expect(Object.keys(provider.media)).toStrictEqual(['get']);
    // The channel list exists on V3 only.
    expect('listChannels' in provider).toBe(provider.api === 'v3');
  });
});

describe('unsupported features throw before any request', () => {
  const provider: MessagingProvider = createWati({
    transport: 'direct',
    baseUrl: 'http://127.0.0.1:9/123',
    token: TOKEN,
  });
  const sends: [string, () => Promise<unknown>][] = [
    [
      'send.location',
      () => provider.send({ to: '14155551234', type: 'location', latitude: 1, longitude: 2 }),
    ],
    [
      'send.contacts',
      () =>
        provider.send({ to: '14155551234', type: 'contacts', contacts: [{ name: { formatted: 'Jane' } }] }),
    ],
    [
      'send.reaction',
      () => provider.send({ to: '14155551234', type: 'reaction', messageId: 'wamid.1', emoji: '👍' }),
    ],
    [
      'send.sticker',
      () => provider.send({ to: '14155551234', type: 'sticker', media: { url: 'https://x.example/s.webp' } }),
    ],
  ];
  it.each(sends)('%s', async (capability, call) => {
    expect(provider.capabilities.has(capability as never)).toBe(false);
    // Called directly: an unsupported send must reject, not throw synchronously.
    const error = await call().catch((caught: unknown) => caught);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ capability, provider: 'wati', code: 'unsupported_feature' });
  });

  const operations: ProviderOperation[] = [
    'messages.markRead',
    'templates.create',
    'templates.delete',
    'media.upload',
    'media.delete',
    'account.phoneNumbers',
    'account.businessProfile',
    'account.updateBusinessProfile',
  ];
  it.each(operations)('%s is absent: requireOperation throws naming it', (operation) => {
    expect(provider.capabilities.has(operation)).toBe(false);
    const error = (() => {
      try {
        requireOperation(provider, operation);
      } catch (caught) {
        return caught;
      }
    })();
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ capability: operation, provider: 'wati' });
  });

  it('has no account facet, and partial templates and media facets', () => {
    expect(() => requireFacet(provider, 'account')).toThrow(UnsupportedFeatureError);
    expect(provider.templates?.create).toBeUndefined();
    expect(provider.media?.upload).toBeUndefined();
    expect(typeof requireOperation(provider, 'operators.assign')).toBe('function');
  });
});

/** The ValidationError createWati throws, or undefined. */
function attempt(options: Parameters<typeof createWati>[0]): ValidationError | undefined {
  try {
    createWati(options);
    return undefined;
  } catch (caught) {
    if (ValidationError.isInstance(caught)) return caught;
    throw caught;
  }
}

describe('createWati options', () => {
  it('names apiKey and MATON_API_KEY when the Maton key is missing', () => {
    const error = (() => {
      try {
        createWati({ transport: 'maton', env: {} });
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['apiKey']);
    expect((error as Error).message).toContain('MATON_API_KEY');
  });

  it('names token, baseUrl and their variables for direct, and never echoes values', () => {
    const missing = attempt({ transport: 'direct', token: 'Bearer ', env: {} });
    expect(missing?.fields).toStrictEqual(['token', 'baseUrl']);
    expect(missing?.message).toContain('WATI_API_TOKEN');
    expect(missing?.message).toContain('WATI_API_URL');
    const secret = 'super-secret-token-value-123';
    const invalid = attempt({
      transport: 'direct',
      token: secret,
      baseUrl: 'https://live-mt-server.wati.io/1?x=1',
      plan: 'gold' as never,
    });
    expect(invalid?.fields).toStrictEqual(['baseUrl', 'plan']);
    expect(JSON.stringify(invalid?.toJSON())).not.toContain(secret);
  });

  it('reads credentials left out from env, as the messages promise; an option given wins', () => {
    const env = {
      WATI_API_URL: 'https://live-mt-server.wati.io/123456',
      WATI_API_TOKEN: 'env-token-0123456789',
      MATON_API_KEY: 'env-maton-key-0123456789',
      MATON_CONNECTION_ID: 'env-connection',
    };
    expect(() => createWati({ transport: 'direct', env })).not.toThrow();
    expect(() => createWati({ transport: 'maton', env })).not.toThrow();
    // Each transport reads only its own variables.
    const direct = attempt({ transport: 'direct', env: { MATON_API_KEY: 'k' } });
    expect(direct?.fields).toStrictEqual(['token', 'baseUrl']);
    const maton = attempt({ transport: 'maton', env: { WATI_API_TOKEN: 't' } });
    expect(maton?.fields).toStrictEqual(['apiKey']);
    // Blank variables count as unset.
    expect(attempt({ transport: 'maton', env: { MATON_API_KEY: '  ' } })?.fields).toStrictEqual(['apiKey']);
    // An explicit option wins, even when it is invalid.
    expect(attempt({ transport: 'direct', baseUrl: 'not a url', env })?.fields).toStrictEqual(['baseUrl']);
    expect(attempt({ transport: 'direct', env: 'WATI_API_TOKEN=x' as never })?.fields).toContain('env');
  });

  it('takes a gateway instead of transport and credentials, and refuses mixing them', () => {
    expect(() => createWati({ gateway: relay })).not.toThrow();
    const mixed = attempt({ gateway: relay, transport: 'maton', apiKey: 'k', connectionId: 'c', token: 't' });
    expect(mixed?.fields).toStrictEqual(['transport', 'apiKey', 'token', 'connectionId']);
    expect(mixed?.message).not.toContain('"k"');
    expect(attempt({} as never)?.fields).toStrictEqual(['transport']);
    expect(attempt({ gateway: { id: 'x' } as never })?.fields).toStrictEqual(['gateway']);
    // A gateway that does not relay WATI says so when the provider is created.
    const whatsappOnly: ProviderGateway = {
      ...relay,
      baseUrl: (api) => {
        throw new UnsupportedFeatureError(`relay does not relay ${api}`, {
          provider: 'relay',
          capability: api,
        });
      },
    };
    expect(() => createWati({ gateway: whatsappOnly })).toThrow(UnsupportedFeatureError);
  });

  it('validates retry like every other option: a ValidationError naming the field, not a TypeError', () => {
    const error = (() => {
      try {
        createWati({
          transport: 'maton',
          apiKey: 'maton-key-0123456789',
          retry: { maxRetries: -1, baseDelayMs: Number.NaN },
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['retry.maxRetries', 'retry.baseDelayMs']);
  });
});

describe('close()', () => {
  it('ends a send waiting for the rate limiter and refuses later calls, on both APIs, before any request', async () => {
    for (const api of ['legacy', 'v3'] as const) {
      // One token a minute, spent here: the send waits for the limiter, with a timer pending.
      const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1 / 60, burst: 1 });
      await limiter.acquire();
      const wati = directWati(server, { api, rateLimit: limiter });
      const waiting = wati
        .send({ to: '14155551234', type: 'text', text: 'hi' })
        .catch((caught: unknown) => caught);
      await wati.close();
      const closed = { name: 'AbortError', message: 'The wati provider was closed' };
      expect(await waiting).toMatchObject(closed);
      await expect(wati.contacts.list()).rejects.toMatchObject(closed);
    }
  });
});
