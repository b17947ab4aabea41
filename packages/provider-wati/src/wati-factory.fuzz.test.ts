// Property fuzzing of the WATI factories (issues #8.3 and #17): createWati with arbitrary options
// and environments, and the `wati` definition through core's loadProvider, configFromEnv and its
// own configSchema + create. Only typed errors, and no secret in any of them. Run counts:
// FUZZ_RUNS and FUZZ_SEED (see @switchboard/provider-test-kit, tests/provider-kit/src/fuzz-runs.ts).
import { fc, test } from '@fast-check/vitest';
import {
  configFromEnv,
  loadProvider,
  type MessagingProvider,
  PROVIDER_ENV_VARIABLE,
  UnsupportedFeatureError,
} from '@switchboard/core';
import { createMatonGateway } from '@switchboard/maton';
import {
  anyValue,
  attempt,
  expectNoHang,
  expectTypedError,
  fuzzParameters,
  fuzzTimeoutMs,
  mutate,
  mutationOf,
  type Outcome,
  trickyString,
} from '@switchboard/provider-test-kit';
import { describe, expect } from 'vitest';
import { wati } from './wati-definition.js';
import type { WatiOptions } from './wati-options.js';
import { createWati } from './wati-provider.js';

const RUNS = 300;

/** A secret: 12+ characters with a marker, so no error text contains it by chance. */
const secret: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 6 }),
    fc.stringMatching(/^[A-Za-z0-9._~+/=-]{4,24}$/),
    fc.oneof(fc.constant(''), fc.string({ unit: 'binary', maxLength: 4 })),
  )
  .map(([before, middle, after]) => `${before}wati-fuzz-secret-${middle}${after}`);

/** Everything a secret may be written as: itself, or pasted with a `Bearer ` prefix. */
const secretField = fc.oneof(
  { weight: 4, arbitrary: secret },
  { weight: 1, arbitrary: secret.map((value) => `Bearer ${value}`) },
);

/**
 * The secrets a value holds: in every string containing the marker, the part from the marker on
 * (what survives trimming and a removed `Bearer ` prefix; 21+ characters).
 */
function secretsIn(...values: unknown[]): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [...values];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      const at = item.indexOf('wati-fuzz-secret-');
      if (at !== -1) found.add(item.slice(at).trimEnd());
    } else if (typeof item === 'object' && item !== null && !seen.has(item)) {
      seen.add(item);
      stack.push(...Object.values(item));
    }
  }
  return [...found];
}

const baseUrl = fc.oneof(
  fc.constantFrom(
    'https://live-mt-server.wati.io/123456',
    'http://127.0.0.1:9/123456',
    'https://eu.wati.io/1/',
  ),
  fc.webUrl(),
  trickyString,
  fc.constantFrom(
    '',
    ' ',
    'ftp://x',
    'https://',
    'https://user:pass@host/x',
    'javascript:alert(1)',
    '//host/path',
  ),
);

/** Gateways: Maton's, one that relays nothing, and look-alikes that are not gateways. */
const gateway = fc.oneof(
  fc
    .record(
      { apiKey: secret, connectionId: fc.option(fc.uuid(), { nil: undefined }) },
      { requiredKeys: ['apiKey'] },
    )
    .map((options) => createMatonGateway(options)),
  fc.constant({
    id: 'nowhere',
    secrets: [],
    baseUrl: (api: string) => {
      throw new UnsupportedFeatureError(`The nowhere gateway does not relay "${api}"`, {
        provider: 'nowhere',
        capability: api,
      });
    },
    headers: () => ({}),
    mapError: () => undefined,
    upstreamCredentialHint: () => undefined,
  }),
  fc.record({ id: fc.string(), baseUrl: anyValue, secrets: anyValue }),
);

