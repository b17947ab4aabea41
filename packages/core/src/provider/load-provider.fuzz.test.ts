import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fuzzParameters, fuzzTimeoutMs } from '../__fixtures__/fuzz-runs.js';
import {
  anyValue,
  deepJson,
  expectSameValue,
  expectValidationError,
  HANG_LIMIT_MS,
  nest,
  plainCopy,
  shownTexts,
  type Timed,
  timed,
  trickyKey,
} from '../__fixtures__/fuzz-values.js';
import { definitions, optionsOf } from './__fixtures__/fake-providers.js';
import { configFromEnv, PROVIDER_ENV_VARIABLE } from './config-from-env.js';
import {
  type Environment,
  loadProvider,
  MAX_CONFIG_DEPTH,
  resolveEnvReferences,
  resolveProviderConfig,
} from './load-provider.js';

const RUNS = 500;

// ---------------------------------------------------------------------------------------------
// Environments whose values are secrets

const KNOWN_NAMES = [
  'FAKE_TOKEN',
  'FAKE_BASE_URL',
  'OTHER_API_KEY',
  'OTHER_PHONE_NUMBER_ID',
  PROVIDER_ENV_VARIABLE,
  'SECRET_A',
  'SECRET_B',
  'SECRET_C',
];
const envName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_NAMES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/) },
);

/** A secret: long enough that no error text contains it by chance. */
const secret = fc.string({
  minLength: 12,
  maxLength: 40,
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  ),
});

/** Values that are not secrets but make a config valid: a provider id, a URL, digits… */
const publicValue = fc.constantFrom(
  'fake',
  'other-fake',
  ' fake ',
  'direct',
  'maton',
  'https://fake.example/api',
  '106540352242922',
  'short',
  '',
);

interface SecretEnvironment {
  env: Environment;
  secrets: string[];
}

const environment: fc.Arbitrary<SecretEnvironment> = fc
  .tuple(fc.dictionary(envName, publicValue, { maxKeys: 4 }), fc.dictionary(envName, secret, { maxKeys: 6 }))
  .map(([publicEnv, secretEnv]) => ({
    env: { ...publicEnv, ...secretEnv },
    secrets: Object.values(secretEnv),
  }));

// ---------------------------------------------------------------------------------------------
// Configs

