import type { RequestHandler } from 'msw';
import type { EmulatorRetention } from '../emulator-kit/retention.js';
import type { LoopbackServer } from '../loopback-server.js';
import type { WebhookDeliveryResult } from '../webhook-delivery.js';
import type {
  CloudEmulatorPhoneNumber,
  EmulatorTemplate,
  WhatsAppCloudEmulatorState,
} from './cloud-emulator-types.js';
import type { CloudStatusError } from './cloud-status-reporter.js';
import type { CloudWebhookTarget } from './cloud-webhook-target.js';
import type { CloudStatusValue } from './webhook-payloads.js';

/** Options of {@link createWhatsAppCloudEmulator}. */
export interface WhatsAppCloudEmulatorOptions {
  /** Accepted bearer tokens (Meta access tokens, or Maton API keys for the `/whatsapp-business` prefix). Default `['test-access-token']`. */
  accessTokens?: string[];
  /** Business phone numbers; default one, `106540352242922` (+1 555-078-3881, "Lucky Shrub"). */
  phoneNumbers?: CloudEmulatorPhoneNumber[];
  /** WhatsApp Business Account id; default `102290129340398`. */
  businessAccountId?: string;
  /** Signs webhooks with `X-Hub-Signature-256: sha256=<hmac>` when set. */
  appSecret?: string;
  /** Seeded templates, replacing {@link DEFAULT_CLOUD_TEMPLATES}. */
  templates?: EmulatorTemplate[];
  /** Status of templates created through the API; default `APPROVED` so they can be sent at once. */
  templateReviewStatus?: 'APPROVED' | 'PENDING';
  /** Where webhooks go; without it no webhooks are sent. */
  webhook?: CloudWebhookTarget;
  /** How many recorded requests and webhook attempts to keep; default 1000 of each. */
  retention?: EmulatorRetention;
  /** Clock for timestamps in records and webhooks; default the real one. */
  now?: () => Date;
}

/** Input of {@link WhatsAppCloudEmulator.simulateInboundMessage}: a text, or any Graph message object. */
export type CloudInboundMessageInput =
  | { from: string; name?: string; text: string; replyTo?: string; phoneNumberId?: string }
  | {
      from: string;
      name?: string;
      /** A Graph message object without `from`, `id` and `timestamp`, e.g. `{ type: 'image', image: {…} }`. */
      message: Record<string, unknown>;
      replyTo?: string;
      phoneNumberId?: string;
    };

/** What {@link WhatsAppCloudEmulator.simulateInboundMessage} did. */
export interface CloudSimulatedInboundResult {
  /** The `wamid.` of the new message. */
  id: string;
  /** The app's answer to the webhook (status 0 when it did not answer); `undefined` when no webhook is set. */
  delivery: WebhookDeliveryResult | undefined;
}

/** A WhatsApp Cloud API emulator; see {@link createWhatsAppCloudEmulator}. */
export interface WhatsAppCloudEmulator extends AsyncDisposable {
  /**
   * msw handlers to serve from your own loopback server. They claim only `/{version}/…`,
   * `/whatsapp-business/…` and the media download path, so they compose with other handlers. Without
   * `listen()`, the first request they answer also loads Meta's schema (about half a second).
   */
  readonly handlers: RequestHandler[];
  /** The live in-memory data: messages both ways, media, templates, profiles and webhook attempts. */
  readonly state: WhatsAppCloudEmulatorState;
  /**
   * Serves the emulator at the root of a loopback server (Graph at `/{version}/…`, Maton's gateway at
   * `/whatsapp-business/…`); any other path gets a Graph error. The server is started once: later calls
   * return it, and after `close()` a new one starts. It keeps the last `retention.requests` requests.
   *
   * @example
   * ```ts
   * const server = await emulator.listen();
   * const provider = createWhatsAppCloud({ transport: 'direct', baseUrl: server.url, … });
   * ```
   */
  listen(): Promise<LoopbackServer>;
  /** Changes where webhooks go (statuses still to come included); `undefined` stops them. */
  setWebhook(target: CloudWebhookTarget | undefined): void;
  /**
   * Records a message from a user and POSTs its webhook. Resolves with the app's answer, `undefined`
   * without a webhook; never rejects for a failed delivery (it is in `state.webhookDeliveries`).
   *
   * @throws RangeError (a rejected promise) when `from` is not a phone number with country code.
   */
  simulateInboundMessage(input: CloudInboundMessageInput): Promise<CloudSimulatedInboundResult>;
  /**
   * Adds a status to a message the business sent and POSTs its webhook now. `failed` takes Meta's code
   * and title (default 131000 "Something went wrong"). Resolves with the app's answer, `undefined`
   * without a webhook. Automatic statuses still to come skip what this reported, and stop after `failed`.
   *
   * @throws Error (a rejected promise) when the emulator sent no message with that id.
   * @example
   * ```ts
   * await emulator.deliverStatus(sent.id, 'failed', { code: 131047, title: 'Re-engagement message' });
   * ```
   */
  deliverStatus(
    messageId: string,
    status: CloudStatusValue,
    error?: CloudStatusError,
  ): Promise<WebhookDeliveryResult | undefined>;
  /**
   * Sends every scheduled webhook (statuses, redeliveries) now, in due order, without waiting for their
   * delays, and resolves once all have been attempted.
   */
  flushWebhooks(): Promise<void>;
  /** Cancels scheduled webhooks and returns the data to its seed; the webhook target stays. */
  reset(): void;
  /** Cancels scheduled webhooks, aborts deliveries in flight and stops the server `listen()` started. */
  close(): Promise<void>;
}
