import { MESSAGE_LIMITS, type MediaMessageType } from '../model/outbound-message.js';
import type { MediaLimit, ProviderLimits } from './provider-limits.js';

/** WhatsApp's limits of one kind of media, with the file extensions Meta lists (in `mimeTypes` order). */
export interface WhatsAppMediaLimit extends MediaLimit {
  extensions: readonly string[];
}

const KB = 1024;
const MB = 1024 * KB;

/**
 * The media WhatsApp itself accepts, whichever provider relays it, from Meta's "Supported media
 * types" (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types).
 * Stickers: `staticMaxBytes` for a static WebP, `maxBytes` for an animated one. Audio in `audio/ogg`
 * must be OPUS.
 */
export const WHATSAPP_MEDIA_LIMITS: Readonly<Record<MediaMessageType, WhatsAppMediaLimit>> = {
  audio: {
    maxBytes: 16 * MB,
    mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
    extensions: ['.aac', '.amr', '.mp3', '.m4a', '.ogg'],
  },
  document: {
    maxBytes: 100 * MB,
    mimeTypes: [
      'text/plain',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'application/pdf',
    ],
    extensions: ['.txt', '.xls', '.xlsx', '.doc', '.docx', '.ppt', '.pptx', '.pdf'],
  },
  image: { maxBytes: 5 * MB, mimeTypes: ['image/jpeg', 'image/png'], extensions: ['.jpeg', '.png'] },
  sticker: { maxBytes: 500 * KB, staticMaxBytes: 100 * KB, mimeTypes: ['image/webp'], extensions: ['.webp'] },
  video: { maxBytes: 16 * MB, mimeTypes: ['video/3gpp', 'video/mp4'], extensions: ['.3gp', '.mp4'] },
};

/**
 * WhatsApp's message limits, which every provider inherits because it relays to WhatsApp (Meta's
 * message references): text 4096, captions 1024, reply buttons 1–3 with titles ≤ 20 and ids ≤ 256,
 * lists ≤ 10 sections and ≤ 10 rows in all (row title ≤ 24, description ≤ 72, button ≤ 20),
 * interactive body 1024, header and footer 60; CTA URL button label ≤ 20, Flow button label ≤ 30;
 * product lists ≤ 10 sections and ≤ 30 products in all (section title ≤ 24). A provider adds its
 * bulk size and the media it takes.
 */
export const WHATSAPP_MESSAGE_LIMITS: Omit<ProviderLimits, 'bulkBatchSize' | 'media'> = {
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
  ctaUrl: { buttonTextMaxLength: MESSAGE_LIMITS.ctaButtonTextMaxLength },
  flow: { buttonTextMaxLength: MESSAGE_LIMITS.flowButtonTextMaxLength },
  productList: {
    sectionsMax: MESSAGE_LIMITS.productSectionsMax,
    productsMax: MESSAGE_LIMITS.productItemsMax,
    sectionTitleMaxLength: MESSAGE_LIMITS.productSectionTitleMaxLength,
  },
};
