import { resolve } from 'node:path';
import {
  configFromEnv,
  type Environment,
  PROVIDER_ENV_VARIABLE,
  parseOrThrow,
  resolveProviderConfig,
  ValidationError,
} from '@switchboard/core';
import { z } from 'zod';
import {
  isProviderId,
  PROVIDER_DEFINITIONS,
  PROVIDER_IDS,
  type ProviderId,
  type TransportId,
} from '../providers.js';
import { accessTokenFrom } from './access-token.js';
import type { AppConfig, ConfigSource, LiveAppConfig, WatiApi } from './app-config.js';
import { findConfigFile } from './find-config-file.js';
import { providerListOf } from './provider-list.js';
import { type QueueConfig, queueConfigFrom } from './queue-config.js';
import { readConfigFile } from './read-config-file.js';
import { configuredProviderVariables, SANDBOX_ENV_VARIABLE, sandboxOverride } from './sandbox-switch.js';

/** The variable naming the config file; `--config` wins over it. */
export const CONFIG_ENV_VARIABLE = 'SWITCHBOARD_CONFIG';

/** Options of {@link loadAppConfig}. */
export interface LoadAppConfigOptions {
  /** Default `process.env`. */
  env?: Environment;
  /** Where `switchboard.config.json` is looked for (then in its parents); default `process.cwd()`. */
  cwd?: string;
  /** An explicit config file (the CLI's `--config`); wins over `SWITCHBOARD_CONFIG`. Relative paths start at `cwd`. */
  configPath?: string;
}

/** The app-level keys of a config file; provider sections are validated by their definitions. */
const configFileSchema = z.looseObject({
  $schema: z.string().optional(),
  provider: z.string().optional(),
  /** `true` runs against the built-in emulators whatever credentials the file holds. */
  sandbox: z.boolean().optional(),
  /** The token the inbox and `/api/*` require; `SWITCHBOARD_ACCESS_TOKEN` wins over it. Checked by `accessTokenFrom`. */
  accessToken: z.string().optional(),
  /** The outbox (`{ redisUrl, queueName? }`); `REDIS_URL` wins over it. Checked by `queueConfigFrom`. */
  queue: z.unknown().optional(),
});

/** Per provider, the variable that picks its transport. */
const TRANSPORT_VARIABLES: Record<ProviderId, string> = {
  'whatsapp-cloud': 'WHATSAPP_TRANSPORT',
  wati: 'WATI_TRANSPORT',
};

/**
 * Decides how the app runs, in this order:
 *
 * 1. A config file (`configPath`, else `SWITCHBOARD_CONFIG`, else `switchboard.config.json` in `cwd`
 *    or a parent): live with its provider section, or sandbox when it says `"sandbox": true`.
 * 2. Else environment variables (`configFromEnv`) when any provider variable is set.
 * 3. Else sandbox mode on the emulators.
 *
 * `SWITCHBOARD_PROVIDER` overrides the file's `provider`, and `SWITCHBOARD_SANDBOX` forces the mode.
 * In every mode, the access token is `SWITCHBOARD_ACCESS_TOKEN`, else the file's `accessToken`, and
 * the outbox is on when `REDIS_URL` is set, else when the file has a `queue` section.
 *
 * @throws {ValidationError} naming the offending field and the fix, never a value.
 */
