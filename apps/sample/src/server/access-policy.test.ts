import { resolveProviderConfig, ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config.js';
import { PROVIDER_DEFINITIONS } from '../providers.js';
import { assertAccessTokenForHost } from './access-policy.js';
import { startServer } from './start-server.js';

const LIVE: AppConfig = {
  mode: 'live',
  providerId: 'whatsapp-cloud',
  transport: 'direct',
  source: { kind: 'env' },
  resolved: resolveProviderConfig(
    {
      provider: 'whatsapp-cloud',
      // Nothing is sent: the refusal comes before the provider is created.
      'whatsapp-cloud': {
        transport: 'direct',
        accessToken: 'meta-token-value',
        phoneNumberId: '106540352242922',
        baseUrl: 'http://127.0.0.1:9',
      },
    },
    PROVIDER_DEFINITIONS,
    { env: {} },
  ),
};
const SANDBOX: AppConfig = {
  mode: 'sandbox',
  providerId: 'wati',
  transport: 'direct',
  source: { kind: 'default' },
  reason: 'test',
};
const TOKEN = 'policy-test-token-0123456789';

describe('assertAccessTokenForHost', () => {
  it('refuses live mode beyond loopback without a token, naming SWITCHBOARD_ACCESS_TOKEN', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'inbox.example.com']) {
      let thrown: unknown;
      try {
        assertAccessTokenForHost(LIVE, host);
      } catch (error) {
        thrown = error;
      }
      expect(ValidationError.isInstance(thrown), host).toBe(true);
      const error = thrown as ValidationError;
      expect(error.message).toContain('SWITCHBOARD_ACCESS_TOKEN');
      expect(error.message).toContain(`listen on ${host} in live mode`);
      expect(error.issues[0]?.path).toBe('SWITCHBOARD_ACCESS_TOKEN');
      expect(error.message).not.toContain('meta-token-value');
    }
  });

  it('lets live mode listen beyond loopback with a token, and anywhere on loopback without', () => {
    expect(() => assertAccessTokenForHost({ ...LIVE, accessToken: TOKEN }, '0.0.0.0')).not.toThrow();
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2'])
      expect(() => assertAccessTokenForHost(LIVE, host)).not.toThrow();
  });

  it('lets the sandbox listen beyond loopback without a token (serve warns instead)', () => {
    expect(() => assertAccessTokenForHost(SANDBOX, '0.0.0.0')).not.toThrow();
  });

  it('is enforced by startServer before anything starts', async () => {
    await expect(startServer({ config: LIVE, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /SWITCHBOARD_ACCESS_TOKEN/,
    );
  });
});
