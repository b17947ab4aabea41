import { DEFAULT_STATUS_DELAYS, type EmulatorStatusDelays } from '../emulator-kit/status-progression.js';
import type { WebhookRedelivery } from '../emulator-kit/webhook-dispatcher.js';

/**
 * When the automatic status webhooks are sent: `sent` this long after the send, `delivered` this long
 * after `sent`, `read` this long after `delivered` (gaps between steps, as for the WATI emulator).
 */
export type CloudStatusDelays = EmulatorStatusDelays;

/**
 * Where the emulator POSTs webhooks, and how.
 *
 * @example
 * ```ts
 * emulator.setWebhook({
 *   url: `${app.url}/webhooks/whatsapp`,
 *   statusDelaysMs: { sent: 0, delivered: 0, read: 0 },
 *   redeliver: { attempts: 2, delayMs: 50 },
 * });
 * ```
 */
export interface CloudWebhookTarget {
  url: string;
  /**
   * Pace of the automatic sent → delivered → read statuses after each accepted send, each delay counted
   * from the step before; `false` sends none. Default {@link DEFAULT_CLOUD_STATUS_DELAYS}.
   */
  statusDelaysMs?: CloudStatusDelays | false;
  /** Meta retries a webhook the app did not answer with 2xx; this retries `attempts` more times. Default: none. */
  redeliver?: WebhookRedelivery;
  /** Per-attempt timeout; default 10 000 ms. */
  timeoutMs?: number;
}

/** Default pace of the automatic status webhooks (the same for both emulators): 100, 400 and 1000 ms gaps. */
export const DEFAULT_CLOUD_STATUS_DELAYS: Readonly<CloudStatusDelays> = DEFAULT_STATUS_DELAYS;
