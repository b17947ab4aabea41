// The factory reads the environment variables its validation messages name, from the `env` option
// (process.env by default): an option you pass wins, then the variable. Tests always pass `env`.
import { ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  BUSINESS_ACCOUNT_ID,
  CONNECTION_ID,
  MATON_API_KEY,
  MATON_PREFIX,
  PHONE_NUMBER_ID,
  startGraphServer,
  wire,
} from './__fixtures__/graph-server.js';
import type { WhatsAppCloudOptions } from './whatsapp-cloud-options.js';
import { createWhatsAppCloud } from './whatsapp-cloud-provider.js';

const OTHER_NUMBER_ID = '113355779900111';

function validationError(options: WhatsAppCloudOptions): ValidationError {
  try {
    createWhatsAppCloud(options);
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected createWhatsAppCloud to throw');
}

describe('environment fallbacks', () => {
  it('direct: takes the token, the number and the business account from the environment', async () => {
    await using server = await startGraphServer();
    const cloud = createWhatsAppCloud({
      transport: 'direct',
      baseUrl: server.url,
      retry: false,
      env: {
        WHATSAPP_ACCESS_TOKEN: ` ${ACCESS_TOKEN} `,
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
        WHATSAPP_BUSINESS_ACCOUNT_ID: BUSINESS_ACCOUNT_ID,
      },
    });
    await cloud.markRead('wamid.X');
    await cloud.templates.list();
    expect(server.requests.map((request) => wire(request).path)).toStrictEqual([
      `/v21.0/${PHONE_NUMBER_ID}/messages`,
      `/v21.0/${BUSINESS_ACCOUNT_ID}/message_templates`,
    ]);
    expect(server.requests[0]?.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it('maton: takes the API key and the connection from the environment', async () => {
    await using server = await startGraphServer();
    await createWhatsAppCloud({
      transport: 'maton',
      baseUrl: `${server.url}${MATON_PREFIX}`,
      rateLimit: false,
      retry: false,
      env: {
        MATON_API_KEY,
        MATON_CONNECTION_ID: CONNECTION_ID,
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
        WHATSAPP_ACCESS_TOKEN: 'EAAG-not-used-by-maton',
      },
    }).markRead('wamid.X');
    const { headers } = wire(server.requests[0]);
    expect([headers.authorization, headers['maton-connection']]).toStrictEqual([
      `Bearer ${MATON_API_KEY}`,
      CONNECTION_ID,
    ]);
  });

  it('an option you pass wins over its variable', async () => {
    await using server = await startGraphServer();
    await createWhatsAppCloud({
      transport: 'direct',
      accessToken: ACCESS_TOKEN,
      phoneNumberId: PHONE_NUMBER_ID,
      baseUrl: server.url,
      retry: false,
      env: { WHATSAPP_ACCESS_TOKEN: 'EAAG-from-the-environment', WHATSAPP_PHONE_NUMBER_ID: OTHER_NUMBER_ID },
    }).markRead('wamid.X');
    expect(wire(server.requests[0]).path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(server.requests[0]?.headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it('treats a blank variable as unset and names the option and the variable, never a value', () => {
    const error = validationError({
      transport: 'direct',
      env: { WHATSAPP_ACCESS_TOKEN: '   ', WHATSAPP_PHONE_NUMBER_ID: '' },
    });
    expect(error.fields).toStrictEqual(['phoneNumberId', 'accessToken']);
    expect(error.message).toContain('pass phoneNumberId or set WHATSAPP_PHONE_NUMBER_ID');
    expect(error.message).toContain('pass accessToken or set WHATSAPP_ACCESS_TOKEN');
  });

  it('validates a value from the environment like an option, without echoing it', () => {
    const error = validationError({
      transport: 'direct',
      accessToken: ACCESS_TOKEN,
      env: { WHATSAPP_PHONE_NUMBER_ID: '+1 555 078 3881', WHATSAPP_BUSINESS_ACCOUNT_ID: 'waba' },
    });
    expect(error.fields).toStrictEqual(['phoneNumberId', 'businessAccountId']);
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
  });

  it('reads only the chosen transport’s credential', () => {
    // A Maton key in the environment does not make a direct provider valid, nor a token a Maton one.
    expect(
      validationError({
        transport: 'direct',
        env: { MATON_API_KEY, WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID },
      }).fields,
    ).toStrictEqual(['accessToken']);
    expect(
      validationError({
        transport: 'maton',
        env: { WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID },
      }).fields,
    ).toStrictEqual(['apiKey']);
  });

  it('reads no credential beside a gateway (the gateway holds them)', async () => {
    await using server = await startGraphServer();
    const gateway = {
      id: 'relay',
      baseUrl: () => server.url,
      headers: () => ({ 'x-relay-key': 'relay-key-1' }),
      secrets: ['relay-key-1'],
      rateLimiter: undefined,
      mapError: () => undefined,
      upstreamCredentialHint: () => 'ask the relay operator',
    };
    await createWhatsAppCloud({
      gateway,
      retry: false,
      env: {
        MATON_API_KEY,
        MATON_CONNECTION_ID: CONNECTION_ID,
        WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      },
    }).markRead('wamid.X');
    const { path, headers } = wire(server.requests[0]);
    expect(path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(headers).not.toHaveProperty('authorization');
    expect(headers).not.toHaveProperty('maton-connection');
  });
});
