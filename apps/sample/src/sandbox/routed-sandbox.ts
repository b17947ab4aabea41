import type { MessagingProvider } from '@switchboard/core';
import type { WatiApi } from '../config/app-config.js';
import type { ProviderId, TransportId } from '../providers.js';
import type { Sandbox, StatusDelays } from './sandbox.js';
import { startSandbox } from './start-sandbox.js';

/** Options of {@link startRoutedSandbox}. */
export interface RoutedSandboxOptions {
  /** The providers in order of priority, the primary first. */
  providerIds: readonly ProviderId[];
  transport: TransportId;
  statusDelaysMs: StatusDelays;
  /** Which WATI API the WATI sandbox speaks; `legacy` when unset. */
  watiApi?: WatiApi;
  /** Builds the provider the app uses over the emulators' providers, in order: a router. */
  route: (providers: MessagingProvider[]) => MessagingProvider;
}

/**
 * Starts one emulator per provider and a router over their providers: the app sends through the
 * router (the primary first, failing over only when a provider provably did not send), and each
 * emulator posts its webhooks to its own endpoint of the app, where the router's parser takes
 * both. Simulated inbound messages come through the primary's emulator.
 */
export async function startRoutedSandbox(options: RoutedSandboxOptions): Promise<Sandbox> {
  const sandboxes: Sandbox[] = [];
  try {
    for (const providerId of options.providerIds) {
      sandboxes.push(
        await startSandbox({
          providerId,
          transport: options.transport,
          statusDelaysMs: options.statusDelaysMs,
          ...(options.watiApi === undefined ? {} : { watiApi: options.watiApi }),
        }),
      );
    }
  } catch (error) {
    await Promise.allSettled(sandboxes.map((sandbox) => sandbox.close()));
    throw error;
  }
  const [primary] = sandboxes;
  if (primary === undefined) throw new Error('A routed sandbox needs at least one provider');
  const router = options.route(sandboxes.map((sandbox) => sandbox.provider));
  return {
    providerId: primary.providerId,
    transport: options.transport,
    provider: router,
    emulatorUrl: primary.emulatorUrl,
    contacts: primary.contacts,
    connectWebhooks(appUrl) {
      for (const sandbox of sandboxes) sandbox.connectWebhooks(appUrl);
    },
    simulateInbound: (message) => primary.simulateInbound(message),
    ...(primary.failSends === undefined
      ? {}
      : { failSends: (failing: boolean) => primary.failSends?.(failing) }),
    async flushWebhooks() {
      await Promise.all(sandboxes.map((sandbox) => sandbox.flushWebhooks()));
    },
    async close() {
      // Each sandbox stops its emulator, then closes its provider: the router owns nothing else.
      const results = await Promise.allSettled(sandboxes.map((sandbox) => sandbox.close()));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    },
  };
}
