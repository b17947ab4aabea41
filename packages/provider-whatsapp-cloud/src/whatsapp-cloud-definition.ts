import { type EnvVariable, PROVIDER_ENV_VARIABLE, type ProviderDefinition, readEnv } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import {
  addCredentialIssues,
  CHECK_ALWAYS,
  WHATSAPP_CLOUD_PROVIDER_ID,
  whatsappCloudJsonOptionsShape,
} from './whatsapp-cloud-options.js';
import { createWhatsAppCloud } from './whatsapp-cloud-provider.js';

/**
 * The `whatsapp-cloud` section of a Switchboard config: the JSON-friendly options of
 * `createWhatsAppCloud` (no dispatcher, hooks or limiter instances). `"env:NAME"` values are
 * resolved by `loadProvider` before validation.
 */
export const whatsappCloudConfigSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject(whatsappCloudJsonOptionsShape).check(z.superRefine(addCredentialIssues, CHECK_ALWAYS)),
);

/** The environment variables `configFromEnv` reads for WhatsApp Cloud. */
export const WHATSAPP_CLOUD_ENV: readonly EnvVariable[] = [
  { name: 'MATON_API_KEY', field: 'apiKey', description: 'Maton API key (transport maton)', secret: true },
  {
    name: 'WHATSAPP_ACCESS_TOKEN',
    field: 'accessToken',
    description: 'Meta access token, ideally a System User token (transport direct)',
    secret: true,
  },
  {
    name: 'WHATSAPP_PHONE_NUMBER_ID',
    field: 'phoneNumberId',
    description: 'Phone number ID of the business number',
  },
  {
    name: 'WHATSAPP_BUSINESS_ACCOUNT_ID',
    field: 'businessAccountId',
    description: 'WhatsApp Business Account id (templates, listing numbers)',
  },
  {
    name: 'WHATSAPP_APP_SECRET',
    field: 'appSecret',
    description: 'Meta app secret (webhook signatures)',
    secret: true,
  },
  { name: 'WHATSAPP_VERIFY_TOKEN', field: 'verifyToken', description: 'Webhook verify token', secret: true },
  { name: 'WHATSAPP_API_VERSION', field: 'apiVersion', description: 'Graph API version, default v21.0' },
  {
    name: 'WHATSAPP_TRANSPORT',
    field: 'transport',
    description:
      'maton or direct; default maton when MATON_API_KEY is set without WHATSAPP_ACCESS_TOKEN, else direct',
  },
  {
    name: 'MATON_CONNECTION_ID',
    field: 'connectionId',
    description: 'Maton connection to use (transport maton)',
  },
  {
    name: 'WHATSAPP_BASE_URL',
    field: 'baseUrl',
    description: 'Replaces the API base URL (proxies, emulators)',
  },
];

/** Only these mean "WhatsApp Cloud is configured": MATON_API_KEY and MATON_CONNECTION_ID are shared with WATI over Maton. */
const OWN_VARIABLES = WHATSAPP_CLOUD_ENV.map((variable) => variable.name).filter((name) =>
  name.startsWith('WHATSAPP_'),
);

/**
 * Builds the `whatsapp-cloud` config section from the environment, or `undefined` when no
 * `WHATSAPP_*` variable is set (and `SWITCHBOARD_PROVIDER` does not name `whatsapp-cloud`). The transport is `WHATSAPP_TRANSPORT` when set, else `maton` when
 * `MATON_API_KEY` is set without `WHATSAPP_ACCESS_TOKEN`, else `direct`; only the chosen
 * transport's credential (and, for Maton, the connection) is taken.
 */
export function whatsappCloudConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> | undefined {
  const selected = readEnv(env, PROVIDER_ENV_VARIABLE) === WHATSAPP_CLOUD_PROVIDER_ID;
  if (!selected && !OWN_VARIABLES.some((name) => readEnv(env, name) !== undefined)) return undefined;
  const apiKey = readEnv(env, 'MATON_API_KEY');
  const accessToken = readEnv(env, 'WHATSAPP_ACCESS_TOKEN');
  const transport =
    readEnv(env, 'WHATSAPP_TRANSPORT')?.toLowerCase() ??
    (apiKey !== undefined && accessToken === undefined ? 'maton' : 'direct');
  const section: Record<string, unknown> = { transport };
  const take = (field: string, name: string) => {
    const value = readEnv(env, name);
    if (value !== undefined) section[field] = value;
  };
  if (transport === 'maton') {
    take('apiKey', 'MATON_API_KEY');
    take('connectionId', 'MATON_CONNECTION_ID');
  } else {
    take('accessToken', 'WHATSAPP_ACCESS_TOKEN');
  }
  take('phoneNumberId', 'WHATSAPP_PHONE_NUMBER_ID');
  take('businessAccountId', 'WHATSAPP_BUSINESS_ACCOUNT_ID');
  take('appSecret', 'WHATSAPP_APP_SECRET');
  take('verifyToken', 'WHATSAPP_VERIFY_TOKEN');
  take('apiVersion', 'WHATSAPP_API_VERSION');
  take('baseUrl', 'WHATSAPP_BASE_URL');
  return section;
}

/**
 * The WhatsApp Cloud {@link ProviderDefinition}, for `loadProvider` and `configFromEnv`.
 *
 * @example
 * ```ts
 * import { configFromEnv, loadProvider } from '@switchboard/core';
 * import { whatsappCloud } from '@switchboard/provider-whatsapp-cloud';
 * import { wati } from '@switchboard/provider-wati';
 *
 * const provider = loadProvider(configFromEnv(process.env, [whatsappCloud, wati]), [whatsappCloud, wati]);
 * // or from a file: { "provider": "whatsapp-cloud", "whatsapp-cloud": { "transport": "direct",
 * //   "accessToken": "env:WHATSAPP_ACCESS_TOKEN", "phoneNumberId": "106540352242922" } }
 * ```
 */
export const whatsappCloud: ProviderDefinition<typeof whatsappCloudConfigSchema> = {
  id: WHATSAPP_CLOUD_PROVIDER_ID,
  configSchema: whatsappCloudConfigSchema,
  env: WHATSAPP_CLOUD_ENV,
  secretFields: ['apiKey', 'accessToken', 'appSecret', 'verifyToken'],
  fromEnv: whatsappCloudConfigFromEnv,
  // A config is complete: loadProvider resolved its "env:NAME" values (from its own `env`) and
  // configFromEnv read the variables, so the factory reads no environment variable again.
  create: (config) => createWhatsAppCloud({ ...config, env: {} }),
};
