import type { z } from 'zod/mini';
import type { SafeParsable } from '../errors/from-zod.js';
import type { MessagingProvider } from './messaging-provider.js';

/** One environment variable a provider reads in `configFromEnv`. */
export interface EnvVariable {
  name: string;
  /** The config field it fills, e.g. `apiKey`. */
  field: string;
  description: string;
  secret?: boolean;
}

/**
 * How to build a provider from configuration. `loadProvider` and `configFromEnv` work with any
 * list of definitions, so core never imports a provider.
 */
export interface ProviderDefinition<Schema extends SafeParsable = SafeParsable> {
  /** Also the key of this provider's section in a config file, e.g. `whatsapp-cloud`. */
  readonly id: string;
  /** Validates this provider's config section (after `env:` references are resolved). */
  readonly configSchema: Schema;
  /** The environment variables `configFromEnv` reads, documented for users. */
  readonly env: readonly EnvVariable[];
  /** Dotted paths of fields that hold secrets; never echoed in errors or logs. */
  readonly secretFields: readonly string[];
  /**
   * Builds this provider's config section from environment variables, or `undefined` when none of
   * its variables is set.
   */
  fromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> | undefined;
  create(config: z.output<Schema>): MessagingProvider;
}