const ENV_NAMES = [
  'WATI_API_TOKEN',
  'WATI_API_URL',
  'WATI_TRANSPORT',
  'WATI_TEMPLATE_API',
  'WATI_API',
  'WATI_PLAN',
  'WATI_WEBHOOK_SECRET',
  'MATON_API_KEY',
  'MATON_CONNECTION_ID',
  PROVIDER_ENV_VARIABLE,
];
const SECRET_VARIABLES = new Set(['WATI_API_TOKEN', 'MATON_API_KEY', 'WATI_WEBHOOK_SECRET']);

/** An environment: secret variables hold secrets, the others plausible or odd values. */
const environment: fc.Arbitrary<Record<string, string | undefined>> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ENV_NAMES) },
      { weight: 1, arbitrary: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/) },
    ),
    { maxLength: 7 },
  )
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        (SECRET_VARIABLES.has(name)
          ? fc.oneof(
              { weight: 5, arbitrary: secretField },
              { weight: 1, arbitrary: fc.constantFrom('', ' ') },
            )
          : name === 'WATI_API_URL'
            ? baseUrl
            : fc.oneof(
                fc.constantFrom(
                  'direct',
                  'maton',
                  'wati',
                  'whatsapp-cloud',
                  'v1',
                  'v2',
                  'pro',
                  'GROWTH',
                  'business',
                  '',
                ),
                trickyString,
              )
        ).map((value) => [name, value] as const),
      ),
    ),
  )
  .map((entries) => Object.fromEntries(entries));

/** Each option as a caller would write it. */
const validFields = {
  transport: fc.constantFrom('direct', 'maton'),
  token: secretField,
  apiKey: secretField,
  baseUrl: fc.constantFrom(
    'https://live-mt-server.wati.io/123456',
    'http://127.0.0.1:9/123456',
    'https://eu.wati.io/1/',
  ),
  connectionId: fc.uuid(),
  templateApi: fc.constantFrom('v1', 'v2'),
  api: fc.constantFrom('legacy', 'v3'),
  plan: fc.constantFrom('growth', 'pro', 'business'),
  sessionTextEncoding: fc.constantFrom('form', 'query', 'both'),
  templateCacheTtlMs: fc.nat(3_600_000),
  webhookSecret: fc.record(
    {
      value: secret,
      header: fc.constantFrom('x-secret', 'X-Switchboard-Webhook-Secret'),
      pathSegment: fc.boolean(),
    },
    { requiredKeys: ['value'] },
  ),
  retry: fc.oneof(
    fc.constant(false),
    fc.record({ maxRetries: fc.nat(5), retryAmbiguous: fc.boolean() }, { requiredKeys: [] }),
  ),
  rateLimit: fc.oneof(fc.constant(false), fc.record({ requestsPerSecond: fc.integer({ min: 1, max: 100 }) })),
  timeoutMs: fc.integer({ min: 1, max: 60_000 }),
};
type Field = keyof typeof validFields;
const FIELDS = Object.keys(validFields) as Field[];

/** Each option written wrong: another type, out of range, blank, or anything at all. */
const oddFields: Record<Field, fc.Arbitrary<unknown>> = {
  transport: fc.oneof(fc.constantFrom('DIRECT', 'gateway', ''), trickyString),
  token: fc.constantFrom('', ' ', 'Bearer ', 'Bearer  '),
  apiKey: fc.constantFrom('', ' ', 'Bearer '),
  baseUrl: fc.oneof(
    fc.webUrl(),
    trickyString,
    fc.constantFrom(
      '',
      ' ',
      'ftp://x',
      'https://',
      'https://user:pass@host/x',
      'javascript:alert(1)',
      '//host/path',
    ),
  ),
  connectionId: fc.oneof(fc.constant(''), trickyString),
  templateApi: trickyString,
  api: trickyString,
  plan: trickyString,
  sessionTextEncoding: trickyString,
  templateCacheTtlMs: fc.oneof(fc.double(), fc.integer({ min: -10, max: -1 }), fc.constant(2 ** 53)),
  webhookSecret: fc.oneof(
    secret,
    fc.record(
      {
        value: fc.constantFrom('', ' '),
        header: fc.oneof(trickyString, fc.constant('bad header')),
        pathSegment: anyValue,
      },
      { requiredKeys: [] },
    ),
  ),
  retry: fc.oneof(
    fc.constant(true),
    fc.record(
      { maxRetries: fc.oneof(fc.integer({ min: -3, max: -1 }), fc.double()), baseDelayMs: fc.double() },
      { requiredKeys: [] },
    ),
  ),
  rateLimit: fc.oneof(
    fc.constant(true),
    fc.record(
      { requestsPerSecond: fc.oneof(fc.constant(0), fc.double()), burst: fc.double() },
      { requiredKeys: [] },
    ),
  ),
  timeoutMs: fc.oneof(fc.double(), fc.constantFrom(0, -1, 2 ** 31, Number.POSITIVE_INFINITY)),
};

