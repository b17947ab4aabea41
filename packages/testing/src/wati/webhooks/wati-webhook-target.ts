import type { EmulatorStatusDelays } from '../../emulator-kit/status-progression.js';
import type { WebhookRedelivery } from '../../emulator-kit/webhook-dispatcher.js';
import type { WatiBsuidEventOptions } from './bsuid-events.js';

/**
 * Where and how the emulator delivers webhooks.
 *
 * WATI itself signs nothing: its users put a secret in the URL or check a header they configured. `secret`
 * adds one header with a fixed value to every delivery, for apps that check such a header.
 *
 * @example
 * ```ts
 * emulator.setWebhook({
 *   url: `${app.url}/webhooks/wati?key=s3cret`,
 *   secret: { header: 'x-webhook-secret', value: 's3cret' },
 *   statusDelaysMs: { sent: 0, delivered: 10, read: 10 },
 *   redeliver: { attempts: 2, delayMs: 50 },
 * });
 * ```
 */
export interface WatiWebhookTarget {
  url: string;
  secret?: { header: string; value: string };
  /**
   * Automatic status webhooks after each accepted send: `sent` fires this long after the send,
   * `delivered` this long after `sent`, `read` this long after `delivered`. `false` sends none.
   * Default {@link DEFAULT_STATUS_DELAYS_MS}.
   */
  statusDelaysMs?: EmulatorStatusDelays | false;
  /** `v2` (default) sends the `_v2` events, which carry `localMessageId`; `v1` the older ones. */
  eventVersion?: 'v1' | 'v2';
  /**
   * Send WATI's BSUID-first variants (`message_bsuid`, `newContactMessageReceived_bsuid`,
   * `sessionMessageSent(_v2)_bsuid`, `templateMessageSent_v2_bsuid`) instead of their base events, with
   * `bsuid`, `parentBsuid` and `username` (and, with `omitPhone`, no `waId`). A number's identity is
   * its entry in `users`, else its contact's `bsuid`, else the stable `defaultBsuid` (all a `true`
   * uses). Events without a documented variant go out unchanged. Default: off.
   */
  bsuidEvents?: boolean | WatiBsuidEventOptions;
  /**
   * WATI retries a delivery that did not get a 2xx (up to 144 times, 10 minutes apart). This retries
   * `attempts` more times, `delayMs` apart, so apps can test idempotency. Default: no redelivery.
   */
  redeliver?: WebhookRedelivery;
  /** Per-attempt timeout, default 10 000 ms. */
  timeoutMs?: number;
}
