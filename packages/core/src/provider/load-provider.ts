import { z } from 'zod';
import { ValidationError } from '../errors/errors.js';
import { parseOrThrow } from '../errors/from-zod.js';
import type { MessagingProvider } from './messaging-provider.js';
import type { ProviderDefinition } from './provider-definition.js';

/** The environment `env:NAME` references are resolved from. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Options of {@link loadProvider}. */
export interface LoadProviderOptions {
  /** Where `"env:NAME"` values come from; `process.env` by default. */
  env?: Environment;
}

/** A validated provider configuration, before the provider is created. */
export interface ResolvedProviderConfig<D extends ProviderDefinition = ProviderDefinition> {
  definition: D;
  /** The provider's section, `env:` references resolved and validated by its `configSchema`. */
  options: z.output<D['configSchema']>;
}

const ENV_REFERENCE = /^env:(.*)$/s;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const rootSchema = z.looseObject({ provider: z.string().min(1) });

/**
 * Validates a configuration and resolves its `"env:NAME"` values, without creating the provider.
 * Useful when an app needs to adjust options (say, `baseUrl`) before {@link ProviderDefinition.create}.
 *
 * @throws {ValidationError} naming the offending field: unknown provider, missing section, missing
 *   environment variable, or a field the provider's schema rejects. Values are never echoed.
 */
export function resolveProviderConfig<D extends ProviderDefinition>(
  config: unknown,
  definitions: readonly D[],
  options: LoadProviderOptions = {},
): ResolvedProviderConfig<D> {
  const known = definitions.map((definition) => definition.id);
  if (
    typeof config === 'object' &&
    config !== null &&
    !('provider' in config && (config as { provider: unknown }).provider)
  ) {
    throw new ValidationError(
      `No provider selected: set "provider" in the config (or SWITCHBOARD_PROVIDER in the environment) to one of ${known.map((id) => `"${id}"`).join(', ')}`,
      { issues: [{ path: 'provider', message: `expected one of ${known.join(', ')}` }] },
    );
  }
  const root = parseOrThrow(rootSchema, config, {
    what: `config (expected { "provider": ${known.map((id) => `"${id}"`).join(' | ')}, … })`,
  });
  const definition = definitions.find((candidate) => candidate.id === root.provider);
  if (definition === undefined) {
    throw new ValidationError(
      `Unknown provider "${root.provider}" in config field provider: expected one of ${known.map((id) => `"${id}"`).join(', ')}`,
      { issues: [{ path: 'provider', message: `expected one of ${known.join(', ')}` }] },
    );
  }
  const section = root[definition.id];
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    throw new ValidationError(
      `Missing config section "${definition.id}" for provider "${definition.id}": add { "${definition.id}": { … } } to the config`,
      {
        issues: [{ path: definition.id, message: 'section is missing or not an object' }],
        provider: definition.id,
      },
    );
  }
  const env = options.env ?? process.env;
  const resolved = resolveEnvReferences(section, [definition.id], env, definition.id);
  const parsed = parseOrThrow(definition.configSchema, resolved, {
    what: `config for provider "${definition.id}"`,
    provider: definition.id,
    pathPrefix: [definition.id],
  });
  return { definition, options: parsed as z.output<D['configSchema']> };
}

/**
 * Creates the provider a configuration selects. The config names the provider and holds one
 * section per provider id, so one file can switch between providers:
 *
 * @example
 * ```ts
 * const provider = loadProvider(
 *   { provider: 'wati', wati: { transport: 'direct', baseUrl: 'https://live-mt-server.wati.io/123', token: 'env:WATI_API_TOKEN' } },
 *   [whatsappCloud, wati],
 * );
 * ```
 * @throws {ValidationError} naming the offending field; see {@link resolveProviderConfig}.
 */
export function loadProvider(
  config: unknown,
  definitions: readonly ProviderDefinition[],
  options: LoadProviderOptions = {},
): MessagingProvider {
  const { definition, options: providerOptions } = resolveProviderConfig(config, definitions, options);
  return definition.create(providerOptions);
}

/** Replaces every `"env:NAME"` string with the variable's value, throwing for unset ones. */
export function resolveEnvReferences(
  value: unknown,
  path: readonly (string | number)[],
  env: Environment,
  provider?: string,
): unknown {
  if (typeof value === 'string') {
    const match = ENV_REFERENCE.exec(value);
    if (match === null) return value;
    const name = match[1] as string;
    const field = path.join('.');
    if (!ENV_NAME.test(name)) {
      throw new ValidationError(
        `Config field ${field} has an invalid environment reference: write "env:NAME" with NAME made of letters, digits and _`,
        {
          issues: [{ path: field, message: 'invalid environment variable name' }],
          ...(provider === undefined ? {} : { provider }),
        },
      );
    }
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      throw new ValidationError(
        `Config field ${field} refers to environment variable ${name}, which is not set: export ${name}=… or put the value in the config`,
        {
          issues: [{ path: field, message: `environment variable ${name} is not set` }],
          ...(provider === undefined ? {} : { provider }),
        },
      );
    }
    return resolved;
  }
  if (Array.isArray(value))
    return value.map((item, index) => resolveEnvReferences(item, [...path, index], env, provider));
  // Plain objects, including prototype-less ones (`Object.create(null)`, as some config parsers build).
  if (typeof value === 'object' && value !== null && isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        resolveEnvReferences(item, [...path, key], env, provider),
      ]),
    );
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
