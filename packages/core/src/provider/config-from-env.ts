import type { Environment } from './load-provider.js';
import type { ProviderDefinition } from './provider-definition.js';

/** The variable that selects the provider in {@link configFromEnv}. */
export const PROVIDER_ENV_VARIABLE = 'SWITCHBOARD_PROVIDER';

/** A configuration as {@link loadProvider} takes it. */
export interface SwitchboardConfig {
  provider: string | undefined;
  [providerId: string]: unknown;
}

/**
 * Builds a configuration from environment variables: `SWITCHBOARD_PROVIDER` selects the provider
 * and each definition reads its own variables (listed in its `env`). Without
 * `SWITCHBOARD_PROVIDER`, the provider is the only one whose variables are set; with none or
 * several set, `provider` stays `undefined` and `loadProvider` reports it.
 *
 * @example
 * const provider = loadProvider(configFromEnv(process.env, [whatsappCloud, wati]), [whatsappCloud, wati]);
 */
export function configFromEnv(
  env: Environment,
  definitions: readonly ProviderDefinition[],
): SwitchboardConfig {
  const config: SwitchboardConfig = { provider: undefined };
  const configured: string[] = [];
  for (const definition of definitions) {
    const section = definition.fromEnv(env);
    if (section !== undefined) {
      config[definition.id] = section;
      configured.push(definition.id);
    }
  }
  const selected = env[PROVIDER_ENV_VARIABLE]?.trim();
  if (selected) config.provider = selected;
  else if (configured.length === 1) config.provider = configured[0];
  return config;
}
