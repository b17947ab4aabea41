import type { EmulatorWebhookDelivery } from '../emulator-kit/webhook-dispatcher.js';
import type { CloudStatusValue, CloudWebhookPayload } from './webhook-payloads.js';

/** Template category, as Meta names it at creation. */
export type CloudTemplateCategory = 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';

/** Review status of a template; only `APPROVED` templates can be sent. */
export type CloudTemplateStatus = 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';

/** A button of a template's `BUTTONS` component, in Meta's creation format. */
export interface EmulatorTemplateButton {
  type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE' | 'OTP' | 'FLOW' | 'CATALOG' | 'MPM';
  text?: string;
  /** URL buttons: a `{{1}}` at the end makes the suffix a send-time parameter. */
  url?: string;
  phone_number?: string;
  /** Sample values: the full sample URL (URL buttons) or the sample code (COPY_CODE). */
  example?: string | string[];
}

/** A template component in Meta's creation format (upper-case `type`). */
export interface EmulatorTemplateComponent {
  type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';
  /** HEADER only. */
  format?: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
  /** Text with `{{1}}` (positional) or `{{name}}` (named) placeholders. */
  text?: string;
  /** Sample values, e.g. `{ body_text: [['John', '12345']] }` or `{ body_text_named_params: [...] }`. */
  example?: Record<string, unknown>;
  buttons?: EmulatorTemplateButton[];
}

/**
 * A message template known to the emulator (seeded through the options or created through the API).
 *
 * @example
 * ```ts
 * const template: EmulatorTemplate = {
 *   name: 'order_confirmation',
 *   language: 'en_US',
 *   category: 'UTILITY',
 *   components: [{ type: 'BODY', text: 'Hi {{1}}, order #{{2}} is confirmed.', example: { body_text: [['John', '12345']] } }],
 * };
 * ```
 */
export interface EmulatorTemplate {
  name: string;
  /** Language code as used at send time, e.g. `en_US`. */
  language: string;
  category: CloudTemplateCategory;
  components: EmulatorTemplateComponent[];
  /** Default `POSITIONAL`. */
  parameterFormat?: 'POSITIONAL' | 'NAMED';
  /** Default `APPROVED`. */
  status?: CloudTemplateStatus;
  /** Default: a fresh numeric id. */
  id?: string;
}

/** A template as stored: every optional field resolved. */
export type CloudStoredTemplate = Required<EmulatorTemplate>;

/** A business phone number served by the emulator. */
export interface CloudEmulatorPhoneNumber {
  /** The phone-number id used in paths, e.g. `106540352242922`. */
  id: string;
  /** As Meta formats it, e.g. `+1 555-078-3881`; webhooks carry its digits. */
  displayPhoneNumber: string;
  verifiedName: string;
}

/** A WhatsApp Business profile (one per phone number). */
export interface CloudBusinessProfile {
  about?: string;
  address?: string;
  description?: string;
  email?: string;
  websites?: string[];
  vertical?: string;
  profilePictureUrl?: string;
}

/** A message the business sent through `POST /{phone-number-id}/messages`. */
export interface CloudSentMessage {
  /** The `wamid.` id returned to the sender. */
  id: string;
  phoneNumberId: string;
  /** `to` exactly as sent (or the `recipient` BSUID). */
  input: string;
  /** `to` normalized to digits; `undefined` for sends addressed by BSUID only. */
  waId: string | undefined;
  type: string;
  /** The request body as received (a missing `type` stays missing; `type` above says `text`). */
  body: Record<string, unknown>;
  sentAt: Date;
  /** Status webhooks delivered for it, in order. */
  statuses: { status: CloudStatusValue; timestamp: Date }[];
  /** What the message is billed as: the template's category, or `service` for free-form messages. */
  pricingCategory: 'marketing' | 'utility' | 'authentication' | 'service';
}

/** A message a user sent to the business (see `simulateInboundMessage`). */
export interface CloudInboundMessageRecord {
  id: string;
  phoneNumberId: string;
  /** The sender's phone number (digits); `undefined` for a user known only by BSUID. */
  from: string | undefined;
  /** The sender's business-scoped user id, when the simulation gave one. */
  userId?: string;
  /** The Graph message object as delivered in the webhook. */
  message: Record<string, unknown>;
  receivedAt: Date;
  /** Set when the business marked it read. */
  readAt?: Date;
}

/** Uploaded media, with its bytes. */
export interface CloudStoredMedia {
  id: string;
  phoneNumberId: string;
  mimeType: string;
  bytes: Uint8Array;
  /** Lower-case hex SHA-256 of `bytes`. */
  sha256: string;
  fileSize: number;
  filename: string | undefined;
  uploadedAt: Date;
}

/**
 * One webhook POST the emulator made (each redelivery is another), with the receiver's answer: `status` 0
 * and an `error` when there was none. The same record as the WATI emulator's, plus `deliveredAt`.
 */
export interface CloudWebhookDelivery extends EmulatorWebhookDelivery<CloudWebhookPayload> {
  /** @deprecated The same as `at`, kept for earlier callers. */
  deliveredAt: Date;
}

/**
 * What the emulator remembers; every collection is live and read-only. `webhookDeliveries` keeps the most
 * recent attempts only (see `retention`); the emulated data is kept until `reset()`.
 */
export interface WhatsAppCloudEmulatorState {
  /** Messages the business sent, oldest first. */
  readonly messages: readonly CloudSentMessage[];
  /** Messages users sent (see `simulateInboundMessage`), oldest first. */
  readonly inboundMessages: readonly CloudInboundMessageRecord[];
  /** Uploaded media by id (deleted media is removed). */
  readonly media: ReadonlyMap<string, CloudStoredMedia>;
  /** Every template, seeded or created, in every status. */
  readonly templates: readonly CloudStoredTemplate[];
  /** Profile of the first phone number. */
  readonly businessProfile: CloudBusinessProfile;
  /** Profiles by phone-number id. */
  readonly businessProfiles: ReadonlyMap<string, CloudBusinessProfile>;
  /** The business phone numbers the emulator serves. */
  readonly phoneNumbers: readonly CloudEmulatorPhoneNumber[];
  /** Webhook attempts, oldest first (the newest `retention.webhookDeliveries`). */
  readonly webhookDeliveries: readonly CloudWebhookDelivery[];
}
