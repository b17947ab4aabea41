import { describe, expect, it } from 'vitest';
import {
  CLOUD_SECTION,
  configError,
  useConfigDirectory,
  WATI_SECTION,
} from '../test-support/config-directory.js';
import { describeAppConfig } from './app-config.js';
import { loadAppConfig } from './load-app-config.js';

const directory = useConfigDirectory();
const env = { WATI_TOKEN_FOR_TEST: 'wati-secret', META_TOKEN_FOR_TEST: 'meta-secret' };

describe('"providers" in the config file', () => {
  it('runs a sandbox router over the listed providers, the first as primary', async () => {
    await directory.write({ providers: ['wati', 'whatsapp-cloud'], sandbox: true });
    const config = await loadAppConfig({ env: {}, cwd: directory.path });
    expect(config).toMatchObject({
      mode: 'sandbox',
      providerId: 'wati',
      providers: ['wati', 'whatsapp-cloud'],
    });
    expect(describeAppConfig(config)).toMatch(
      /^router over WATI \(wati\) → WhatsApp Cloud API \(whatsapp-cloud\)/,
    );
  });

  it('validates every listed provider’s section in live mode', async () => {
    await directory.write({
      providers: ['whatsapp-cloud', 'wati'],
      wati: WATI_SECTION,
      'whatsapp-cloud': CLOUD_SECTION,
    });
    const config = await loadAppConfig({ env, cwd: directory.path });
    if (config.mode !== 'live') throw new Error('expected live mode');
    expect(config.providerId).toBe('whatsapp-cloud');
    expect(config.resolvedProviders?.map((resolved) => resolved.definition.id)).toEqual([
      'whatsapp-cloud',
      'wati',
    ]);
    expect(config.resolvedProviders?.[1]?.options).toMatchObject({ token: 'wati-secret' });
  });

  it('names the field of a missing section or a bad list', async () => {
    await directory.write({ providers: ['whatsapp-cloud', 'wati'], 'whatsapp-cloud': CLOUD_SECTION });
    const missing = await configError(loadAppConfig({ env, cwd: directory.path }));
    expect(missing.fields.some((field) => field.startsWith('wati'))).toBe(true);
    await directory.write({ providers: ['wati', 'wati'], sandbox: true });
    const twice = await configError(loadAppConfig({ env: {}, cwd: directory.path }));
    expect(twice.fields).toEqual(['providers']);
    await directory.write({ providers: ['telegram'], sandbox: true });
    expect((await configError(loadAppConfig({ env: {}, cwd: directory.path }))).fields).toEqual([
      'providers.0',
    ]);
  });

  it('SWITCHBOARD_PROVIDER picks one provider instead', async () => {
    await directory.write({ providers: ['wati', 'whatsapp-cloud'], sandbox: true });
    const config = await loadAppConfig({
      env: { SWITCHBOARD_PROVIDER: 'whatsapp-cloud' },
      cwd: directory.path,
    });
    expect(config).toMatchObject({ mode: 'sandbox', providerId: 'whatsapp-cloud' });
    expect(config.providers).toBeUndefined();
  });
});
