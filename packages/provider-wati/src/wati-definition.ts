import { type EnvVariable, PROVIDER_ENV_VARIABLE, type ProviderDefinition, readEnv } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { credentialIssues } from './wati-credentials.js';
import { WATI_PROVIDER_ID, watiJsonOptionsShape } from './wati-options.js';
import { createWati } from './wati-provider.js';

/**
 * The `wati` config section: the JSON-friendly subset of `WatiOptions` (no limiter instance,
 * dispatcher or hooks). Credentials are checked per transport, naming their environment variables.
 */
export const watiConfigSchema: z.ZodMiniObject<typeof watiJsonOptionsShape, z.core.$strict> =
  /* @__PURE__ */ lazySchema(() =>
    z.strictObject(watiJsonOptionsShape).check(
      z.superRefine((config, ctx) => {
        for (const issue of credentialIssues(config))
          ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
      }),
    ),
  );

/** A `wati` config section; see {@link watiConfigSchema}. */
export type WatiConfig = z.input<typeof watiConfigSchema>;

/** The environment variables `configFromEnv` reads for WATI. */
export const WATI_ENV: readonly EnvVariable[] = [
  {
    name: PROVIDER_ENV_VARIABLE,
    field: 'provider',
    description: 'Selects the provider: `wati` (or `whatsapp-cloud`).',
  },
  {
    name: 'WATI_TRANSPORT',
    field: 'transport',
    description:
      '`direct` or `maton`. Default: `direct` when WATI_API_URL or WATI_API_TOKEN is set, else `maton`.',
  },
  {
    name: 'WATI_API_URL',
    field: 'baseUrl',
    description:
      "Direct transport: your tenant's API endpoint from WATI → API Docs, e.g. https://live-mt-server.wati.io/123456.",
  },
  {
    name: 'WATI_API_TOKEN',
    field: 'token',
    description: 'Direct transport: the WATI API token (a pasted `Bearer ` prefix is removed).',
    secret: true,
  },
  {
    name: 'MATON_API_KEY',
    field: 'apiKey',
    description: 'Maton transport: your Maton API key (maton.ai/settings).',
    secret: true,
  },
  {
    name: 'MATON_CONNECTION_ID',
    field: 'connectionId',
    description: 'Maton transport: the WATI connection to use when you have several.',
  },
  {
    name: 'WATI_TEMPLATE_API',
    field: 'templateApi',
    description: 'Template send API: `v2` (default, returns message ids) or `v1`.',
  },
  {
    name: 'WATI_API',
    field: 'api',
    description:
      "Which WATI API to call: `legacy` (default: v1/v2 under the tenant URL) or `v3` (`/api/ext/v3`, WATI's recommended API; legacy endpoints kept for what V3 lacks).",
  },
  {
    name: 'WATI_PLAN',
    field: 'plan',
    description:
      'Your WATI plan for the default template-send rate limit: `growth` (default), `pro` or `business`.',
  },
  {
    name: 'WATI_WEBHOOK_SECRET',
    field: 'webhookSecret.value',
    description:
      'Shared secret every webhook delivery must carry, in the x-switchboard-webhook-secret header or as the last segment of the webhook URL path.',
    secret: true,
  },
];

const WATI_VARIABLES = [
  'WATI_TRANSPORT',
  'WATI_API_URL',
  'WATI_API_TOKEN',
  'WATI_TEMPLATE_API',
  'WATI_API',
  'WATI_PLAN',
  'WATI_WEBHOOK_SECRET',
];

/**
 * The `wati` section from environment variables, or `undefined` when no `WATI_*` variable is set
 * and `SWITCHBOARD_PROVIDER` is not `wati` (`MATON_*` alone may belong to the WhatsApp provider).
 */
function watiFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> | undefined {
  const selected = readEnv(env, PROVIDER_ENV_VARIABLE) === WATI_PROVIDER_ID;
  if (!selected && !WATI_VARIABLES.some((name) => readEnv(env, name) !== undefined)) return undefined;
  const direct = readEnv(env, 'WATI_API_URL') !== undefined || readEnv(env, 'WATI_API_TOKEN') !== undefined;
  const transport = readEnv(env, 'WATI_TRANSPORT')?.toLowerCase() ?? (direct ? 'direct' : 'maton');
  const fields: Record<string, string | undefined> =
    transport === 'maton'
      ? { apiKey: readEnv(env, 'MATON_API_KEY'), connectionId: readEnv(env, 'MATON_CONNECTION_ID') }
      : { baseUrl: readEnv(env, 'WATI_API_URL'), token: readEnv(env, 'WATI_API_TOKEN') };
  fields.templateApi = readEnv(env, 'WATI_TEMPLATE_API')?.toLowerCase();
  fields.plan = readEnv(env, 'WATI_PLAN')?.toLowerCase();
  fields.api = readEnv(env, 'WATI_API')?.toLowerCase();
  const section: Record<string, unknown> = { transport };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) section[key] = value;
  const secret = readEnv(env, 'WATI_WEBHOOK_SECRET');
  // WATI cannot send custom headers, so from the environment the secret is accepted in the URL path too.
  if (secret !== undefined) section.webhookSecret = { value: secret, pathSegment: true };
  return section;
}

/**
 * The WATI {@link ProviderDefinition}, for `loadProvider` and `configFromEnv`.
 *
 * @example
 * ```ts
 * import { configFromEnv, loadProvider } from '@switchboard/core';
 * import { wati } from '@switchboard/provider-wati';
 *
 * const provider = loadProvider(configFromEnv(process.env, [wati]), [wati]);
 * const same = loadProvider({ provider: 'wati', wati: { transport: 'maton', apiKey: 'env:MATON_API_KEY' } }, [wati]);
 * ```
 */
export const wati: ProviderDefinition<typeof watiConfigSchema> = {
  id: WATI_PROVIDER_ID,
  configSchema: watiConfigSchema,
  env: WATI_ENV,
  secretFields: ['apiKey', 'token', 'webhookSecret.value'],
  fromEnv: watiFromEnv,
  // A config section is complete (its `env:` references already resolved): the factory's own
  // environment fallbacks do not apply, so a config never picks up a variable it does not name.
  create: (config) => createWati({ ...config, env: {} }),
};
