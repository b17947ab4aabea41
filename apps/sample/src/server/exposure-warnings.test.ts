import { resolveProviderConfig } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import { PROVIDER_DEFINITIONS } from '../providers.js';
import { exposureWarnings } from './exposure-warnings.js';

function live(config: Record<string, unknown>, source: AppConfig['source'] = { kind: 'env' }): AppConfig {
  const resolved = resolveProviderConfig(config, PROVIDER_DEFINITIONS, { env: {} });
  const providerId = resolved.definition.id as 'whatsapp-cloud' | 'wati';
  return { mode: 'live', providerId, transport: 'direct', source, resolved };
}

const SANDBOX: AppConfig = {
  mode: 'sandbox',
  providerId: 'wati',
  transport: 'direct',
  source: { kind: 'default' },
  reason: 'test',
};
const CLOUD = { transport: 'direct', accessToken: 'token-value', phoneNumberId: '106540352242922' };
const WATI = { transport: 'direct', baseUrl: 'https://live-mt-server.wati.io/123456', token: 'token-value' };

describe('exposureWarnings', () => {
  it('says nothing for the sandbox on loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1'])
      expect(exposureWarnings(SANDBOX, host)).toStrictEqual([]);
  });

  it('warns that the API has no authentication when listening beyond loopback without a token', () => {
    const [warning, ...rest] = exposureWarnings(SANDBOX, '0.0.0.0');
    expect(rest).toStrictEqual([]);
    expect(warning).toMatch(
      /^listening on 0\.0\.0\.0 without SWITCHBOARD_ACCESS_TOKEN: the inbox and \/api\/\* have no authentication/,
    );
    expect(exposureWarnings({ ...SANDBOX, accessToken: 'a-long-enough-token' }, '0.0.0.0')).toStrictEqual([]);
  });

  it('warns about live WhatsApp Cloud webhooks without appSecret or verifyToken', () => {
    const warnings = exposureWarnings(
      live({ provider: 'whatsapp-cloud', 'whatsapp-cloud': CLOUD }),
      '127.0.0.1',
    );
    expect(warnings.map((warning) => warning.split(':')[0])).toStrictEqual([
      'no appSecret',
      'no verifyToken',
    ]);
    expect(warnings.join('\n')).not.toContain('token-value');
    expect(
      exposureWarnings(
        live({
          provider: 'whatsapp-cloud',
          'whatsapp-cloud': { ...CLOUD, appSecret: 'app-secret', verifyToken: 'verify' },
        }),
        '127.0.0.1',
      ),
    ).toStrictEqual([]);
  });

  it('tells what to set where the config comes from: the variable, or the option a config file must name', () => {
    const fromEnv = exposureWarnings(
      live({ provider: 'whatsapp-cloud', 'whatsapp-cloud': CLOUD }),
      '127.0.0.1',
    );
    expect(fromEnv[0]).toContain('Set WHATSAPP_APP_SECRET to your Meta app secret');
    const file = { kind: 'file', path: '/srv/switchboard.config.json' } as const;
    const fromFile = exposureWarnings(
      live({ provider: 'whatsapp-cloud', 'whatsapp-cloud': CLOUD }, file),
      '::1',
    );
    expect(fromFile).toStrictEqual([
      expect.stringContaining(
        'Add "appSecret": "env:WHATSAPP_APP_SECRET" to the "whatsapp-cloud" section of /srv/switchboard.config.json and set WHATSAPP_APP_SECRET',
      ),
      expect.stringContaining(
        'Add "verifyToken": "env:WHATSAPP_VERIFY_TOKEN" to the "whatsapp-cloud" section',
      ),
    ]);
    const [wati] = exposureWarnings(live({ provider: 'wati', wati: WATI }, file), '127.0.0.1');
    expect(wati).toContain(
      'Add "webhookSecret": { "value": "env:WATI_WEBHOOK_SECRET", "pathSegment": true } to the "wati" section',
    );
  });

  it('warns about live WATI webhooks without webhookSecret', () => {
    const warnings = exposureWarnings(live({ provider: 'wati', wati: WATI }), '127.0.0.1');
    expect(warnings.map((warning) => warning.split(':')[0])).toStrictEqual(['no webhookSecret']);
    expect(
      exposureWarnings(
        live({
          provider: 'wati',
          wati: { ...WATI, webhookSecret: { value: 'hook-secret', pathSegment: true } },
        }),
        '127.0.0.1',
      ),
    ).toStrictEqual([]);
  });
});
