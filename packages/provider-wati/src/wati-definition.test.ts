import { configFromEnv, loadProvider, resolveProviderConfig } from '@switchboard/core';
import { thrownValidationError } from '@switchboard/provider-test-kit';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startWatiServer, TENANT, TOKEN, wire } from './__fixtures__/wati-server.js';
import { wati } from './wati-definition.js';
import { isWatiProvider } from './wati-provider.js';

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.post(`${TENANT}/api/v1/sendSessionMessage/:number`, () =>
      HttpResponse.json(fixture('send-session-message-response.json')),
    ),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.clearRequests();
});
afterAll(() => server.close());

/** Another provider's definition, to check WATI stays out of its way. */
const otherDefinition = {
  id: 'whatsapp-cloud',
  configSchema: wati.configSchema,
  env: [],
  secretFields: [],
  fromEnv: (env: Record<string, string | undefined>) =>
    env.WHATSAPP_ACCESS_TOKEN ? { transport: 'direct' } : undefined,
  create: wati.create,
};

describe('the wati ProviderDefinition', () => {
  it('documents its environment variables and secret fields', () => {
    expect(wati.id).toBe('wati');
    expect(wati.env.map((variable) => variable.name)).toStrictEqual([
      'SWITCHBOARD_PROVIDER',
      'WATI_TRANSPORT',
      'WATI_API_URL',
      'WATI_API_TOKEN',
      'MATON_API_KEY',
      'MATON_CONNECTION_ID',
      'WATI_TEMPLATE_API',
      'WATI_API',
      'WATI_PLAN',
      'WATI_WEBHOOK_SECRET',
    ]);
    expect(wati.env.filter((variable) => variable.secret).map((variable) => variable.field)).toStrictEqual([
      'token',
      'apiKey',
      'webhookSecret.value',
    ]);
    expect(wati.secretFields).toStrictEqual(['apiKey', 'token', 'webhookSecret.value']);
  });

  it('loads a working provider through loadProvider, resolving env: references', async () => {
    const provider = loadProvider(
      {
        provider: 'wati',
        wati: {
          transport: 'direct',
          baseUrl: `${server.url}${TENANT}`,
          token: 'env:WATI_API_TOKEN',
          templateApi: 'v1',
          retry: false,
        },
        'whatsapp-cloud': { anything: true },
      },
      [wati],
      { env: { WATI_API_TOKEN: `Bearer ${TOKEN}` } },
    );
    expect(isWatiProvider(provider)).toBe(true);
    await provider.send({ to: '14155551234', type: 'text', text: 'hi' });
    expect(wire(server.requests[0])).toMatchObject({
      path: `${TENANT}/api/v1/sendSessionMessage/14155551234`,
      authorization: `Bearer ${TOKEN}`,
    });
  });

  it('names the missing credential and its variable under the wati section', () => {
    const error = thrownValidationError(() =>
      loadProvider({ provider: 'wati', wati: { transport: 'maton' } }, [wati]),
    );
    expect(error.fields).toStrictEqual(['wati.apiKey']);
    expect(error.message).toContain('MATON_API_KEY');
    const direct = thrownValidationError(() =>
      loadProvider({ provider: 'wati', wati: { transport: 'direct', token: 'secret-value-123' } }, [wati]),
    );
    expect(direct.fields).toStrictEqual(['wati.baseUrl']);
    expect(direct.message).toContain('WATI_API_URL');
    expect(direct.message).not.toContain('secret-value-123');
  });

  it('rejects unknown fields and values the schema does not allow', () => {
    const error = thrownValidationError(() =>
      loadProvider(
        { provider: 'wati', wati: { transport: 'maton', apiKey: 'k', plan: 'enterprise', tokne: 'x' } },
        [wati],
      ),
    );
    expect(error.fields.sort()).toStrictEqual(['wati', 'wati.plan'].sort());
  });
});

describe('configFromEnv', () => {
  it('builds a direct section from WATI_API_URL and WATI_API_TOKEN', () => {
    const config = configFromEnv(
      {
        WATI_API_URL: 'https://live-mt-server.wati.io/123456',
        WATI_API_TOKEN: 'Bearer eyJ.abc',
        WATI_TEMPLATE_API: 'V1',
        WATI_PLAN: 'pro',
        WATI_WEBHOOK_SECRET: 'a-long-random-secret',
        MATON_API_KEY: 'unused-here',
      },
      [wati],
    );
    expect(config).toStrictEqual({
      provider: 'wati',
      wati: {
        transport: 'direct',
        baseUrl: 'https://live-mt-server.wati.io/123456',
        token: 'Bearer eyJ.abc',
        templateApi: 'v1',
        plan: 'pro',
        webhookSecret: { value: 'a-long-random-secret', pathSegment: true },
      },
    });
    const { options } = resolveProviderConfig(config, [wati]);
    expect(options).toMatchObject({ transport: 'direct', templateApi: 'v1' });
  });

  it('builds a Maton section when SWITCHBOARD_PROVIDER=wati and only Maton variables are set', () => {
    const env = { SWITCHBOARD_PROVIDER: 'wati', MATON_API_KEY: 'maton-key', MATON_CONNECTION_ID: 'conn-1' };
    const config = configFromEnv(env, [wati]);
    expect(config).toStrictEqual({
      provider: 'wati',
      wati: { transport: 'maton', apiKey: 'maton-key', connectionId: 'conn-1' },
    });
    expect(loadProvider(config, [wati]).id).toBe('wati');
  });

  it('stays out of the way when only another provider is configured', () => {
    const config = configFromEnv({ MATON_API_KEY: 'maton-key', WHATSAPP_ACCESS_TOKEN: 'x' }, [
      wati,
      otherDefinition,
    ]);
    expect(config).toStrictEqual({ provider: 'whatsapp-cloud', 'whatsapp-cloud': { transport: 'direct' } });
  });

  it('honours WATI_TRANSPORT and reports a missing key through loadProvider', () => {
    const config = configFromEnv({ WATI_TRANSPORT: 'maton', WATI_API_URL: 'https://ignored.example/1' }, [
      wati,
    ]);
    expect(config).toStrictEqual({ provider: 'wati', wati: { transport: 'maton' } });
    expect(thrownValidationError(() => loadProvider(config, [wati])).message).toContain('MATON_API_KEY');
  });
});
