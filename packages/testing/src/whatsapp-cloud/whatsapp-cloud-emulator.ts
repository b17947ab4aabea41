import type { RequestHandler } from 'msw';
import type { LoopbackServer } from '../loopback-server.js';
import type { WebhookDeliveryResult } from '../webhook-delivery.js';
import type {
  CloudEmulatorPhoneNumber,
  EmulatorTemplate,
  WhatsAppCloudEmulatorState,
} from './cloud-emulator-types.js';
import type { CloudWebhookTarget } from './webhook-dispatcher.js';

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
  /** Where webhooks go; without it no status webhooks are sent. */
  webhook?: CloudWebhookTarget;
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

/** A WhatsApp Cloud API emulator; see {@link createWhatsAppCloudEmulator}. */
export interface WhatsAppCloudEmulator {
  /**
   * msw handlers to serve from your own loopback server. They claim only `/{version}/…`,
   * `/whatsapp-business/…` and the media download path, so they compose with other handlers. Without
   * `listen()`, the first request they answer also loads Meta's schema (about half a second).
   */
  readonly handlers: RequestHandler[];
  readonly state: WhatsAppCloudEmulatorState;
  /** Starts a loopback server serving the emulator at its root; any other path gets a Graph error. */
  listen(): Promise<LoopbackServer>;
  /** Changes where webhooks go (future sends and deliveries); `undefined` stops them. */
  setWebhook(target: CloudWebhookTarget | undefined): void;
  /** Records a message from a user and POSTs its webhook. Rejects when no webhook is set or it is unreachable. */
  simulateInboundMessage(
    input: CloudInboundMessageInput,
  ): Promise<{ id: string; delivery: WebhookDeliveryResult }>;
  /** POSTs a status webhook for a message the business sent. */
  deliverStatus(
    messageId: string,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    error?: { code: number; title: string },
  ): Promise<WebhookDeliveryResult>;
  /** Resolves when every scheduled status delivery has finished. */
  flushWebhooks(): Promise<void>;
  /** Cancels scheduled deliveries and returns the state to its seed. */
  reset(): void;
  /** Cancels scheduled deliveries and stops the servers `listen()` started. */
  close(): Promise<void>;
}
