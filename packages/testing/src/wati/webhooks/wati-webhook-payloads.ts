import { messageReceived, newContactMessageReceived } from './inbound-payloads.js';
import {
  sentMessageDelivered,
  sentMessageDeliveredV2,
  sentMessageRead,
  sentMessageReadV2,
  sentMessageReplied,
  sentMessageRepliedV2,
  sessionMessageFailed,
  sessionMessageSent,
  sessionMessageSentV2,
  templateMessageFailed,
  templateMessageSent,
  templateMessageSentV2,
} from './status-payloads.js';

/**
 * Builders of every WATI webhook event the emulator sends, field for field as WATI documents them:
 * ids `id` (WATI), `whatsappMessageId` (Meta) and, on `_v2` and failure events, `localMessageId`;
 * `waId` only on the events where WATI sends it (message, new contact, sent); `timestamp` as a
 * unix-seconds string; `created` as a 7-digit ISO string; `owner` as a boolean.
 *
 * `toWatiBsuidEvent` turns a payload built here into its BSUID-first (`_bsuid`) variant.
 *
 * They are pure: nothing is sent or stored. Omitted ids are generated and omitted times are now, so pass
 * the ids you want to correlate. Deliver the result with `deliverWebhook`.
 *
 * @example
 * ```ts
 * import { deliverWebhook, watiWebhookPayloads } from '@switchboard/testing';
 *
 * const delivered = watiWebhookPayloads.sentMessageDeliveredV2({
 *   localMessageId: 'd38f0c3a-e833-4725-a894-53a2b1dc1af6',
 *   type: 'template',
 *   text: 'Hi John! We have an update for you.',
 * });
 * await deliverWebhook({ url: `${app.url}/webhooks/wati`, body: delivered });
 * ```
 */
export const watiWebhookPayloads = {
  /** `message`: a message the contact sent (text, media, location, button, interactive, reaction). */
  messageReceived,
  /** `newContactMessageReceived`: the first message of an unknown number. */
  newContactMessageReceived,
  /** `sessionMessageSent`: a session message went out (v1, no `localMessageId`). */
  sessionMessageSent,
  /** `sessionMessageSent_v2`. */
  sessionMessageSentV2,
  /** `templateMessageSent`: a template message went out (v1). */
  templateMessageSent,
  /** `templateMessageSent_v2`, with the `localMessageId` of the v2 send. */
  templateMessageSentV2,
  /** `sentMessageDELIVERED`. */
  sentMessageDelivered,
  /** `sentMessageDELIVERED_v2`. */
  sentMessageDeliveredV2,
  /** `sentMessageREAD`. */
  sentMessageRead,
  /** `sentMessageREAD_v2`. */
  sentMessageReadV2,
  /** `sentMessageREPLIED`. */
  sentMessageReplied,
  /** `sentMessageREPLIED_v2`. */
  sentMessageRepliedV2,
  /** `templateMessageFailed`, with Meta's `failedCode` and `failedDetail`. */
  templateMessageFailed,
  /** `sessionMessageFailed`. */
  sessionMessageFailed,
};

/** The payload type of one builder, e.g. `WatiWebhookPayload<'sentMessageDeliveredV2'>`. */
export type WatiWebhookPayload<K extends keyof typeof watiWebhookPayloads> = ReturnType<
  (typeof watiWebhookPayloads)[K]
>;
