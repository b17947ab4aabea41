import { describe, expect, it, vi } from 'vitest';
import { validationError } from '../__fixtures__/rejection.js';
import type { ValidationError } from '../errors/errors.js';
import { definitions, fake, optionsOf, otherFake } from './__fixtures__/fake-providers.js';
import {
  loadProvider,
  MAX_CONFIG_DEPTH,
  resolveEnvReferences,
  resolveProviderConfig,
} from './load-provider.js';

const FAKE_SECRET = 'fake-token-SECRET-1234';
const OTHER_SECRET = 'other-key-SECRET-5678';

/** One config file holding both sections; `provider` picks one. */
function bothSections(provider: string) {
  return {
    provider,
    fake: { token: 'env:FAKE_TOKEN', baseUrl: 'https://fake.example/api' },
    'other-fake': { apiKey: OTHER_SECRET, phoneNumberId: '106540352242922' },
  };
}

const env = { FAKE_TOKEN: FAKE_SECRET, UNRELATED_SECRET: 'unrelated-SECRET-9' };

/** The ValidationError `fn` throws; fails the test when it throws something else or nothing. */
/** Asserts that neither the message nor the log form of `error` contains a secret. */
function expectNoSecrets(
  error: ValidationError,
  secrets: string[] = [FAKE_SECRET, OTHER_SECRET, env.UNRELATED_SECRET],
) {
  const logged = JSON.stringify(error);
  for (const secret of secrets) {
    expect(error.message).not.toContain(secret);
    expect(logged).not.toContain(secret);
  }
}