/** The fields each way of connecting needs. */
const MODES = {
  direct: ['transport', 'token', 'baseUrl'],
  maton: ['transport', 'apiKey'],
  gateway: [],
} as const;
/** The fields a gateway replaces. */
const REPLACED_BY_GATEWAY = new Set<string>(['transport', 'token', 'apiKey', 'connectionId']);

/**
 * Options that are mostly valid: the fields of one way of connecting (direct, Maton or a gateway),
 * some optional ones, then up to three fields made odd or anything, and sometimes stray keys.
 */
const optionRecord = (
  fields: Record<Field, fc.Arbitrary<unknown>>,
  extra: Record<string, fc.Arbitrary<unknown>> = {},
) =>
  fc
    .tuple(
      fc.constantFrom(
        ...(Object.keys(MODES) as (keyof typeof MODES)[]).filter(
          (mode) => mode !== 'gateway' || 'gateway' in extra,
        ),
      ),
      fc.record({ ...fields, ...extra }, { requiredKeys: [] }),
      fc.record({ ...fields, ...extra }),
      fc
        .array(fc.constantFrom(...FIELDS), { maxLength: 3 })
        .chain((picked) =>
          fc.tuple(
            ...picked.map((field) =>
              fc
                .oneof({ weight: 3, arbitrary: oddFields[field] }, { weight: 1, arbitrary: anyValue })
                .map((value) => [field, value] as const),
            ),
          ),
        ),
      fc.oneof(
        { weight: 5, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc.dictionary(fc.oneof(trickyString, fc.string()), anyValue, { maxKeys: 2 }),
        },
      ),
    )
    .map(([mode, optional, complete, broken, stray]) => {
      const full = complete as Record<string, unknown>;
      const value: Record<string, unknown> = Object.assign(Object.create(null), stray, optional);
      if (mode === 'gateway') {
        for (const field of REPLACED_BY_GATEWAY) delete value[field];
        value.gateway = full.gateway;
      } else {
        delete value.gateway;
        for (const field of MODES[mode]) value[field] = full[field];
        value.transport = mode;
      }
      for (const [field, odd] of broken) value[field] = odd;
      return value;
    });

/** Options of createWati as a caller writes them, `env` always given (never the machine's). */
const options: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 10,
    arbitrary: optionRecord(validFields, {
      gateway,
      dispatcher: fc.oneof(fc.constant({}), anyValue),
      hooks: fc.oneof(fc.constant({}), anyValue),
    }).chain((value) =>
      fc
        .oneof({ weight: 6, arbitrary: environment }, { weight: 1, arbitrary: anyValue })
        .map((env) => ({ ...value, env })),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.record({
          transport: fc.constantFrom('direct', 'maton'),
          token: secret,
          apiKey: secret,
          baseUrl: fc.constant('https://live-mt-server.wati.io/1'),
          webhookSecret: secret.map((value) => ({ value })),
        }),
        fc.array(mutationOf(FIELDS), { minLength: 1, maxLength: 3 }),
      )
      .map(([valid, mutations]) => {
        const value = mutate(valid, mutations);
        return typeof value === 'object' && value !== null && !Array.isArray(value)
          ? { ...value, env: {} }
          : value;
      }),
  },
  { weight: 1, arbitrary: anyValue },
);

