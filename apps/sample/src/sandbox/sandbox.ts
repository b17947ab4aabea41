import type { MessagingProvider } from '@switchboard/core';
import type { ProviderId, TransportId } from '../providers.js';
import type { DemoContact } from './demo-contacts.js';

/** A message a contact sends, in the sandbox. */
export interface SimulatedInbound {
  /** The sender's number, digits with the country code. */
  from: string;
  /** The sender's WhatsApp profile name. */
  name?: string;
  text: string;
}

/**
 * Time between the automatic delivery statuses of every send: `sent` this long after the send,
 * `delivered` this long after `sent`, `read` this long after `delivered`.
 */
export interface StatusDelays {
  sent: number;
  delivered: number;
  read: number;
}

/** The default pace, slow enough to watch the ticks change in the inbox. */
export const DEFAULT_STATUS_DELAYS: StatusDelays = { sent: 300, delivered: 700, read: 1500 };

/** An emulator running on loopback with a provider pointed at it. */
export interface Sandbox {
  readonly providerId: ProviderId;
  readonly transport: TransportId;
  /** The real provider adapter, configured with the emulator's URL and credentials. */
  readonly provider: MessagingProvider;
  /** Where the emulator listens, e.g. `http://127.0.0.1:41234`. */
  readonly emulatorUrl: string;
  readonly contacts: readonly DemoContact[];
  /**
   * Makes the emulator deliver its webhooks (statuses, inbound messages) to the app at `appUrl`,
   * on the provider's webhook path, signed or carrying the shared secret the provider checks.
   */
  connectWebhooks(appUrl: string): void;
  /**
   * Has a contact send a message: the emulator delivers it to the app's webhook endpoint and
   * resolves once the app answered.
   *
   * @throws Error when webhooks are not connected or the app did not accept the delivery.
   */
  simulateInbound(message: SimulatedInbound): Promise<{ id: string }>;
  /**
   * Makes the emulator answer every send with 503 Service Unavailable while `failing` is true, as a
   * provider outage would (with several providers: the primary's emulator). Absent where it cannot.
   */
  failSends?(failing: boolean): void;
  /** Resolves when every scheduled webhook has been delivered. */
  flushWebhooks(): Promise<void>;
  /** Stops the emulator and releases the provider's connections. */
  close(): Promise<void>;
}
