import { createRouter, type FailoverEvent, type MessagingProvider } from '@switchboard/core';
import type { AppConfig } from '../config/app-config.js';
import type { ProviderId, TransportId } from '../providers.js';
import { startRoutedSandbox } from '../sandbox/routed-sandbox.js';
import { DEFAULT_STATUS_DELAYS, type Sandbox } from '../sandbox/sandbox.js';
import { type StartSandboxOptions, startSandbox } from '../sandbox/start-sandbox.js';

/** The provider the app or a CLI command works with, and the sandbox behind it if any. */
export interface Runtime {
  readonly config: AppConfig;
  readonly providerId: ProviderId;
  readonly transport: TransportId;
  readonly provider: MessagingProvider;
  /** Set in sandbox mode. */
  readonly sandbox: Sandbox | undefined;
  /** Stops the sandbox (if any) and releases the provider's connections. */
  close(): Promise<void>;
}

/** Options of {@link createRuntime}. */
export interface CreateRuntimeOptions {
  /** Pace of the sandbox's automatic statuses. */
  statusDelaysMs?: StartSandboxOptions['statusDelaysMs'];
  /** With `"providers"` in the config: told each time the router fails over. */
  onFailover?: (event: FailoverEvent) => void;
}

/**
 * Creates the configured provider: in sandbox mode the emulator starts first and the provider
 * points at it; in live mode the provider is created from the validated config section. With
 * `"providers"` in the config, the provider is core's router over all of them (in sandbox mode,
 * one emulator each).
 */
export async function createRuntime(config: AppConfig, options: CreateRuntimeOptions = {}): Promise<Runtime> {
  const failover = options.onFailover === undefined ? {} : { onFailover: options.onFailover };
  if (config.mode === 'sandbox' && config.providers !== undefined) {
    const sandbox = await startRoutedSandbox({
      providerIds: config.providers,
      transport: config.transport,
      statusDelaysMs: options.statusDelaysMs ?? DEFAULT_STATUS_DELAYS,
      ...failover,
    });
    const { providerId, transport } = config;
    return {
      config,
      providerId,
      transport,
      provider: sandbox.provider,
      sandbox,
      close: () => sandbox.close(),
    };
  }
  if (config.mode === 'live' && config.resolvedProviders !== undefined) {
    const providers = config.resolvedProviders.map((resolved) =>
      resolved.definition.create(resolved.options),
    );
    const router = createRouter({ providers, ...failover });
    const { providerId, transport } = config;
    return {
      config,
      providerId,
      transport,
      provider: router,
      sandbox: undefined,
      close: () => router.close(),
    };
  }
  if (config.mode === 'sandbox') {
    const sandbox = await startSandbox({
      providerId: config.providerId,
      transport: config.transport,
      ...(options.statusDelaysMs === undefined ? {} : { statusDelaysMs: options.statusDelaysMs }),
    });
    return {
      config,
      providerId: config.providerId,
      transport: config.transport,
      provider: sandbox.provider,
      sandbox,
      close: () => sandbox.close(),
    };
  }
  const provider = config.resolved.definition.create(config.resolved.options);
  return {
    config,
    providerId: config.providerId,
    transport: config.transport,
    provider,
    sandbox: undefined,
    close: () => provider.close(),
  };
}
