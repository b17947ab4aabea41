import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { definitions, optionsOf } from './__fixtures__/fake-providers.js';
import { configFromEnv, PROVIDER_ENV_VARIABLE } from './config-from-env.js';
import { loadProvider } from './load-provider.js';

const fakeEnv = { FAKE_TOKEN: 'fake-token-12345' };
const otherEnv = { OTHER_API_KEY: 'other-key-12345', OTHER_PHONE_NUMBER_ID: '106540352242922' };

function loadError(env: Record<string, string>): ValidationError {
  try {
    loadProvider(configFromEnv(env, definitions), definitions, { env });
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected loadProvider to throw');
}

describe('configFromEnv', () => {
  it('reads SWITCHBOARD_PROVIDER', () => {
    expect(PROVIDER_ENV_VARIABLE).toBe('SWITCHBOARD_PROVIDER');
  });

  it('selects the only provider whose variables are set', () => {
    expect(configFromEnv(fakeEnv, definitions)).toEqual({
      provider: 'fake',
      fake: { token: 'fake-token-12345' },
    });
    expect(configFromEnv(otherEnv, definitions)).toEqual({
      provider: 'other-fake',
      'other-fake': { apiKey: 'other-key-12345', phoneNumberId: '106540352242922' },
    });
  });

  it('lets SWITCHBOARD_PROVIDER win over auto-selection, keeping every configured section', () => {
    const config = configFromEnv(
      { ...fakeEnv, ...otherEnv, SWITCHBOARD_PROVIDER: 'other-fake' },
      definitions,
    );
    expect(config.provider).toBe('other-fake');
    expect(Object.keys(config).sort()).toEqual(['fake', 'other-fake', 'provider']);
  });

  it('lets SWITCHBOARD_PROVIDER pick a provider other than the only configured one', () => {
    expect(configFromEnv({ ...fakeEnv, SWITCHBOARD_PROVIDER: 'other-fake' }, definitions).provider).toBe(
      'other-fake',
    );
  });

  it('trims SWITCHBOARD_PROVIDER and ignores it when blank', () => {
    expect(
      configFromEnv({ ...fakeEnv, ...otherEnv, SWITCHBOARD_PROVIDER: ' fake\n' }, definitions).provider,
    ).toBe('fake');
    expect(configFromEnv({ ...fakeEnv, SWITCHBOARD_PROVIDER: '  ' }, definitions).provider).toBe('fake');
  });

  it('leaves provider undefined when no provider is configured', () => {
    expect(configFromEnv({ PATH: '/usr/bin' }, definitions)).toEqual({ provider: undefined });
  });

  it('leaves provider undefined when several providers are configured', () => {
    const config = configFromEnv({ ...fakeEnv, ...otherEnv }, definitions);
    expect(config.provider).toBeUndefined();
    expect(config.fake).toEqual({ token: 'fake-token-12345' });
  });
});

describe('loadProvider(configFromEnv(…))', () => {
  it('creates the provider from environment variables alone', () => {
    const env = { ...otherEnv };
    const provider = loadProvider(configFromEnv(env, definitions), definitions, { env });
    expect(provider.id).toBe('other-fake');
    expect(optionsOf(provider)).toEqual({ apiKey: 'other-key-12345', phoneNumberId: '106540352242922' });
  });

  it('explains that no provider is configured, naming SWITCHBOARD_PROVIDER and the known ids', () => {
    const error = loadError({});
    expect(error.message).toContain('No provider selected');
    expect(error.message).toContain('SWITCHBOARD_PROVIDER');
    expect(error.message).toContain('"fake", "other-fake"');
    expect(error.fields).toEqual(['provider']);
  });

  it('explains that several providers are configured by asking for a selection, without leaking keys', () => {
    const error = loadError({ ...fakeEnv, ...otherEnv });
    expect(error.message).toContain('No provider selected');
    expect(JSON.stringify(error)).not.toContain('fake-token-12345');
    expect(JSON.stringify(error)).not.toContain('other-key-12345');
  });

  it('reports the missing section when SWITCHBOARD_PROVIDER names an unconfigured provider', () => {
    const error = loadError({ ...fakeEnv, SWITCHBOARD_PROVIDER: 'other-fake' });
    expect(error.message).toContain('Missing config section "other-fake"');
    expect(error.fields).toEqual(['other-fake']);
  });

  it('reports an unknown SWITCHBOARD_PROVIDER', () => {
    const error = loadError({ ...fakeEnv, SWITCHBOARD_PROVIDER: 'twilio' });
    expect(error.message).toContain('Unknown provider in config field provider');
    expect(error.message).not.toContain('twilio');
  });

  it('reports a partially configured provider on the missing field', () => {
    const error = loadError({ OTHER_API_KEY: 'other-key-12345' });
    expect(error.fields).toEqual(['other-fake.phoneNumberId']);
    expect(error.message).not.toContain('other-key-12345');
  });
});