export async function loadAppConfig(options: LoadAppConfigOptions = {}): Promise<AppConfig> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const forcedSandbox = sandboxOverride(env);
  const explicitPath = options.configPath ?? nonEmpty(env[CONFIG_ENV_VARIABLE]);
  // Absolute, so messages and logs say which file was meant: `pnpm start` at the repository root
  // runs the app in apps/sample, where a relative path may not point where the user thought.
  const path = explicitPath === undefined ? await findConfigFile(cwd) : resolve(cwd, explicitPath);

  if (path !== undefined) {
    const {
      accessToken: fileAccessToken,
      queue: fileQueue,
      ...file
    } = parseOrThrow(configFileSchema, await readConfigFile(path), { what: `config file ${path}` });
    // The settings of the app itself, whatever the mode: its access token and its outbox.
    const appSettings = { ...withAccessToken(env, fileAccessToken), ...withQueue(env, fileQueue) };
    const source: ConfigSource = { kind: 'file', path };
    const { providers: _list, ...rest } = file;
    const providers = providerListOf(file, env);
    const routed = providers === undefined ? {} : { providers };
    const config: Record<string, unknown> & { provider: string | undefined } = {
      ...rest,
      provider: providers?.[0] ?? nonEmpty(env[PROVIDER_ENV_VARIABLE]) ?? file.provider,
    };
    if (forcedSandbox ?? file.sandbox === true) {
      const providerId = sandboxProvider(config.provider ?? 'whatsapp-cloud', 'provider');
      const section = config[providerId];
      const fileTransport =
        typeof section === 'object' && section !== null
          ? (section as { transport?: unknown }).transport
          : undefined;
      const watiSection = config.wati;
      const fileApi =
        typeof watiSection === 'object' && watiSection !== null
          ? (watiSection as { api?: unknown }).api
          : undefined;
      return {
        mode: 'sandbox',
        providerId,
        transport:
          fileTransport === undefined
            ? sandboxTransport(env, providerId)
            : transportOf(fileTransport, `${providerId}.transport`),
        ...sandboxWatiApi(env, fileApi),
        source,
        reason: forcedSandbox === true ? `${SANDBOX_ENV_VARIABLE} is set` : `"sandbox": true in ${path}`,
        ...routed,
        ...appSettings,
      };
    }
    if (providers !== undefined) {
      // One section per provider, each validated by its definition; the primary's is `resolved`.
      const each = providers.map((provider) => live({ ...config, provider }, env, source));
      return {
        ...(each[0] as LiveAppConfig),
        ...routed,
        resolvedProviders: each.map((c) => c.resolved),
        ...appSettings,
      };
    }
    return { ...live(config, env, source), ...appSettings };
  }

  const appSettings = { ...withAccessToken(env), ...withQueue(env) };

  const configured = configuredProviderVariables(env, PROVIDER_DEFINITIONS);
  if (forcedSandbox === false || (forcedSandbox !== true && configured.length > 0)) {
    return { ...live(configFromEnv(env, PROVIDER_DEFINITIONS), env, { kind: 'env' }), ...appSettings };
  }
  const providerId = sandboxProvider(
    nonEmpty(env[PROVIDER_ENV_VARIABLE]) ?? 'whatsapp-cloud',
    PROVIDER_ENV_VARIABLE,
  );
  return {
    mode: 'sandbox',
    providerId,
    transport: sandboxTransport(env, providerId),
    ...sandboxWatiApi(env, undefined),
    source: { kind: 'default' },
    reason:
      forcedSandbox === true
        ? `${SANDBOX_ENV_VARIABLE} is set`
        : 'no config file and no provider credentials in the environment',
    ...appSettings,
  };
}

/** `{ accessToken }` when one is configured, else `{}` (the field stays absent). */
function withAccessToken(env: Environment, fileValue?: string): { accessToken?: string } {
  const accessToken = accessTokenFrom(env, fileValue);
  return accessToken === undefined ? {} : { accessToken };
}

/** `{ queue }` when an outbox is configured, else `{}`. */
function withQueue(env: Environment, fileValue?: unknown): { queue?: QueueConfig } {
  const queue = queueConfigFrom(env, fileValue);
  return queue === undefined ? {} : { queue };
}

function live(config: unknown, env: Environment, source: ConfigSource): LiveAppConfig {
  const resolved = resolveProviderConfig(config, PROVIDER_DEFINITIONS, { env });
  const providerId = resolved.definition.id;
  if (!isProviderId(providerId)) throw new Error(`Unexpected provider id ${providerId}`);
  const transport = transportOf(
    (resolved.options as { transport?: unknown }).transport,
    `${providerId}.transport`,
  );
  return { mode: 'live', providerId, transport, source, resolved };
}

function sandboxProvider(value: string, field: string): ProviderId {
  if (isProviderId(value)) return value;
  throw new ValidationError(
    `Unknown provider in ${field}: expected one of ${PROVIDER_IDS.map((id) => `"${id}"`).join(', ')}`,
    { issues: [{ path: field, message: `expected one of ${PROVIDER_IDS.join(', ')}` }] },
  );
}

function sandboxTransport(env: Environment, providerId: ProviderId): TransportId {
  const variable = TRANSPORT_VARIABLES[providerId];
  const value = nonEmpty(env[variable])?.toLowerCase();
  return value === undefined ? 'direct' : transportOf(value, variable);
}

/** `{ watiApi }` from `WATI_API` (else the file's `wati.api`), `{}` when neither is set. */
function sandboxWatiApi(env: Environment, fileValue: unknown): { watiApi?: WatiApi } {
  const fromEnv = nonEmpty(env.WATI_API)?.toLowerCase();
  const [value, field] = fromEnv === undefined ? [fileValue, 'wati.api'] : [fromEnv, 'WATI_API'];
  if (value === undefined) return {};
  if (value === 'legacy' || value === 'v3') return { watiApi: value };
  throw new ValidationError(`Invalid ${field}: must be "legacy" or "v3"`, {
    issues: [{ path: field, message: 'must be "legacy" or "v3"' }],
  });
}

function transportOf(value: unknown, field: string): TransportId {
  if (value === 'direct' || value === 'maton') return value;
  throw new ValidationError(`Invalid ${field}: must be "direct" or "maton"`, {
    issues: [{ path: field, message: 'must be "direct" or "maton"' }],
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