describe('loadProvider: selecting a provider', () => {
  it('creates the provider the config names, with its env references resolved', () => {
    const provider = loadProvider(bothSections('fake'), definitions, { env });
    expect(provider.id).toBe('fake');
    expect(optionsOf(provider)).toEqual({
      transport: 'direct',
      token: FAKE_SECRET,
      baseUrl: 'https://fake.example/api',
    });
  });

  it('creates the other provider from the same config when `provider` is flipped', () => {
    const provider = loadProvider(bothSections('other-fake'), definitions, { env });
    expect(provider.id).toBe('other-fake');
    expect(optionsOf(provider)).toEqual({ apiKey: OTHER_SECRET, phoneNumberId: '106540352242922' });
  });

  it('does not resolve env references of the section that is not selected', () => {
    const config = { ...bothSections('other-fake'), fake: { token: 'env:NOT_SET_ANYWHERE' } };
    expect(loadProvider(config, definitions, { env: {} }).id).toBe('other-fake');
  });

  it('reads process.env by default', () => {
    vi.stubEnv('FAKE_TOKEN', 'from-process-env-1');
    try {
      expect(optionsOf(loadProvider(bothSections('fake'), definitions))).toMatchObject({
        token: 'from-process-env-1',
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('does not modify the config it is given', () => {
    const config = bothSections('fake');
    loadProvider(config, definitions, { env });
    expect(config.fake.token).toBe('env:FAKE_TOKEN');
  });

  it('lists the known providers for an unknown one, without echoing the value', () => {
    const error = validationError(() => loadProvider({ ...bothSections('twilio') }, definitions, { env }));
    expect(error.message).toContain('Unknown provider in config field provider');
    expect(JSON.stringify([error.message, error.toJSON()])).not.toContain('twilio');
    expect(error.message).toContain('"fake", "other-fake"');
    expect(error.issues).toEqual([{ path: 'provider', message: 'expected one of fake, other-fake' }]);
    expectNoSecrets(error);
  });

  it.each([
    ['missing', {}],
    ['empty', { provider: '' }],
    ['undefined', { provider: undefined }],
  ])('explains a %s provider', (_label, selection) => {
    const { provider: _ignored, ...sections } = bothSections('fake');
    const error = validationError(() => loadProvider({ ...sections, ...selection }, definitions, { env }));
    expect(error.message).toMatch(/^No provider selected: set "provider" in the config/);
    expect(error.message).toContain('SWITCHBOARD_PROVIDER');
    expect(error.message).toContain('"fake", "other-fake"');
    expect(error.issues[0]?.path).toBe('provider');
    expectNoSecrets(error);
  });

  it('rejects a provider that is not a string on `provider`', () => {
    const error = validationError(() => loadProvider({ provider: 42 }, definitions, { env }));
    expect(error.fields).toEqual(['provider']);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'fake'],
  ])('rejects %s as the whole config', (_label, config) => {
    const error = validationError(() => loadProvider(config, definitions, { env }));
    expect(error.message).toMatch(/^Invalid config|^No provider selected/);
  });

  it.each([
    ['missing', undefined],
    ['a string', 'env:FAKE_TOKEN'],
    ['an array', [{ token: 'x' }]],
    ['null', null],
  ])('explains a %s provider section', (_label, section) => {
    const error = validationError(() =>
      loadProvider({ provider: 'fake', fake: section }, definitions, { env }),
    );
    expect(error.message).toContain('Missing config section "fake"');
    expect(error.issues).toEqual([{ path: 'fake', message: expect.any(String) }]);
    expect(error.provider).toBe('fake');
  });
});

describe('loadProvider: env references', () => {
  it('resolves references in nested objects and arrays', () => {
    const config = {
      provider: 'fake',
      fake: {
        token: 'env:FAKE_TOKEN',
        headers: { 'X-Tenant': 'env:TENANT', Static: 'plain' },
        scopes: ['env:SCOPE_A', 'static-scope', 'env:SCOPE_B'],
        retry: { maxRetries: 3 },
      },
    };
    const provider = loadProvider(config, definitions, {
      env: { ...env, TENANT: 'acme', SCOPE_A: 'messages', SCOPE_B: 'templates' },
    });
    expect(optionsOf(provider)).toEqual({
      transport: 'direct',
      token: FAKE_SECRET,
      headers: { 'X-Tenant': 'acme', Static: 'plain' },
      scopes: ['messages', 'static-scope', 'templates'],
      retry: { maxRetries: 3 },
    });
  });

  it('resolves references inside a section without a prototype (as some config parsers build)', () => {
    const section = Object.assign(Object.create(null) as Record<string, unknown>, {
      token: 'env:FAKE_TOKEN',
    });
    const provider = loadProvider({ provider: 'fake', fake: section }, definitions, { env });
    expect(optionsOf(provider)).toMatchObject({ token: FAKE_SECRET });
  });

  it('passes class instances (a dispatcher) through untouched', () => {
    class Dispatcher {
      readonly url = 'env:NOT_A_REFERENCE_HERE';
    }
    const dispatcher = new Dispatcher();
    const provider = loadProvider(
      { provider: 'fake', fake: { token: 'env:FAKE_TOKEN', dispatcher } },
      definitions,
      { env },
    );
    expect((optionsOf(provider) as { dispatcher: unknown }).dispatcher).toBe(dispatcher);
  });

  it('names the field and the variable when a variable is not set, without leaking any secret', () => {
    const error = validationError(() =>
      loadProvider(bothSections('fake'), definitions, { env: { OTHER: OTHER_SECRET } }),
    );
    expect(error.message).toContain('fake.token');
    expect(error.message).toContain('FAKE_TOKEN');
    expect(error.issues).toEqual([
      { path: 'fake.token', message: 'environment variable FAKE_TOKEN is not set' },
    ]);
    expect(error.provider).toBe('fake');
    expectNoSecrets(error);
  });

  it('names the nested field of a missing variable', () => {
    const config = { provider: 'fake', fake: { token: 'env:FAKE_TOKEN', scopes: ['ok', 'env:SCOPE_X'] } };
    const error = validationError(() => loadProvider(config, definitions, { env }));
    expect(error.issues[0]?.path).toBe('fake.scopes.1');
    expect(error.message).toContain('SCOPE_X');
    expectNoSecrets(error);
  });

  it('treats an empty variable as missing', () => {
    const error = validationError(() =>
      loadProvider(bothSections('fake'), definitions, { env: { FAKE_TOKEN: '' } }),
    );
    expect(error.issues).toEqual([
      { path: 'fake.token', message: 'environment variable FAKE_TOKEN is not set' },
    ]);
  });

  it.each(['env:', 'env:MY-TOKEN', 'env:1TOKEN', 'env: FAKE_TOKEN', 'env:FAKE TOKEN'])(
    'rejects the invalid reference %j on its field',
    (reference) => {
      const error = validationError(() =>
        loadProvider({ provider: 'fake', fake: { token: reference } }, definitions, { env }),
      );
      expect(error.message).toContain('fake.token');
      expect(error.message).toContain('invalid environment reference');
      expect(error.issues).toEqual([{ path: 'fake.token', message: 'invalid environment variable name' }]);
    },
  );

  it('leaves strings that merely contain env: alone', () => {
    const provider = loadProvider({ provider: 'fake', fake: { token: 'my-env:token-1' } }, definitions, {
      env,
    });
    expect(optionsOf(provider)).toMatchObject({ token: 'my-env:token-1' });
  });
});

describe('loadProvider: the provider schema', () => {
  it('prefixes a rejected field with the provider id and never echoes the value', () => {
    const badUrl = 'not-a-url-SECRET-abcdef';
    const config = { provider: 'fake', fake: { token: 'env:FAKE_TOKEN', baseUrl: badUrl } };
    const error = validationError(() => loadProvider(config, definitions, { env }));
    expect(error.fields).toEqual(['fake.baseUrl']);
    expect(error.message).toMatch(/^Invalid config for provider "fake": fake\.baseUrl: /);
    expect(error.provider).toBe('fake');
    expectNoSecrets(error, [badUrl, FAKE_SECRET, OTHER_SECRET]);
  });

  it('does not echo a resolved env value the schema rejects', () => {
    const error = validationError(() =>
      loadProvider(bothSections('fake'), definitions, { env: { FAKE_TOKEN: 'Sh0rtS' } }),
    );
    expect(error.fields).toEqual(['fake.token']);
    expectNoSecrets(error, ['Sh0rtS']);
  });

  it('reports every rejected field of the section', () => {
    const config = { provider: 'other-fake', 'other-fake': { apiKey: 'short', phoneNumberId: '+1 555' } };
    const error = validationError(() => loadProvider(config, definitions, { env }));
    expect(error.fields.sort()).toEqual(['other-fake.apiKey', 'other-fake.phoneNumberId']);
    expectNoSecrets(error, ['short', '+1 555']);
  });

  it('names an unknown key of the section on the section', () => {
    const config = { provider: 'fake', fake: { token: 'env:FAKE_TOKEN', tokn: 'typo' } };
    const error = validationError(() => loadProvider(config, definitions, { env }));
    expect(error.issues).toEqual([{ path: 'fake', message: expect.stringContaining('"tokn"') }]);
  });
});

describe('resolveProviderConfig', () => {
  it('returns the definition and validated options without creating the provider', () => {
    const create = vi.spyOn(fake, 'create');
    try {
      const resolved = resolveProviderConfig(bothSections('fake'), [fake], { env });
      expect(resolved.definition).toBe(fake);
      expect(resolved.options).toEqual({
        transport: 'direct',
        token: FAKE_SECRET,
        baseUrl: 'https://fake.example/api',
      });
      // Typed by the definition's schema.
      expect(resolved.options.token.length).toBe(FAKE_SECRET.length);
      expect(create).not.toHaveBeenCalled();
    } finally {
      create.mockRestore();
    }
  });

  it('lets an app adjust options before creating the provider', () => {
    const { definition, options } = resolveProviderConfig(bothSections('other-fake'), [otherFake], { env });
    const provider = definition.create({ ...options, phoneNumberId: '999' });
    expect(optionsOf(provider)).toEqual({ apiKey: OTHER_SECRET, phoneNumberId: '999' });
  });
});

describe('resolveEnvReferences', () => {
  it('returns non-string scalars unchanged', () => {
    expect(resolveEnvReferences({ a: 1, b: true, c: null, d: undefined }, [], {})).toEqual({
      a: 1,
      b: true,
      c: null,
      d: undefined,
    });
  });

  it('resolves a part shared by several parents once, and keeps it shared: no 2^n walk of a config built in code', () => {
    // 40 levels of `{ a: part, b: part }` reach the leaf along 2^40 paths: walking each would never end.
    let value: Record<string, unknown> = { token: 'env:TOKEN' };
    for (let level = 0; level < 40; level++) value = { a: value, b: value };
    const resolved = resolveEnvReferences(value, [], { TOKEN: 'resolved-token' }) as Record<string, unknown>;
    expect(resolved.a).toBe(resolved.b);
    let leaf: unknown = resolved;
    for (let level = 0; level < 40; level++) leaf = (leaf as Record<string, unknown>).a;
    expect(leaf).toEqual({ token: 'resolved-token' });
  });

  it('builds the field path from the given prefix', () => {
    const error = validationError(() => resolveEnvReferences({ x: [{ y: 'env:Y' }] }, ['root'], {}));
    expect(error.fields).toEqual(['root.x.0.y']);
    expect(error.provider).toBe('core');
  });
});

describe('loadProvider: deep and self-referencing configs', () => {
  /** `leaf` wrapped in `depth` arrays. */
  const nested = (depth: number, leaf: unknown): unknown => {
    let value = leaf;
    for (let level = 0; level < depth; level++) value = [value];
    return value;
  };

  it('rejects arrays nested thousands of levels with a ValidationError naming the path', () => {
    const config = { provider: 'fake', fake: { token: FAKE_SECRET, scopes: nested(5000, 'x') } };
    const error = validationError(() => loadProvider(config, definitions, { env }));
    const path = ['fake', 'scopes', ...Array.from({ length: MAX_CONFIG_DEPTH - 1 }, () => '0')].join('.');
    expect(error.fields).toEqual([path]);
    expect(error.message).toContain(`nested more than ${MAX_CONFIG_DEPTH} levels deep`);
    expect(error.provider).toBe('fake');
    expectNoSecrets(error);
  });

  it('stops at the depth limit instead of walking every level of a wide, deep config', () => {
    // 1,000 levels of 200 strings each: recursion copied the path for every one of them.
    let value: unknown = 'leaf';
    for (let level = 0; level < 1000; level++) value = [...Array.from({ length: 200 }, () => 'x'), value];
    const error = validationError(() =>
      loadProvider({ provider: 'fake', fake: { token: FAKE_SECRET, scopes: value } }, definitions, { env }),
    );
    expect(error.fields[0]).toMatch(/^fake\.scopes(\.200){63}$/);
  });

  it('accepts nesting up to the limit', () => {
    expect(resolveEnvReferences(nested(MAX_CONFIG_DEPTH, 'env:FAKE_TOKEN'), [], env)).toEqual(
      nested(MAX_CONFIG_DEPTH, FAKE_SECRET),
    );
    const error = validationError(() => resolveEnvReferences(nested(MAX_CONFIG_DEPTH + 1, 'x'), [], env));
    expect(error.message).toContain('nested more than');
  });

  it('rejects a config that contains itself, naming where', () => {
    const section: Record<string, unknown> = { token: FAKE_SECRET };
    section.headers = { again: section };
    const error = validationError(() =>
      loadProvider({ provider: 'fake', fake: section }, definitions, { env }),
    );
    expect(error.fields).toEqual(['fake.headers.again']);
    expectNoSecrets(error);
  });

  it('resolves values shared by two fields (not a cycle)', () => {
    const shared = { a: 'env:FAKE_TOKEN' };
    expect(resolveEnvReferences({ one: shared, two: [shared] }, [], env)).toEqual({
      one: { a: FAKE_SECRET },
      two: [{ a: FAKE_SECRET }],
    });
  });
});
