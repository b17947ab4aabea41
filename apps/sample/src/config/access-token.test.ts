import { describe, expect, it } from 'vitest';
import {
  CLOUD_SECTION,
  configError,
  useConfigDirectory,
  WATI_SECTION,
} from '../test-support/config-directory.js';
import { accessTokenFrom } from './access-token.js';
import { formatConfigError } from './format-config-error.js';
import { loadAppConfig } from './load-app-config.js';

const directory = useConfigDirectory();
const TOKEN = 'config-test-token-0123456789';

describe('the access token in the configuration', () => {
  it('is absent unless configured: the quick start needs none', async () => {
    const config = await loadAppConfig({ env: {}, cwd: directory.path });
    expect(config.mode).toBe('sandbox');
    expect(config).not.toHaveProperty('accessToken');
    expect(accessTokenFrom({ SWITCHBOARD_ACCESS_TOKEN: '   ' })).toBeUndefined();
  });

  it('comes from SWITCHBOARD_ACCESS_TOKEN in every mode, without leaving the sandbox', async () => {
    const env = { SWITCHBOARD_ACCESS_TOKEN: ` ${TOKEN}\n` };
    expect(await loadAppConfig({ env, cwd: directory.path })).toMatchObject({
      mode: 'sandbox',
      accessToken: TOKEN,
    });
    expect(
      await loadAppConfig({
        env: { ...env, WATI_API_URL: 'https://live-mt-server.wati.io/123456', WATI_API_TOKEN: 'wati-secret' },
        cwd: directory.path,
      }),
    ).toMatchObject({ mode: 'live', providerId: 'wati', accessToken: TOKEN });
  });

  it('comes from the file\'s "accessToken" (an env: reference too), and the variable wins', async () => {
    await directory.write({
      provider: 'wati',
      wati: WATI_SECTION,
      accessToken: 'env:INBOX_TOKEN_FOR_TEST',
    });
    const env = { WATI_TOKEN_FOR_TEST: 'wati-secret', INBOX_TOKEN_FOR_TEST: TOKEN };
    expect(await loadAppConfig({ env, cwd: directory.path })).toMatchObject({
      mode: 'live',
      accessToken: TOKEN,
    });
    expect(
      await loadAppConfig({
        env: { ...env, SWITCHBOARD_ACCESS_TOKEN: 'from-the-environment-wins' },
        cwd: directory.path,
      }),
    ).toMatchObject({ accessToken: 'from-the-environment-wins' });

    await directory.write({ provider: 'whatsapp-cloud', sandbox: true, accessToken: TOKEN });
    expect(await loadAppConfig({ env: {}, cwd: directory.path })).toMatchObject({
      mode: 'sandbox',
      accessToken: TOKEN,
    });
    // The provider section never sees it.
    await directory.write({
      provider: 'whatsapp-cloud',
      'whatsapp-cloud': CLOUD_SECTION,
      accessToken: TOKEN,
    });
    const live = await loadAppConfig({ env: { META_TOKEN_FOR_TEST: 'meta-secret' }, cwd: directory.path });
    if (live.mode !== 'live') throw new Error('expected live mode');
    expect(live.accessToken).toBe(TOKEN);
    expect(live.resolved.options).toMatchObject({ accessToken: 'meta-secret' });
  });

  it('must be long enough, naming the variable or field but never the value', async () => {
    const short = await configError(
      loadAppConfig({ env: { SWITCHBOARD_ACCESS_TOKEN: 'hunter2' }, cwd: directory.path }),
    );
    expect(short.issues).toStrictEqual([
      {
        path: 'SWITCHBOARD_ACCESS_TOKEN',
        message: 'must be at least 16 printable ASCII characters without spaces',
      },
    ]);
    expect(formatConfigError(short)).not.toContain('hunter2');

    const spaced = 'correct horse battery staple';
    await directory.write({ provider: 'wati', sandbox: true, accessToken: spaced });
    const error = await configError(loadAppConfig({ env: {}, cwd: directory.path }));
    expect(error.issues[0]?.path).toBe('accessToken');
    expect(formatConfigError(error)).not.toContain('horse');

    await directory.write({ provider: 'wati', sandbox: true, accessToken: 'env:UNSET_INBOX_TOKEN' });
    const unset = await configError(loadAppConfig({ env: {}, cwd: directory.path }));
    expect(unset.issues[0]?.path).toBe('accessToken');
    expect(unset.message).toContain('UNSET_INBOX_TOKEN');

    await directory.write({ provider: 'wati', sandbox: true, accessToken: 1234567890 });
    expect((await configError(loadAppConfig({ env: {}, cwd: directory.path }))).issues[0]?.path).toBe(
      'accessToken',
    );
  });
});
