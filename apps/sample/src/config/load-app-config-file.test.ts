import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CLOUD_SECTION,
  configError,
  useConfigDirectory,
  WATI_SECTION,
} from '../test-support/config-directory.js';
import { formatConfigError } from './format-config-error.js';
import { loadAppConfig } from './load-app-config.js';

const directory = useConfigDirectory();

describe('config file', () => {
  it('is found in the working directory and wins over the environment', async () => {
    const path = await directory.write({
      provider: 'wati',
      wati: WATI_SECTION,
      'whatsapp-cloud': CLOUD_SECTION,
    });
    const config = await loadAppConfig({
      env: { WATI_TOKEN_FOR_TEST: 'wati-secret', WHATSAPP_ACCESS_TOKEN: 'ignored-because-a-file-exists' },
      cwd: directory.path,
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
    const path = await directory.write({ provider: 'whatsapp-cloud', 'whatsapp-cloud': CLOUD_SECTION });
    const nested = join(directory.path, 'apps', 'sample');
    await mkdir(nested, { recursive: true });
    const config = await loadAppConfig({ env: { META_TOKEN_FOR_TEST: 'meta-secret' }, cwd: nested });
    expect(config).toMatchObject({
      mode: 'live',
      providerId: 'whatsapp-cloud',
      source: { kind: 'file', path },
    });
  });

  it('comes from SWITCHBOARD_CONFIG, and --config wins over it', async () => {
    await directory.write({ provider: 'whatsapp-cloud', 'whatsapp-cloud': CLOUD_SECTION });
    const fromEnv = await directory.write(
      { provider: 'wati', wati: WATI_SECTION },
      join(directory.path, 'wati.json'),
    );
    const fromFlag = await directory.write(
      { provider: 'wati', sandbox: true },
      join(directory.path, 'sandbox.json'),
    );
    const env = { SWITCHBOARD_CONFIG: fromEnv, WATI_TOKEN_FOR_TEST: 'wati-secret' };
    expect(await loadAppConfig({ env, cwd: directory.path })).toMatchObject({
      providerId: 'wati',
      source: { path: fromEnv },
    });
    expect(await loadAppConfig({ env, cwd: directory.path, configPath: fromFlag })).toMatchObject({
      mode: 'sandbox',
      providerId: 'wati',
      source: { path: fromFlag },
      reason: `"sandbox": true in ${fromFlag}`,
    });
  });

  it('reports a SWITCHBOARD_CONFIG that does not exist', async () => {
    const missing = join(directory.path, 'missing.json');
    const error = await configError(
      loadAppConfig({ env: { SWITCHBOARD_CONFIG: missing }, cwd: directory.path }),
    );
    expect(error.message).toBe(
      `Config file ${missing} does not exist: create it or point SWITCHBOARD_CONFIG elsewhere`,
    );
  });

  it('resolves a relative path from the working directory and names the file it looked for', async () => {
    const path = await directory.write(
      { provider: 'wati', sandbox: true },
      join(directory.path, 'wati.json'),
    );
    expect(
      await loadAppConfig({ env: { SWITCHBOARD_CONFIG: 'wati.json' }, cwd: directory.path }),
    ).toMatchObject({ mode: 'sandbox', providerId: 'wati', source: { kind: 'file', path } });
    // `pnpm start` at the root runs the app in apps/sample: the message must say where it looked.
    const error = await configError(
      loadAppConfig({ env: { SWITCHBOARD_CONFIG: 'missing.json' }, cwd: directory.path }),
    );
    expect(error.message).toBe(
      `Config file ${join(directory.path, 'missing.json')} does not exist: create it or point SWITCHBOARD_CONFIG elsewhere`,
    );
  });

  it('runs the sandbox with "sandbox": true, on the file’s provider and transport', async () => {
    await directory.write({ provider: 'wati', sandbox: true, wati: { ...WATI_SECTION, transport: 'maton' } });
    expect(await loadAppConfig({ env: {}, cwd: directory.path })).toMatchObject({
      mode: 'sandbox',
      providerId: 'wati',
      transport: 'maton',
    });
  });

  it('lets SWITCHBOARD_PROVIDER flip the file’s provider', async () => {
    await directory.write({
      provider: 'whatsapp-cloud',
      'whatsapp-cloud': CLOUD_SECTION,
      wati: WATI_SECTION,
    });
    const config = await loadAppConfig({
      env: { SWITCHBOARD_PROVIDER: 'wati', WATI_TOKEN_FOR_TEST: 't' },
      cwd: directory.path,
    });
    expect(config).toMatchObject({ mode: 'live', providerId: 'wati' });
  });

  it('names the field of an env: reference whose variable is not set', async () => {
    await directory.write({ provider: 'wati', wati: WATI_SECTION });
    const error = await configError(loadAppConfig({ env: {}, cwd: directory.path }));
    expect(error.message).toBe(
      'Config field wati.token refers to environment variable WATI_TOKEN_FOR_TEST, which is not set: export WATI_TOKEN_FOR_TEST=… or put the value in the config',
    );
  });

  it('names every invalid field and never prints a secret', async () => {
    const secret = 'sk-live-THIS-MUST-NOT-LEAK';
    await directory.write({
      provider: 'wati',
      wati: { transport: 'direct', token: secret, baseUrl: `ftp://${secret}` },
    });
    const error = await configError(loadAppConfig({ env: {}, cwd: directory.path }));
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
    await directory.write(`{\n  "provider": "wati",\n  "wati": { "token": "${secret}" oops }\n}`);
    const error = await configError(loadAppConfig({ env: {}, cwd: directory.path }));
    expect(error.message).toMatch(/is not valid JSON at line 3, column \d+: fix the syntax there$/);
    expect(formatConfigError(error)).not.toContain(secret);
  });

  it('rejects an unknown provider and a sandbox flag that is not a boolean', async () => {
    await directory.write({ provider: 'telegram' });
    expect((await configError(loadAppConfig({ env: {}, cwd: directory.path }))).issues).toStrictEqual([
      { path: 'provider', message: 'expected one of whatsapp-cloud, wati' },
    ]);
    await directory.write({ provider: 'wati', sandbox: 'yes' });
    expect((await configError(loadAppConfig({ env: {}, cwd: directory.path }))).fields).toStrictEqual([
      'sandbox',
    ]);
  });
});