const envReference = fc.oneof(
  { weight: 4, arbitrary: envName.map((name) => `env:${name}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'env:',
      'env:1A',
      'env:A-B',
      'env: SECRET_A',
      'env:SECRET_A\n',
      'ENV:SECRET_A',
      'env:env:X',
    ),
  },
);

/** A config value: a tree (built with fc.letrec) of JSON-ish values with `env:` references among its leaves. */
const configTree: fc.Arbitrary<unknown> = fc.letrec<{
  node: unknown;
  leaf: unknown;
  array: unknown[];
  object: unknown;
}>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('array'), tie('object')),
  leaf: fc.oneof(
    { weight: 3, arbitrary: envReference },
    { weight: 2, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
    { weight: 1, arbitrary: publicValue },
  ),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.dictionary(trickyKey, tie('node'), { maxKeys: 4 }),
})).node;

/** Deeply nested arrays and objects (up to a few thousand levels) with an `env:` reference inside. */
const deepConfig: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 2 * MAX_CONFIG_DEPTH }), fc.integer({ min: 0, max: 5000 })),
    fc.array(fc.constantFrom('array' as const, 'object' as const), { minLength: 1, maxLength: 3 }),
    fc.oneof(envReference, fc.string()),
  )
  .map(([depth, pattern, leaf]) => nest(depth, leaf, pattern));

/** A value with a reference to an enclosing object somewhere inside. */
const cyclicConfig: fc.Arbitrary<unknown> = fc.tuple(configTree, fc.nat()).map(([tree, at]) => {
  const root: Record<string, unknown> = { tree: plainCopy(tree) };
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'object' && item !== null) {
      containers.push(item as Record<string, unknown>);
      stack.push(...Object.values(item));
    }
  }
  const target = containers[at % containers.length] as Record<string, unknown> | unknown[];
  if (Array.isArray(target)) target.push(root);
  else target.self = root;
  return root;
});

const fieldValue = fc.oneof(
  { weight: 3, arbitrary: configTree },
  { weight: 2, arbitrary: envReference },
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: deepConfig },
);

/** A section of either fake provider: its own fields (valid, references, anything) and stray keys. */
const section: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.record(
      {
        transport: fc.oneof(fc.constantFrom('direct', 'maton'), fieldValue),
        token: fc.oneof(fc.constant('literal-token-123'), fieldValue),
        baseUrl: fc.oneof(fc.constant('https://fake.example/api'), fieldValue),
        headers: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), envReference)), fieldValue),
        scopes: fc.oneof(fc.array(fc.oneof(fc.string(), envReference)), fieldValue),
        retry: fc.oneof(fc.record({ maxRetries: fc.oneof(fc.nat(), fieldValue) }), fieldValue),
        dispatcher: fc.oneof(fc.constant({}), fieldValue),
        apiKey: fc.oneof(fc.constant('literal-api-key-1'), fieldValue),
        phoneNumberId: fc.oneof(fc.constant('106540352242922'), fieldValue),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(trickyKey, fieldValue, { maxKeys: 2 }),
  )
  .map(([known, stray]) => Object.assign(Object.create(null), stray, known));

const config: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        provider: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('fake', 'other-fake') },
          { weight: 1, arbitrary: fc.oneof(fc.string(), envReference, anyValue) },
        ),
        fake: fc.oneof({ weight: 4, arbitrary: section }, { weight: 1, arbitrary: fieldValue }),
        'other-fake': fc.oneof({ weight: 4, arbitrary: section }, { weight: 1, arbitrary: fieldValue }),
        extra: fieldValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: deepJson(5000).map(({ value }) => value) },
  { weight: 1, arbitrary: cyclicConfig },
);

// ---------------------------------------------------------------------------------------------
// Checks

/** Within the hang limit, and either a value or a ValidationError that shows none of `secrets`. */
function expectSafeOutcome<T>(outcome: Timed<T>, secrets: readonly string[]): void {
  expect(outcome.ms, 'hang detector').toBeLessThan(HANG_LIMIT_MS);
  if (outcome.ok) return;
  const error = expectValidationError(outcome.error);
  const shown = shownTexts(error);
  for (const value of secrets) {
    for (const text of shown) expect(text.includes(value), 'a secret is shown in the error').toBe(false);
  }
}

/** What resolveEnvReferences must do, written recursively (inputs here are shallow enough). */
function referenceResolve(value: unknown, env: Environment): { ok: true; value: unknown } | { ok: false } {
  const open = new Set<object>();
  const walk = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') {
      const match = /^env:(.*)$/s.exec(item);
      if (match === null) return item;
      const name = match[1] as string;
      const resolved = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? env[name] : undefined;
      if (resolved === undefined || resolved === '') throw new Error('bad reference');
      return resolved;
    }
    if (typeof item !== 'object' || item === null) return item;
    const prototype = Object.getPrototypeOf(item);
    const array = Array.isArray(item);
    if (!array && prototype !== Object.prototype && prototype !== null) return item;
    if (depth >= MAX_CONFIG_DEPTH) throw new Error('too deep');
    if (open.has(item)) throw new Error('cycle');
    open.add(item);
    const result = array
      ? Array.from(item as unknown[], (child) => walk(child, depth + 1))
      : Object.fromEntries(Object.entries(item).map(([key, child]) => [key, walk(child, depth + 1)]));
    open.delete(item);
    return result;
  };
  try {
    return { ok: true, value: walk(value, 0) };
  } catch {
    return { ok: false };
  }
}

describe('provider config fuzz', () => {
  test.prop([config, environment], fuzzParameters(RUNS))(
    'loadProvider: a provider or a ValidationError that shows no secret, within the hang limit',
    (input, { env, secrets }) => {
      const outcome = timed(() => loadProvider(input, definitions, { env }));
      expectSafeOutcome(outcome, secrets);
      if (outcome.ok) expect(['fake', 'other-fake']).toContain(outcome.value.id);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([config, environment], fuzzParameters(RUNS))(
    'resolveProviderConfig: options or a ValidationError that shows no secret, within the hang limit',
    (input, { env, secrets }) => {
      const outcome = timed(() => resolveProviderConfig(input, definitions, { env }));
      expectSafeOutcome(outcome, secrets);
      if (outcome.ok) expect(definitions).toContain(outcome.value.definition);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [
      fc.oneof(configTree, fieldValue, cyclicConfig, deepConfig),
      environment,
      fc.array(fc.oneof(trickyKey, fc.nat()), { maxLength: 3 }),
    ],
    fuzzParameters(RUNS),
  )(
    'resolveEnvReferences: the resolved copy or a ValidationError that shows no secret',
    (value, { env, secrets }, path) => {
      const outcome = timed(() => resolveEnvReferences(value, path, env, 'fake'));
      expectSafeOutcome(outcome, secrets);
      // Deep values stay inside the reference's recursion: the builders nest at most a few thousand
      // levels, but a value deeper than MAX_CONFIG_DEPTH fails within its first 65 levels.
      const expected = referenceResolve(value, env);
      expect(outcome.ok).toBe(expected.ok);
      if (outcome.ok && expected.ok) expectSameValue(outcome.value, expected.value);
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [
      fc.dictionary(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...KNOWN_NAMES) },
          { weight: 1, arbitrary: fc.string() },
        ),
        fc.oneof(secret, publicValue, envReference, fc.constant(undefined)),
        { maxKeys: 8 },
      ),
    ],
    fuzzParameters(RUNS),
  )(
    'configFromEnv + loadProvider: a provider or a ValidationError that shows no secret value',
    (env) => {
      // Every value long enough not to be in an error text by chance is treated as a secret, the
      // provider selector's too (a misplaced secret may be there).
      const secrets = Object.values(env).filter(
        (value): value is string => typeof value === 'string' && value.length >= 12,
      );
      const built = timed(() => configFromEnv(env, definitions));
      expect(built.ok, 'configFromEnv never throws').toBe(true);
      expect(built.ms, 'hang detector').toBeLessThan(HANG_LIMIT_MS);
      if (!built.ok) return;
      const selected = env[PROVIDER_ENV_VARIABLE]?.trim();
      if (selected) expect(built.value.provider).toBe(selected);
      const outcome = timed(() => loadProvider(built.value, definitions, { env }));
      expectSafeOutcome(outcome, secrets);
      if (outcome.ok) expect(typeof optionsOf(outcome.value)).toBe('object');
    },
    fuzzTimeoutMs(RUNS),
  );
});
