import { ValidationError } from '../errors/errors.js';
import { formatPath, parseOrThrow } from '../errors/from-zod.js';
import { arrayEntries, foldTree, isPlainObject, type TreeKey } from '../internal/fold-tree.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
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

/**
 * How deeply a provider's config section may nest objects and arrays. Real configs are a few levels
 * deep; the bound gives a runaway (generated) config a clear error instead of costing stack or time
 * in whatever reads the options after loading.
 */
export const MAX_CONFIG_DEPTH = 64;

const rootSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ provider: z.string().check(z.minLength(1)) }),
);

/**
 * Validates a configuration and resolves its `"env:NAME"` values, without creating the provider.
 * Useful when an app needs to adjust options (say, `baseUrl`) before {@link ProviderDefinition.create}.
 *
 * @throws {ValidationError} naming the offending field: unknown provider, missing section, missing
 *   environment variable, a section nested deeper than {@link MAX_CONFIG_DEPTH}, or a field the
 *   provider's schema rejects. Values are never echoed.
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
      // The value itself is not repeated: configs hold secrets, and a misplaced one may be here.
      `Unknown provider in config field provider: expected one of ${known.map((id) => `"${id}"`).join(', ')}`,
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

/**
 * Replaces every `"env:NAME"` string with the variable's value, in a copy of `value`. Iterative and
 * linear in the number of distinct objects of `value`: a part shared by several parents is resolved
 * once (its first path names it in errors, and the nesting limit counts the path it was first met on).
 *
 * @throws {ValidationError} naming the field (prefixed with `path`) of an unset variable, an invalid
 *   reference, a value nested deeper than {@link MAX_CONFIG_DEPTH} or one that contains itself.
 */
export function resolveEnvReferences(
  value: unknown,
  path: readonly (string | number)[],
  env: Environment,
  provider?: string,
): unknown {
  const fail: Fail = (at, message, issue) => {
    const field = formatPath([...path, ...at]);
    throw new ValidationError(message(field), {
      issues: [{ path: field, message: issue }],
      ...(provider === undefined ? {} : { provider }),
    });
  };
  return foldTree<unknown>(value, {
    visit(item, at) {
      if (typeof item === 'string') return { leaf: resolveReference(item, env, at.path, fail) };
      // Plain objects, including prototype-less ones (`Object.create(null)`, as some config parsers build).
      const entries = Array.isArray(item)
        ? arrayEntries(item)
        : isPlainObject(item)
          ? Object.entries(item)
          : undefined;
      if (entries === undefined) return { leaf: item };
      if (at.depth >= MAX_CONFIG_DEPTH) {
        fail(
          at.path(),
          (field) => `Config field ${field} is nested more than ${MAX_CONFIG_DEPTH} levels deep`,
          `nested more than ${MAX_CONFIG_DEPTH} levels deep`,
        );
      }
      return { branch: item as object, entries };
    },
    join(branch, entries, results) {
      if (Array.isArray(branch)) return results;
      return Object.fromEntries(entries.map(([key], index) => [key, results[index]]));
    },
    cycle: (_branch, at) =>
      fail(
        at.path(),
        (field) => `Config field ${field} contains itself`,
        'refers to an enclosing value (circular)',
      ),
    // A config built in code may share parts (`{ a: retry, b: retry }`): each is resolved once, and
    // stays shared in the copy.
    reuseShared: true,
  });
}

/** Throws the ValidationError of the field at `at`; `message` gets the formatted field path. */
type Fail = (at: readonly TreeKey[], message: (field: string) => string, issue: string) => never;

/** The value of an `"env:NAME"` string, or the string itself when it is not a reference. */
function resolveReference(value: string, env: Environment, path: () => TreeKey[], fail: Fail): string {
  const match = ENV_REFERENCE.exec(value);
  if (match === null) return value;
  const name = match[1] as string;
  if (!ENV_NAME.test(name)) {
    fail(
      path(),
      (field) =>
        `Config field ${field} has an invalid environment reference: write "env:NAME" with NAME made of letters, digits and _`,
      'invalid environment variable name',
    );
  }
  const resolved = env[name];
  if (resolved === undefined || resolved === '') {
    fail(
      path(),
      (field) =>
        `Config field ${field} refers to environment variable ${name}, which is not set: export ${name}=… or put the value in the config`,
      `environment variable ${name} is not set`,
    );
  }
  return resolved as string;
}
