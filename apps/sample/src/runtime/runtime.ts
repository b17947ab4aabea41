import type { MessagingProvider } from '@switchboard/core';
import type { AppConfig } from '../config/app-config.js';
import type { ProviderId, TransportId } from '../providers.js';
import type { Sandbox } from '../sandbox/sandbox.js';
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
}

/**
 * Creates the configured provider: in sandbox mode the emulator starts first and the provider
 * points at it; in live mode the provider is created from the validated config section.
 */
export async function createRuntime(config: AppConfig, options: CreateRuntimeOptions = {}): Promise<Runtime> {
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