/** Within the hang limit, and either a provider or a typed error that shows none of `secrets`. */
async function expectSafe(outcome: Outcome<MessagingProvider>, secrets: string[]): Promise<void> {
  expectNoHang(outcome, 'the factory');
  if (!outcome.ok) {
    expectTypedError(outcome.error, ['ValidationError', 'UnsupportedFeatureError'], secrets);
    return;
  }
  expect(outcome.value.id).toBe('wati');
  await outcome.value.close();
}

describe('WATI factory fuzz', () => {
  test.prop([options], fuzzParameters(RUNS))(
    'createWati: a provider or a ValidationError / UnsupportedFeatureError that shows no secret',
    async (input) => {
      await expectSafe(
        attempt(() => createWati(input as WatiOptions)),
        secretsIn(input),
      );
    },
    fuzzTimeoutMs(RUNS),
  );

  const envReference = fc.constantFrom(...ENV_NAMES, 'UNSET_VARIABLE').map((name) => `env:${name}`);
  /** A `wati` config section: JSON fields only, secrets given or as `env:` references. */
  const section = optionRecord({
    ...validFields,
    token: fc.oneof(validFields.token, envReference),
    apiKey: fc.oneof(validFields.apiKey, envReference),
    baseUrl: fc.oneof(validFields.baseUrl, envReference),
    webhookSecret: fc.oneof(
      validFields.webhookSecret,
      envReference.map((value) => ({ value, pathSegment: true })),
    ),
  });

  test.prop(
    [
      fc.oneof(
        {
          weight: 6,
          arbitrary: fc.record(
            {
              provider: fc.oneof(
                { weight: 5, arbitrary: fc.constant('wati') },
                { weight: 1, arbitrary: trickyString },
              ),
              wati: fc.oneof({ weight: 6, arbitrary: section }, { weight: 1, arbitrary: anyValue }),
            },
            { requiredKeys: ['provider'] },
          ),
        },
        { weight: 1, arbitrary: anyValue },
      ),
      environment,
    ],
    fuzzParameters(RUNS),
  )(
    'loadProvider(config, [wati]): a provider or a ValidationError that shows no secret, the env: ones included',
    async (config, env) => {
      await expectSafe(
        attempt(() => loadProvider(config, [wati], { env })),
        secretsIn(config, env),
      );
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop([environment], fuzzParameters(RUNS))(
    'configFromEnv + loadProvider: a provider or a ValidationError that shows no secret value',
    async (env) => {
      const built = attempt(() => configFromEnv(env, [wati]));
      expectNoHang(built, 'configFromEnv');
      if (!built.ok) throw built.error;
      await expectSafe(
        attempt(() => loadProvider(built.value, [wati], { env })),
        secretsIn(env),
      );
    },
    fuzzTimeoutMs(RUNS),
  );

  test.prop(
    [fc.oneof({ weight: 6, arbitrary: section }, { weight: 1, arbitrary: anyValue })],
    fuzzParameters(RUNS),
  )(
    'wati.configSchema + wati.create: every section the schema accepts creates a provider',
    async (input) => {
      const parsed = attempt(() => wati.configSchema.safeParse(input));
      expectNoHang(parsed, 'configSchema.safeParse');
      if (!parsed.ok) throw parsed.error;
      const result = parsed.value;
      if (!result.success) return;
      const created = attempt(() => wati.create(result.data));
      if (!created.ok) throw created.error;
      await expectSafe(created, secretsIn(input));
    },
    fuzzTimeoutMs(RUNS),
  );
});
