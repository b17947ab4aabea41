// The capability set and the attached facets agree exactly, for every transport and every option
// that changes capabilities: an app reading `capabilities` is told of exactly what it can call.
import { facetCapabilities, OPERATION_CAPABILITIES, type ProviderGateway } from '@switchboard/core';
import { createMatonGateway } from '@switchboard/maton';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, MATON_API_KEY, PHONE_NUMBER_ID } from './__fixtures__/graph-server.js';
import { WHATSAPP_CLOUD_UNSUPPORTED } from './whatsapp-cloud-capabilities.js';
import type { WhatsAppCloudOptions } from './whatsapp-cloud-options.js';
import { createWhatsAppCloud, type WhatsAppCloudProvider } from './whatsapp-cloud-provider.js';

/** A gateway that is not Maton, written for the test. */
const relay: ProviderGateway = {
  id: 'relay',
  baseUrl: () => 'https://relay.example/graph',
  headers: () => ({ 'x-relay-key': 'relay-key-0123456789' }),
  secrets: ['relay-key-0123456789'],
  rateLimiter: undefined,
  mapError: () => undefined,
  upstreamCredentialHint: () => 'ask the relay operator to refresh the token',
};

const TRANSPORTS: [string, WhatsAppCloudOptions][] = [
  ['direct', { transport: 'direct', accessToken: ACCESS_TOKEN }],
  ['maton', { transport: 'maton', apiKey: MATON_API_KEY }],
  ['a Maton gateway object', { gateway: createMatonGateway({ apiKey: MATON_API_KEY }) }],
  ['a relay gateway object', { gateway: relay }],
];

const WEBHOOK_OPTIONS: [string, Partial<WhatsAppCloudOptions>][] = [
  ['no webhook secrets', {}],
  ['an app secret', { appSecret: 'app-secret-1' }],
  ['a verify token', { verifyToken: 'verify-token-1' }],
  ['both', { appSecret: 'app-secret-1', verifyToken: 'verify-token-1' }],
];

const CASES = TRANSPORTS.flatMap(([transport, transportOptions]) =>
  WEBHOOK_OPTIONS.map(
    ([label, webhookOptions]) => [transport, label, { ...transportOptions, ...webhookOptions }] as const,
  ),
);

function create(options: WhatsAppCloudOptions): WhatsAppCloudProvider {
  return createWhatsAppCloud({ phoneNumberId: PHONE_NUMBER_ID, env: {}, ...options });
}

const sorted = (capabilities: Iterable<string>) => [...capabilities].sort();

describe('capabilities agree with the facets', () => {
  it.each(CASES)('through %s, with %s', (_transport, _label, options) => {
    const provider = create(options);
    const operations = [...provider.capabilities].filter((capability) =>
      OPERATION_CAPABILITIES.has(capability),
    );
    expect(sorted(operations)).toStrictEqual(sorted(facetCapabilities(provider)));
    // The Cloud API's operations, all of them, and nothing of what it lacks.
    expect(sorted(operations)).toStrictEqual(
      sorted(
        [...OPERATION_CAPABILITIES].filter((capability) => !WHATSAPP_CLOUD_UNSUPPORTED.includes(capability)),
      ),
    );
  });

  it.each(CASES)(
    'through %s, with %s: webhook capabilities follow the secrets',
    (_transport, _label, options) => {
      const provider = create(options);
      expect(provider.capabilities.has('webhooks.signature')).toBe(options.appSecret !== undefined);
      expect(provider.capabilities.has('webhooks.verification')).toBe(options.verifyToken !== undefined);
    },
  );

  it('attaches exactly markRead, templates, media and account', () => {
    const provider = create({ transport: 'direct', accessToken: ACCESS_TOKEN });
    expect(typeof provider.markRead).toBe('function');
    expect(Object.keys(provider.templates).sort()).toStrictEqual(['create', 'delete', 'list']);
    expect(Object.keys(provider.media).sort()).toStrictEqual(['delete', 'get', 'upload']);
    expect(Object.keys(provider.account).sort()).toStrictEqual([
      'businessProfile',
      'phoneNumbers',
      'updateBusinessProfile',
    ]);
    for (const absent of ['contacts', 'conversations', 'operators'] as const) {
      expect(Object.hasOwn(provider, absent)).toBe(false);
    }
  });
});
