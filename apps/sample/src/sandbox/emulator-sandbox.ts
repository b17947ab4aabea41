import { randomBytes } from 'node:crypto';
import type { MessagingProvider } from '@switchboard/core';
import type { ProviderId, TransportId } from '../providers.js';
import { DEMO_CONTACTS } from './demo-contacts.js';
import type { Sandbox, SimulatedInbound } from './sandbox.js';

/** What the sandbox needs of an emulator from `@switchboard/testing`; both emulators have it. */
export interface SandboxEmulator {
  simulateInboundMessage(
    input: SimulatedInbound,
  ): Promise<{ id: string; delivery: { status: number } | undefined }>;
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}

/** The provider-specific parts of a {@link Sandbox}; {@link emulatorSandbox} adds the rest. */
export interface EmulatorSandboxParts {
  providerId: ProviderId;
  transport: TransportId;
  /** The real provider adapter, pointed at the emulator. */
  provider: MessagingProvider;
  emulator: SandboxEmulator;
  /** Where the emulator listens. */
  emulatorUrl: string;
  /** The app's webhook path for this provider, for error messages. */
  webhookPath: string;
  /** Points the emulator's webhooks at the app at `appUrl`. */
  connectWebhooks(appUrl: string): void;
  /** Makes the emulator's sends fail with 503; see `Sandbox.failSends`. */
  failSends?(failing: boolean): void;
}

/**
 * A {@link Sandbox} from an emulator and the provider pointed at it: simulated inbound messages go
 * through the app's webhook endpoint and fail unless the app accepted them, and closing stops the
 * emulator, then the provider.
 */
export function emulatorSandbox(parts: EmulatorSandboxParts): Sandbox {
  const { emulator, provider, webhookPath } = parts;
  return {
    providerId: parts.providerId,
    transport: parts.transport,
    provider,
    emulatorUrl: parts.emulatorUrl,
    contacts: DEMO_CONTACTS,
    connectWebhooks: (appUrl) => parts.connectWebhooks(appUrl),
    ...(parts.failSends === undefined ? {} : { failSends: parts.failSends }),
    async simulateInbound({ from, name, text }) {
      const { id, delivery } = await emulator.simulateInboundMessage({
        from,
        text,
        ...(name === undefined ? {} : { name }),
      });
      if (delivery === undefined)
        throw new Error('The sandbox has no webhook target: the app is not listening');
      if (delivery.status < 200 || delivery.status >= 300) {
        const answer = delivery.status === 0 ? 'no answer' : `HTTP ${delivery.status}`;
        throw new Error(`The app did not accept the simulated webhook on ${webhookPath} (${answer})`);
      }
      return { id };
    },
    flushWebhooks: () => emulator.flushWebhooks(),
    async close() {
      await emulator.close();
      await provider.close();
    },
  };
}

/** A random credential for one sandbox run: nothing outside this process can know it. */
export function randomSecret(): string {
  return randomBytes(24).toString('base64url');
}
