import type { ResolvedProviderConfig } from '@switchboard/core';
import { PROVIDER_LABELS, type ProviderId, type TransportId } from '../providers.js';
import { describeRedisUrl, type QueueConfig } from './queue-config.js';

/** Where the configuration came from. */
export type ConfigSource =
  | { kind: 'file'; path: string }
  | { kind: 'env' }
  /** Nothing was configured: sandbox mode with defaults. */
  | { kind: 'default' };

/** WATI's API generations: v1/v2 (`legacy`) or V3. */
export type WatiApi = 'legacy' | 'v3';

/** Run against the built-in emulators; nothing leaves the machine. */
export interface SandboxAppConfig {
  mode: 'sandbox';
  providerId: ProviderId;
  transport: TransportId;
  source: ConfigSource;
  /**
   * Set when the config file lists `"providers"`: the app sends through core's router, in this
   * order of priority; `providerId` is the first (the primary).
   */
  providers?: readonly ProviderId[];
  /** Why the app runs in sandbox mode, for the start-up log. */
  reason: string;
  /** Which WATI API the WATI sandbox speaks (`WATI_API`, or the file's `wati.api`); `legacy` when unset. */
  watiApi?: WatiApi;
  /**
   * The token the inbox and `/api/*` require (`SWITCHBOARD_ACCESS_TOKEN`, else the file's
   * `accessToken`); unset, they are open to whoever reaches the server. A secret: never log it.
   */
  accessToken?: string;
  /** Set when `REDIS_URL` (or the file's `queue`) is: sends go through the outbox. Holds a secret: never log it. */
  queue?: QueueConfig;
}

/** Run against the real provider with the configured credentials. */
export interface LiveAppConfig {
  mode: 'live';
  providerId: ProviderId;
  transport: TransportId;
  source: ConfigSource;
  /** The provider's validated options, `env:` references resolved. Holds secrets: never log it. */
  resolved: ResolvedProviderConfig;
  /**
   * Set when the config file lists `"providers"`: the app sends through core's router, in this
   * order of priority; `providerId` is the first (the primary).
   */
  providers?: readonly ProviderId[];
  /** With `providers`, each provider's validated options, in that order. Hold secrets: never log them. */
  resolvedProviders?: readonly ResolvedProviderConfig[];
  /**
   * The token the inbox and `/api/*` require (`SWITCHBOARD_ACCESS_TOKEN`, else the file's
   * `accessToken`); unset, they are open to whoever reaches the server. A secret: never log it.
   */
  accessToken?: string;
  /** Set when `REDIS_URL` (or the file's `queue`) is: sends go through the outbox. Holds a secret: never log it. */
  queue?: QueueConfig;
}

/** What {@link loadAppConfig} decided. */
export type AppConfig = SandboxAppConfig | LiveAppConfig;

/**
 * One line for logs, without any secret: `WhatsApp Cloud API (whatsapp-cloud), transport direct,
 * sandbox mode (no provider credentials configured)`.
 */
export function describeAppConfig(config: AppConfig): string {
  const provider =
    config.providers === undefined
      ? `${PROVIDER_LABELS[config.providerId]} (${config.providerId}), transport ${config.transport}`
      : `router over ${config.providers.map((id) => `${PROVIDER_LABELS[id]} (${id})`).join(' → ')}, transport ${config.transport}`;
  const source =
    config.source.kind === 'file'
      ? `config ${config.source.path}`
      : config.source.kind === 'env'
        ? 'config from environment variables'
        : 'no config';
  const outbox =
    config.queue === undefined
      ? ''
      : `, sends through the outbox on ${describeRedisUrl(config.queue.redisUrl)} (queue ${config.queue.queueName})`;
  return config.mode === 'sandbox'
    ? `${provider}, sandbox mode (${config.reason})${outbox}`
    : `${provider}, live mode (${source})${outbox}`;
}
