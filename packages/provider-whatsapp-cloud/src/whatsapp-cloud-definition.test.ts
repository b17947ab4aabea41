import { configFromEnv, loadProvider, ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  CONNECTION_ID,
  DIRECT_JSON_HEADERS,
  MATON_API_KEY,
  PHONE_NUMBER_ID,
  startGraphServer,
  wire,
} from './__fixtures__/graph-server.js';
import { whatsappCloud } from './whatsapp-cloud-definition.js';

const definitions = [whatsappCloud];

function loadError(config: unknown, env: Record<string, string>): ValidationError {
  try {
    loadProvider(config, definitions, { env });
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected loadProvider to throw');
}

describe('whatsappCloud definition', () => {
  it('documents every environment variable it reads', () => {
    expect(whatsappCloud.id).toBe('whatsapp-cloud');
    expect(whatsappCloud.env.map((variable) => variable.name)).toEqual([
      'MATON_API_KEY',
      'WHATSAPP_ACCESS_TOKEN',
      'WHATSAPP_PHONE_NUMBER_ID',
      'WHATSAPP_BUSINESS_ACCOUNT_ID',
      'WHATSAPP_APP_SECRET',
      'WHATSAPP_VERIFY_TOKEN',
      'WHATSAPP_API_VERSION',
      'WHATSAPP_TRANSPORT',
      'MATON_CONNECTION_ID',
      'WHATSAPP_BASE_URL',
    ]);
    expect(whatsappCloud.env.filter((variable) => variable.secret).map((variable) => variable.field)).toEqual(
      whatsappCloud.secretFields,
    );
  });

  it('loads a config file section, resolving env references, and the provider sends with it', async () => {
    await using server = await startGraphServer();
    const provider = loadProvider(
      {
        provider: 'whatsapp-cloud',
        'whatsapp-cloud': {
          transport: 'direct',
          accessToken: 'env:WHATSAPP_ACCESS_TOKEN',
          phoneNumberId: PHONE_NUMBER_ID,
          baseUrl: server.url,
          retry: { maxRetries: 0 },
          timeoutMs: 60_000,
        },
        wati: { note: 'another provider’s section is ignored' },
      },
      definitions,
      { env: { WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN } },
    );
    expect(provider.id).toBe('whatsapp-cloud');
    await provider.send({ type: 'text', to: '16505551234', text: 'Hi' });
    expect(wire(server.requests[0]).headers).toStrictEqual(DIRECT_JSON_HEADERS);
  });

  it('rejects what is not JSON configuration (a dispatcher belongs in code)', () => {
    const error = loadError(
      {
        provider: 'whatsapp-cloud',
        'whatsapp-cloud': {
          transport: 'direct',
          accessToken: ACCESS_TOKEN,
          phoneNumberId: PHONE_NUMBER_ID,
          dispatcher: {},
        },
      },
      {},
    );
    expect(error.message).toContain('dispatcher');
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
  });
});

describe('configFromEnv with whatsappCloud', () => {
  it('builds a direct section from WHATSAPP_* variables', () => {
    const env = {
      WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_BUSINESS_ACCOUNT_ID: '102290129340398',
      WHATSAPP_APP_SECRET: 'app-secret-1',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-1',
      WHATSAPP_API_VERSION: 'v23.0',
      WHATSAPP_BASE_URL: 'https://graph.example.test',
      MATON_CONNECTION_ID: CONNECTION_ID,
    };
    expect(configFromEnv(env, definitions)).toEqual({
      provider: 'whatsapp-cloud',
      'whatsapp-cloud': {
        transport: 'direct',
        accessToken: ACCESS_TOKEN,
        phoneNumberId: PHONE_NUMBER_ID,
        businessAccountId: '102290129340398',
        appSecret: 'app-secret-1',
        verifyToken: 'verify-token-1',
        apiVersion: 'v23.0',
        baseUrl: 'https://graph.example.test',
      },
    });
    expect(loadProvider(configFromEnv(env, definitions), definitions, { env }).id).toBe('whatsapp-cloud');
  });

  it('infers maton when MATON_API_KEY is set without WHATSAPP_ACCESS_TOKEN', () => {
    const env = {
      MATON_API_KEY,
      MATON_CONNECTION_ID: CONNECTION_ID,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    };
    expect(configFromEnv(env, definitions)['whatsapp-cloud']).toEqual({
      transport: 'maton',
      apiKey: MATON_API_KEY,
      connectionId: CONNECTION_ID,
      phoneNumberId: PHONE_NUMBER_ID,
    });
  });

  it('prefers direct when both credentials are set, unless WHATSAPP_TRANSPORT says maton', () => {
    const env = {
      MATON_API_KEY,
      WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    };
    expect(configFromEnv(env, definitions)['whatsapp-cloud']).toMatchObject({
      transport: 'direct',
      accessToken: ACCESS_TOKEN,
    });
    expect(configFromEnv({ ...env, WHATSAPP_TRANSPORT: ' Maton ' }, definitions)['whatsapp-cloud']).toEqual({
      transport: 'maton',
      apiKey: MATON_API_KEY,
      phoneNumberId: PHONE_NUMBER_ID,
    });
  });

  it('does not claim a MATON_API_KEY alone (WATI over Maton uses it too) unless selected', () => {
    expect(configFromEnv({ MATON_API_KEY }, definitions)).toEqual({ provider: undefined });
    const env = { MATON_API_KEY, SWITCHBOARD_PROVIDER: 'whatsapp-cloud' };
    const error = loadError(configFromEnv(env, definitions), env);
    expect(error.fields).toEqual(['whatsapp-cloud.phoneNumberId']);
    expect(error.message).toContain('WHATSAPP_PHONE_NUMBER_ID');
  });

  it.each([
    [{ WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID }, 'whatsapp-cloud.accessToken', 'WHATSAPP_ACCESS_TOKEN'],
    [
      {
        WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
        WHATSAPP_TRANSPORT: 'maton',
        WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
      },
      'whatsapp-cloud.apiKey',
      'MATON_API_KEY',
    ],
    [{ WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN }, 'whatsapp-cloud.phoneNumberId', 'WHATSAPP_PHONE_NUMBER_ID'],
  ])('names the missing option and its variable, never a value (%o)', (env, field, variable) => {
    const error = loadError(configFromEnv(env, definitions), env);
    expect(error.fields).toEqual([field]);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(field.split('.')[1]);
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
    expect(error.message).not.toContain(ACCESS_TOKEN);
  });

  it('reports an unknown WHATSAPP_TRANSPORT on the transport field', () => {
    const env = { WHATSAPP_TRANSPORT: 'smtp', WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID };
    expect(loadError(configFromEnv(env, definitions), env).fields).toContain('whatsapp-cloud.transport');
  });
});
