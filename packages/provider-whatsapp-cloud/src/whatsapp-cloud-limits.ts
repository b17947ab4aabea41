import type { MediaMessageType, ProviderLimits } from '@switchboard/core';
import { WHATSAPP_CLOUD_MEDIA_LIMITS, type WhatsAppCloudMediaLimit } from './media-rules.js';

/**
 * {@link ProviderLimits} with a limit for every media type and Meta's file extensions. The static
 * sticker size is core's `MediaLimit.staticMaxBytes`, so code typed against `MessagingProvider` sees it too.
 */
export interface WhatsAppCloudLimits extends ProviderLimits {
  media: Readonly<Record<MediaMessageType, WhatsAppCloudMediaLimit>>;
}

/**
 * The limits the Cloud API enforces, from Meta's message references
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages): text 4096, captions
 * 1024, reply buttons 1–3 with titles ≤ 20 and ids ≤ 256, lists ≤ 10 sections and ≤ 10 rows in all
 * (row title ≤ 24, description ≤ 72, button ≤ 20), interactive body 1024, header and footer 60.
 * There is no bulk endpoint: `sendBulk` sends one request per recipient.
 */
export const WHATSAPP_CLOUD_LIMITS: WhatsAppCloudLimits = {
  textMaxLength: 4096,
  captionMaxLength: 1024,
  buttons: { min: 1, max: 3, titleMaxLength: 20, idMaxLength: 256 },
  list: {
    sectionsMax: 10,
    rowsMax: 10,
    rowTitleMaxLength: 24,
    rowDescriptionMaxLength: 72,
    buttonTextMaxLength: 20,
  },
  interactive: { bodyMaxLength: 1024, headerMaxLength: 60, footerMaxLength: 60 },
  bulkBatchSize: 1,
  media: WHATSAPP_CLOUD_MEDIA_LIMITS,
};
