import {
  type Capability,
  type ProviderLimits,
  WHATSAPP_MEDIA_LIMITS,
  WHATSAPP_MESSAGE_LIMITS,
} from '@switchboard/core';
import type { WatiApi } from './wati-options.js';

/** Most receivers one `sendTemplateMessages` call takes: "You can add up to 1000 contacts in 1 call" (docs.wati.io/reference/errors). */
export const WATI_BULK_BATCH_SIZE = 1000;

/**
 * What the WATI API can do with `api: 'legacy'` and `api: 'v3'` alike: with V3, what V3 lacks is
 * served by the legacy endpoint transparently (`send.replyTo` → `sendSessionMessage`, `media.get` →
 * `getMedia`, filtered `contacts.list` → `getContacts`). Not offered, so absent: location, contact
 * cards, reactions, stickers, media ids (WATI has no media store to reference), read receipts, media
 * upload/delete, template creation/deletion, phone numbers and the business profile.
 */
const WATI_BASE_CAPABILITIES: readonly Capability[] = [
  'send.text',
  'send.image',
  'send.video',
  'send.audio',
  'send.document',
  'send.buttons',
  'send.list',
  'send.template',
  'send.replyTo',
  'send.media.url',
  'send.media.data',
  'send.bulk',
  'templates.list',
  'contacts.list',
  'contacts.upsert',
  'contacts.updateAttributes',
  'conversations.messages',
  'media.get',
  'operators.assign',
  'webhooks.verification',
];

/**
 * What only V3 can do. `typingIndicator` has no v1/v2 counterpart. Every V3 send endpoint takes a
 * `target` that may be a business-scoped user id (conversation endpoints: BSUID or `Channel:BSUID`;
 * template recipients: `target`), while v1/v2 address a phone number only. The one V3 send that
 * falls back to v1 (a quoted reply) refuses a BSUID before any request.
 */
const WATI_V3_ONLY_CAPABILITIES: readonly Capability[] = ['send.typing_indicator', 'send.to.userId'];

/**
 * The capabilities of a WATI provider: `webhooks.signature` only when a webhook shared secret is
 * configured, and the V3-only sends (`send.typing_indicator`, `send.to.userId`) only with `api: 'v3'`.
 *
 * @param options.api The WATI API in use; default `legacy`.
 */
export function watiCapabilities(options: {
  webhookSecret: boolean;
  api?: WatiApi;
}): ReadonlySet<Capability> {
  return new Set<Capability>([
    ...WATI_BASE_CAPABILITIES,
    ...(options.api === 'v3' ? WATI_V3_ONLY_CAPABILITIES : []),
    ...(options.webhookSecret ? (['webhooks.signature'] as const) : []),
  ]);
}

/**
 * WATI relays to WhatsApp, so WhatsApp's limits apply: text 4096, caption 1024, 3 buttons of 20
 * characters, lists of 10 rows, and WhatsApp's media sizes and types. Bulk sends are split into
 * batches of {@link WATI_BULK_BATCH_SIZE}.
 */
export const WATI_LIMITS: ProviderLimits = {
  ...WHATSAPP_MESSAGE_LIMITS,
  bulkBatchSize: WATI_BULK_BATCH_SIZE,
  // WATI has no sticker endpoint.
  media: {
    image: WHATSAPP_MEDIA_LIMITS.image,
    video: WHATSAPP_MEDIA_LIMITS.video,
    audio: WHATSAPP_MEDIA_LIMITS.audio,
    document: WHATSAPP_MEDIA_LIMITS.document,
  },
};

/** What to do instead, added to the `UnsupportedFeatureError` of a send capability WATI lacks. */
export const WATI_CAPABILITY_HINTS: Partial<Record<Capability, string>> = {
  'send.media.id': 'WATI has no media ids; send { data, mimeType } or { url }',
  'send.to.userId': "business-scoped user ids need api: 'v3'; the legacy API addresses phone numbers only",
};
