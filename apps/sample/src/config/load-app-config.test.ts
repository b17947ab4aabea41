import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAppConfig } from './app-config.js';
import { formatConfigError } from './format-config-error.js';
import { loadAppConfig } from './load-app-config.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-config-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const WATI_SECTION = {
  transport: 'direct',
  baseUrl: 'https://live-mt-server.wati.io/123456',
  token: 'env:WATI_TOKEN_FOR_TEST',
};
const CLOUD_SECTION = {
  transport: 'direct',
  accessToken: 'env:META_TOKEN_FOR_TEST',
  phoneNumberId: '106540352242922',
};

async function writeConfig(content: unknown, path = join(dir, 'switchboard.config.json')): Promise<string> {
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The thrown ValidationError, failing when there is none. */
async function configError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!ValidationError.isInstance(error)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

describe('sandbox detection', () => {
  it('runs the WhatsApp Cloud sandbox when nothing is configured', async () => {
    const config = await loadAppConfig({ env: {}, cwd: dir });
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
    expect(await loadAppConfig({ env: { SWITCHBOARD_PROVIDER: 'wati' }, cwd: dir })).toMatchObject({
      mode: 'sandbox',
      providerId: 'wati',
      transport: 'direct',
    });
    expect(
      await loadAppConfig({ env: { SWITCHBOARD_PROVIDER: 'wati', WATI_TRANSPORT: 'maton' }, cwd: dir }),
    ).toMatchObject({ mode: 'sandbox', providerId: 'wati', transport: 'maton' });
    expect(await loadAppConfig({ env: { WHATSAPP_TRANSPORT: 'MATON' }, cwd: dir })).toMatchObject({
      mode: 'sandbox',
      providerId: 'whatsapp-cloud',
      transport: 'maton',
    });
  });

  it('rejects an unknown sandbox provider or transport, naming the variable', async () => {
    const provider = await configError(
      loadAppConfig({ env: { SWITCHBOARD_PROVIDER: 'telegram' }, cwd: dir }),
    );
    expect(provider.issues).toStrictEqual([
      { path: 'SWITCHBOARD_PROVIDER', message: 'expected one of whatsapp-cloud, wati' },
    ]);
    const transport = await configError(
      loadAppConfig({ env: { WATI_TRANSPORT: 'pigeon', SWITCHBOARD_PROVIDER: 'wati' }, cwd: dir }),
    );
    expect(transport.issues).toStrictEqual([
      { path: 'WATI_TRANSPORT', message: 'must be "direct" or "maton"' },
    ]);
  });

  it('leaves the sandbox as soon as a provider variable is set, and says what is missing', async () => {
    const error = await configError(
      loadAppConfig({ env: { WATI_API_URL: 'https://live-mt-server.wati.io/123456' }, cwd: dir }),
    );
    expect(error.issues).toStrictEqual([
      { path: 'wati.token', message: "is required for transport 'direct': pass token or set WATI_API_TOKEN" },
    ]);
  });

  it('is forced on or off by SWITCHBOARD_SANDBOX', async () => {
    const env = { WATI_API_URL: 'https://live-mt-server.wati.io/123456', WATI_API_TOKEN: 'secret-token' };
    expect(await loadAppConfig({ env: { ...env, SWITCHBOARD_SANDBOX: 'true' }, cwd: dir })).toMatchObject({
      mode: 'sandbox',
      reason: 'SWITCHBOARD_SANDBOX is set',
    });
    const off = await configError(loadAppConfig({ env: { SWITCHBOARD_SANDBOX: '0' }, cwd: dir }));
    expect(off.issues).toStrictEqual([{ path: 'provider', message: 'expected one of whatsapp-cloud, wati' }]);
    const bad = await configError(loadAppConfig({ env: { SWITCHBOARD_SANDBOX: 'maybe' }, cwd: dir }));
    expect(bad.issues).toStrictEqual([
      { path: 'SWITCHBOARD_SANDBOX', message: 'expected true, false, 1 or 0' },
    ]);
  });
});

describe('environment variables', () => {
  it('configure a live provider through configFromEnv', async () => {
    const config = await loadAppConfig({
      env: { WATI_API_URL: 'https://live-mt-server.wati.io/123456', WATI_API_TOKEN: 'Bearer secret-token' },
      cwd: dir,
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
      cwd: dir,
    });
    expect(config).toMatchObject({ mode: 'live', providerId: 'wati', transport: 'maton' });
  });
});

describe('config file', () => {
  it('is found in the working directory and wins over the environment', async () => {
    const path = await writeConfig({ provider: 'wati', wati: WATI_SECTION, 'whatsapp-cloud': CLOUD_SECTION });
    const config = await loadAppConfig({
      env: { WATI_TOKEN_FOR_TEST: 'wati-secret', WHATSAPP_ACCESS_TOKEN: 'ignored-because-a-file-exists' },
      cwd: dir,
    });
    expect(config).toMatchObject({
      mode: 'live',
      providerId: 'wati',
      transport: 'direct',
      source: { kind: 'file', path },
    });
    if (config.mode !== 'live') throw new Error('expected live mode');
    expect(config.resolved.options).toMatchObject({ token: 'wati-secret' });
  });

  it('is found in a parent directory', async () => {
    const path = await writeConfig({ provider: 'whatsapp-cloud', 'whatsapp-cloud': CLOUD_SECTION });
    const nested = join(dir, 'apps', 'sample');
    await mkdir(nested, { recursive: true });
    const config = await loadAppConfig({ env: { META_TOKEN_FOR_TEST: 'meta-secret' }, cwd: nested });
    expect(config).toMatchObject({
      mode: 'live',
      providerId: 'whatsapp-cloud',
      source: { kind: 'file', path },
    });
  });

  it('comes from SWITCHBOARD_CONFIG, and --config wins over it', async () => {
    await writeConfig({ provider: 'whatsapp-cloud', 'whatsapp-cloud': CLOUD_SECTION });
    const fromEnv = await writeConfig({ provider: 'wati', wati: WATI_SECTION }, join(dir, 'wati.json'));
    const fromFlag = await writeConfig({ provider: 'wati', sandbox: true }, join(dir, 'sandbox.json'));
    const env = { SWITCHBOARD_CONFIG: fromEnv, WATI_TOKEN_FOR_TEST: 'wati-secret' };
    expect(await loadAppConfig({ env, cwd: dir })).toMatchObject({
      providerId: 'wati',
      source: { path: fromEnv },
    });
    expect(await loadAppConfig({ env, cwd: dir, configPath: fromFlag })).toMatchObject({
      mode: 'sandbox',
      providerId: 'wati',
      source: { path: fromFlag },
      reason: `"sandbox": true in ${fromFlag}`,
    });
  });

  it('reports a SWITCHBOARD_CONFIG that does not exist', async () => {
    const missing = join(dir, 'missing.json');
    const error = await configError(loadAppConfig({ env: { SWITCHBOARD_CONFIG: missing }, cwd: dir }));
    expect(error.message).toBe(
      `Config file ${missing} does not exist: create it or point SWITCHBOARD_CONFIG elsewhere`,
    );
  });

  it('runs the sandbox with "sandbox": true, on the file’s provider and transport', async () => {
    await writeConfig({ provider: 'wati', sandbox: true, wati: { ...WATI_SECTION, transport: 'maton' } });
    expect(await loadAppConfig({ env: {}, cwd: dir })).toMatchObject({
      mode: 'sandbox',
      providerId: 'wati',
      transport: 'maton',
    });
  });

  it('lets SWITCHBOARD_PROVIDER flip the file’s provider', async () => {
    await writeConfig({ provider: 'whatsapp-cloud', 'whatsapp-cloud': CLOUD_SECTION, wati: WATI_SECTION });
    const config = await loadAppConfig({
      env: { SWITCHBOARD_PROVIDER: 'wati', WATI_TOKEN_FOR_TEST: 't' },
      cwd: dir,
    });
    expect(config).toMatchObject({ mode: 'live', providerId: 'wati' });
  });

  it('names the field of an env: reference whose variable is not set', async () => {
    await writeConfig({ provider: 'wati', wati: WATI_SECTION });
    const error = await configError(loadAppConfig({ env: {}, cwd: dir }));
    expect(error.message).toBe(
      'Config field wati.token refers to environment variable WATI_TOKEN_FOR_TEST, which is not set: export WATI_TOKEN_FOR_TEST=… or put the value in the config',
    );
  });

  it('names every invalid field and never prints a secret', async () => {
    const secret = 'sk-live-THIS-MUST-NOT-LEAK';
    await writeConfig({
      provider: 'wati',
      wati: { transport: 'direct', token: secret, baseUrl: `ftp://${secret}` },
    });
    const error = await configError(loadAppConfig({ env: {}, cwd: dir }));
    expect(error.issues).toStrictEqual([
      { path: 'wati.baseUrl', message: 'must be an absolute http(s) URL' },
    ]);
    const printed = formatConfigError(error);
    expect(printed).toBe(
      [
        'Configuration error: Invalid config for provider "wati": wati.baseUrl: must be an absolute http(s) URL',
        '  - wati.baseUrl: must be an absolute http(s) URL',
      ].join('\n'),
    );
    expect(printed).not.toContain(secret);
  });

  it('reports invalid JSON by line and column without quoting the file', async () => {
    const secret = 'sk-live-IN-A-BROKEN-FILE';
    await writeConfig(`{\n  "provider": "wati",\n  "wati": { "token": "${secret}" oops }\n}`);
    const error = await configError(loadAppConfig({ env: {}, cwd: dir }));
    expect(error.message).toMatch(/is not valid JSON at line 3, column \d+: fix the syntax there$/);
    expect(formatConfigError(error)).not.toContain(secret);
  });

  it('rejects an unknown provider and a sandbox flag that is not a boolean', async () => {
    await writeConfig({ provider: 'telegram' });
    expect((await configError(loadAppConfig({ env: {}, cwd: dir }))).issues).toStrictEqual([
      { path: 'provider', message: 'expected one of whatsapp-cloud, wati' },
    ]);
    await writeConfig({ provider: 'wati', sandbox: 'yes' });
    expect((await configError(loadAppConfig({ env: {}, cwd: dir }))).fields).toStrictEqual(['sandbox']);
  });
});

describe('formatConfigError', () => {
  it('prints anything else without a stack', () => {
    const error = new Error('disk on fire');
    expect(formatConfigError(error)).toBe('Configuration error: disk on fire');
  });
});
