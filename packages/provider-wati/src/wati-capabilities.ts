import { type Capability, MESSAGE_LIMITS, type ProviderLimits } from '@switchboard/core';

/** Most receivers one `sendTemplateMessages` call takes: "You can add up to 1000 contacts in 1 call" (docs.wati.io/reference/errors). */
export const WATI_BULK_BATCH_SIZE = 1000;

/**
 * What the WATI v1/v2 API can do. Not offered there, so absent: location, contact cards,
 * reactions, stickers, media ids (WATI has no media store to reference), read receipts, media
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

/** The capabilities of a WATI provider; `webhooks.signature` only when a webhook shared secret is configured. */
export function watiCapabilities(options: { webhookSecret: boolean }): ReadonlySet<Capability> {
  return new Set<Capability>([
    ...WATI_BASE_CAPABILITIES,
    ...(options.webhookSecret ? (['webhooks.signature'] as const) : []),
  ]);
}

const MB = 1024 * 1024;

/**
 * WATI relays to WhatsApp, so WhatsApp's limits apply: text 4096, caption 1024, 3 buttons of 20
 * characters, lists of 10 rows, and WhatsApp's media sizes and types. Bulk sends are split into
 * batches of {@link WATI_BULK_BATCH_SIZE}.
 */
export const WATI_LIMITS: ProviderLimits = {
  textMaxLength: MESSAGE_LIMITS.textMaxLength,
  captionMaxLength: MESSAGE_LIMITS.captionMaxLength,
  buttons: {
    min: MESSAGE_LIMITS.buttonsMin,
    max: MESSAGE_LIMITS.buttonsMax,
    titleMaxLength: MESSAGE_LIMITS.buttonTitleMaxLength,
    idMaxLength: MESSAGE_LIMITS.buttonIdMaxLength,
  },
  list: {
    sectionsMax: MESSAGE_LIMITS.listSectionsMax,
    rowsMax: MESSAGE_LIMITS.listRowsMax,
    rowTitleMaxLength: MESSAGE_LIMITS.listRowTitleMaxLength,
    rowDescriptionMaxLength: MESSAGE_LIMITS.listRowDescriptionMaxLength,
    buttonTextMaxLength: MESSAGE_LIMITS.listButtonTextMaxLength,
  },
  interactive: {
    bodyMaxLength: MESSAGE_LIMITS.interactiveBodyMaxLength,
    headerMaxLength: MESSAGE_LIMITS.interactiveHeaderMaxLength,
    footerMaxLength: MESSAGE_LIMITS.interactiveFooterMaxLength,
  },
  bulkBatchSize: WATI_BULK_BATCH_SIZE,
  media: {
    image: { maxBytes: 5 * MB, mimeTypes: ['image/jpeg', 'image/png'] },
    video: { maxBytes: 16 * MB, mimeTypes: ['video/mp4', 'video/3gpp'] },
    audio: {
      maxBytes: 16 * MB,
      mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
    },
    document: {
      maxBytes: 100 * MB,
      mimeTypes: [
        'text/plain',
        'application/pdf',
        'application/msword',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.ms-excel',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/vnd.ms-powerpoint',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      ],
    },
  },
};
