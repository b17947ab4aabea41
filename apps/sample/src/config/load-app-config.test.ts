import { describe, expect, it } from 'vitest';
import { configError, useConfigDirectory } from '../test-support/config-directory.js';
import { describeAppConfig } from './app-config.js';
import { formatConfigError } from './format-config-error.js';
import { loadAppConfig } from './load-app-config.js';

const directory = useConfigDirectory();

describe('sandbox detection', () => {
  it('runs the WhatsApp Cloud sandbox when nothing is configured', async () => {
    const config = await loadAppConfig({ env: {}, cwd: directory.path });
    expect(config).toStrictEqual({
      mode: 'sandbox',
      providerId: 'whatsapp-cloud',
      transport: 'direct',
      source: { kind: 'default' },
      reason: 'no config file and no provider credentials in the environment',
    });
    expect(describeAppConfig(config)).toBe(
      'WhatsApp Cloud API (whatsapp-cloud), transport direct, sandbox mode (no config file and no provider credentials in the environment)',
    );
  });

  it('switches the sandbox provider and transport with selector variables alone', async () => {
    expect(await loadAppConfig({ env: { SWITCHBOARD_PROVIDER: 'wati' }, cwd: directory.path })).toMatchObject(
      {
        mode: 'sandbox',
        providerId: 'wati',
        transport: 'direct',
      },
    );
    expect(
      await loadAppConfig({
        env: { SWITCHBOARD_PROVIDER: 'wati', WATI_TRANSPORT: 'maton' },
        cwd: directory.path,
      }),
    ).toMatchObject({ mode: 'sandbox', providerId: 'wati', transport: 'maton' });
    expect(await loadAppConfig({ env: { WHATSAPP_TRANSPORT: 'MATON' }, cwd: directory.path })).toMatchObject({
      mode: 'sandbox',
      providerId: 'whatsapp-cloud',
      transport: 'maton',
    });
  });

  it('keeps the sandbox when WATI_API picks the WATI API, and runs the sandbox on it', async () => {
    expect(
      await loadAppConfig({ env: { SWITCHBOARD_PROVIDER: 'wati', WATI_API: 'V3' }, cwd: directory.path }),
    ).toMatchObject({ mode: 'sandbox', providerId: 'wati', watiApi: 'v3' });
    const legacy = await loadAppConfig({ env: { SWITCHBOARD_PROVIDER: 'wati' }, cwd: directory.path });
    expect(legacy).not.toHaveProperty('watiApi');
    await expect(
      loadAppConfig({ env: { SWITCHBOARD_PROVIDER: 'wati', WATI_API: 'v4' }, cwd: directory.path }),
    ).rejects.toMatchObject({ issues: [{ path: 'WATI_API', message: 'must be "legacy" or "v3"' }] });
  });

  it('rejects an unknown sandbox provider or transport, naming the variable', async () => {
    const provider = await configError(
      loadAppConfig({ env: { SWITCHBOARD_PROVIDER: 'telegram' }, cwd: directory.path }),
    );
    expect(provider.issues).toStrictEqual([
      { path: 'SWITCHBOARD_PROVIDER', message: 'expected one of whatsapp-cloud, wati' },
    ]);
    const transport = await configError(
      loadAppConfig({ env: { WATI_TRANSPORT: 'pigeon', SWITCHBOARD_PROVIDER: 'wati' }, cwd: directory.path }),
    );
    expect(transport.issues).toStrictEqual([
      { path: 'WATI_TRANSPORT', message: 'must be "direct" or "maton"' },
    ]);
  });

  it('leaves the sandbox as soon as a provider variable is set, and says what is missing', async () => {
    const error = await configError(
      loadAppConfig({ env: { WATI_API_URL: 'https://live-mt-server.wati.io/123456' }, cwd: directory.path }),
    );
    expect(error.issues).toStrictEqual([
      { path: 'wati.token', message: "is required for transport 'direct': pass token or set WATI_API_TOKEN" },
    ]);
  });

  it('is forced on or off by SWITCHBOARD_SANDBOX', async () => {
    const env = { WATI_API_URL: 'https://live-mt-server.wati.io/123456', WATI_API_TOKEN: 'secret-token' };
    expect(
      await loadAppConfig({ env: { ...env, SWITCHBOARD_SANDBOX: 'true' }, cwd: directory.path }),
    ).toMatchObject({
      mode: 'sandbox',
      reason: 'SWITCHBOARD_SANDBOX is set',
    });
    const off = await configError(loadAppConfig({ env: { SWITCHBOARD_SANDBOX: '0' }, cwd: directory.path }));
    expect(off.issues).toStrictEqual([{ path: 'provider', message: 'expected one of whatsapp-cloud, wati' }]);
    const bad = await configError(
      loadAppConfig({ env: { SWITCHBOARD_SANDBOX: 'maybe' }, cwd: directory.path }),
    );
    expect(bad.issues).toStrictEqual([
      { path: 'SWITCHBOARD_SANDBOX', message: 'expected true, false, 1 or 0' },
    ]);
  });
});

describe('environment variables', () => {
  it('configure a live provider through configFromEnv', async () => {
    const config = await loadAppConfig({
      env: { WATI_API_URL: 'https://live-mt-server.wati.io/123456', WATI_API_TOKEN: 'Bearer secret-token' },
      cwd: directory.path,
    });
    expect(config).toMatchObject({
      mode: 'live',
      providerId: 'wati',
      transport: 'direct',
      source: { kind: 'env' },
    });
    if (config.mode !== 'live') throw new Error('expected live mode');
    expect(config.resolved.options).toMatchObject({
      baseUrl: 'https://live-mt-server.wati.io/123456',
      token: 'Bearer secret-token',
    });
    expect(describeAppConfig(config)).toBe(
      'WATI (wati), transport direct, live mode (config from environment variables)',
    );
  });

  it('pick the Maton transport from MATON_API_KEY and SWITCHBOARD_PROVIDER', async () => {
    const config = await loadAppConfig({
      env: { SWITCHBOARD_PROVIDER: 'wati', MATON_API_KEY: 'maton-key' },
      cwd: directory.path,
    });
    expect(config).toMatchObject({ mode: 'live', providerId: 'wati', transport: 'maton' });
  });
});

describe('formatConfigError', () => {
  it('prints anything else without a stack', () => {
    const error = new Error('disk on fire');
    expect(formatConfigError(error)).toBe('Configuration error: disk on fire');
  });
});
