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

/**
 * Who sent a simulated inbound message, and how it reached the business. Since 2026 a WhatsApp user
 * with a username may hide their number: the webhook then identifies them by business-scoped user id
 * (BSUID) alone, so give `from`, `userId`, or both.
 */
export interface CloudInboundSender {
  /** The sender's phone number with country code (any format); the webhook's `from` and `wa_id`. */
  from?: string;
  /** The sender's BSUID, e.g. `US.13491208655302741918`: the webhook's `from_user_id` and `user_id`. */
  userId?: string;
  /** The parent BSUID, e.g. `US.ENT.11815799212886844830`: `from_parent_user_id` and `parent_user_id`. */
  parentUserId?: string;
  /** The sender's WhatsApp username, e.g. `@sheena`: the contact profile's `username`. */
  username?: string;
  /** The contact profile's name; default `WhatsApp User`. */
  name?: string;
  /**
   * The click-to-WhatsApp ad the message came from, as Meta's `referral` object, e.g.
   * `{ source_url, source_id, source_type: 'ad', headline, body }`.
   */
  referral?: Record<string, unknown>;
  /** The `wamid.` of the business message the user replied to (`context`). */
  replyTo?: string;
  phoneNumberId?: string;
}

/** Input of {@link WhatsAppCloudEmulator.simulateInboundMessage}: a text, or any Graph message object. */
export type CloudInboundMessageInput = CloudInboundSender &
  (
    | { text: string }
    | {
        /** A Graph message object without `from`, `id` and `timestamp`, e.g. `{ type: 'image', image: {…} }`. */
        message: Record<string, unknown>;
      }
  );

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
   * @throws RangeError (a rejected promise) when neither `from` nor `userId` is given, `from` is not a
   *   phone number with country code, or `userId`/`parentUserId` is not a BSUID.
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
