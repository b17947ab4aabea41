import type { FailoverEvent, MessagingProvider } from '@switchboard/core';
import type { AppConfig } from '../config/app-config.js';
import type { ProviderId, TransportId } from '../providers.js';
import { type Routing, routeProviders } from '../routing/routing.js';
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
  /** Set when the config lists `"providers"`: the provider is core's router over them. */
  readonly routing?: Routing;
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
  if (config.mode === 'sandbox' && config.providers !== undefined) {
    const ids = config.providers;
    let routing: Routing | undefined;
    const sandbox = await startRoutedSandbox({
      providerIds: ids,
      transport: config.transport,
      statusDelaysMs: options.statusDelaysMs ?? DEFAULT_STATUS_DELAYS,
      ...(config.watiApi === undefined ? {} : { watiApi: config.watiApi }),
      route(providers) {
        const routed = routeProviders(ids, providers, options.onFailover);
        routing = routed.routing;
        return routed.provider;
      },
    });
    const { providerId, transport } = config;
    return {
      config,
      providerId,
      transport,
      provider: sandbox.provider,
      sandbox,
      ...(routing === undefined ? {} : { routing }),
      close: () => sandbox.close(),
    };
  }
  if (config.mode === 'live' && config.resolvedProviders !== undefined && config.providers !== undefined) {
    const providers = config.resolvedProviders.map((resolved) =>
      resolved.definition.create(resolved.options),
    );
    const { provider: router, routing } = routeProviders(config.providers, providers, options.onFailover);
    const { providerId, transport } = config;
    return {
      config,
      providerId,
      transport,
      provider: router,
      sandbox: undefined,
      routing,
      close: () => router.close(),
    };
  }
  if (config.mode === 'sandbox') {
    const sandbox = await startSandbox({
      providerId: config.providerId,
      transport: config.transport,
      ...(options.statusDelaysMs === undefined ? {} : { statusDelaysMs: options.statusDelaysMs }),
      ...(config.watiApi === undefined ? {} : { watiApi: config.watiApi }),
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
