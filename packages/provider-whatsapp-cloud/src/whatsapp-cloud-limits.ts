import { type MediaMessageType, type ProviderLimits, WHATSAPP_MESSAGE_LIMITS } from '@switchboard/core';
import { WHATSAPP_CLOUD_MEDIA_LIMITS, type WhatsAppCloudMediaLimit } from './media-rules.js';

/**
 * {@link ProviderLimits} with a limit for every media type and Meta's file extensions. The static
 * sticker size is core's `MediaLimit.staticMaxBytes`, so code typed against `MessagingProvider` sees it too.
 */
export interface WhatsAppCloudLimits extends ProviderLimits {
  media: Readonly<Record<MediaMessageType, WhatsAppCloudMediaLimit>>;
}

/**
 * The limits the Cloud API enforces: WhatsApp's own (core's `WHATSAPP_MESSAGE_LIMITS` and
 * `WHATSAPP_MEDIA_LIMITS`, from Meta's references). There is no bulk endpoint: `sendBulk` sends one
 * request per recipient.
 */
export const WHATSAPP_CLOUD_LIMITS: WhatsAppCloudLimits = {
  ...WHATSAPP_MESSAGE_LIMITS,
  bulkBatchSize: 1,
  media: WHATSAPP_CLOUD_MEDIA_LIMITS,
};
