import { type MessagingProvider, UnsupportedFeatureError, ValidationError } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, startWatiServer, TOKEN } from './__fixtures__/wati-server.js';
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
  it('lists what the WATI v1/v2 API offers, and webhooks.signature only with a shared secret', () => {
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
    const secured = directWati(server, { webhookSecret: { value: 'a-long-random-secret-0123456789' } });
    expect(secured.capabilities.has('webhooks.signature')).toBe(true);
    expect(provider.id).toBe('wati');
    expect(provider.templateApi).toBe('v2');
    expect(isWatiProvider(provider)).toBe(true);
    expect(isWatiProvider({ id: 'wati' })).toBe(false);
  });
});

describe('unsupported features throw before any request', () => {
  const provider: MessagingProvider = createWati({
    transport: 'direct',
    baseUrl: 'http://127.0.0.1:9/123',
    token: TOKEN,
  });
  const calls: [string, () => Promise<unknown>][] = [
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
    ['messages.markRead', () => provider.markRead('wamid.1')],
    [
      'templates.create',
      () =>
        provider.templates.create({ name: 'x', language: 'en', category: 'utility', body: { text: 'Hi' } }),
    ],
    ['templates.delete', () => provider.templates.delete('x')],
    ['media.upload', () => provider.media.upload({ data: new Uint8Array([1]), mimeType: 'image/jpeg' })],
    ['media.delete', () => provider.media.delete('data/images/a.jpg')],
    ['account.phoneNumbers', () => provider.account.phoneNumbers()],
    ['account.businessProfile', () => provider.account.businessProfile()],
    ['account.updateBusinessProfile', () => provider.account.updateBusinessProfile({ about: 'Hi' })],
  ];
  it.each(calls)('%s', async (capability, call) => {
    expect(provider.capabilities.has(capability as never)).toBe(false);
    // Called directly: an unsupported method must reject, not throw synchronously.
    const error = await call().catch((caught: unknown) => caught);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ capability, provider: 'wati', code: 'unsupported_feature' });
  });
});

describe('createWati options', () => {
  it('names apiKey and MATON_API_KEY when the Maton key is missing', () => {
    const error = (() => {
      try {
        createWati({ transport: 'maton' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['apiKey']);
    expect((error as Error).message).toContain('MATON_API_KEY');
  });

  it('names token, baseUrl and their variables for direct, and never echoes values', () => {
    const attempt = (options: Parameters<typeof createWati>[0]) => {
      try {
        createWati(options);
        return undefined;
      } catch (caught) {
        return caught as ValidationError;
      }
    };
    const missing = attempt({ transport: 'direct', token: 'Bearer ' });
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
