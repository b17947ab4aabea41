import {
  isBusinessScopedUserId,
  type ValidOutboundMessage,
  type ValidOutboundMessageOf,
} from '@switchboard/core';
import { compact } from './compact.js';
import { toGraphContact } from './convert-contact-card.js';
import { toGraphButtons, toGraphList } from './convert-interactive.js';
import {
  toGraphCtaUrl,
  toGraphFlow,
  toGraphLocationRequest,
  toGraphProduct,
  toGraphProductList,
} from './convert-interactive-actions.js';
import { toGraphTemplate } from './convert-template-message.js';
import { graphMediaObject } from './graph-media-object.js';

type JsonObject = Record<string, unknown>;

/** A message `convertToWhatsAppCloudMessage` takes: every type but the typing indicator (see `typingIndicatorBody`). */
export type CloudMessage = Exclude<ValidOutboundMessage, { type: 'typing_indicator' }>;

/** The Graph `type` and its object for one neutral message. */
function payload(message: CloudMessage): [type: string, value: unknown] {
  switch (message.type) {
    case 'text':
      return ['text', { preview_url: message.previewUrl ?? false, body: message.text }];
    case 'image':
    case 'video':
      return [message.type, { ...graphMediaObject(message.media), ...compact({ caption: message.caption }) }];
    case 'document':
      return [
        'document',
        {
          ...graphMediaObject(message.media),
          ...compact({ caption: message.caption, filename: message.filename }),
        },
      ];
    case 'audio':
    case 'sticker':
      // Meta takes no caption on audio and stickers.
      return [message.type, graphMediaObject(message.media)];
    case 'location':
      return [
        'location',
        compact({
          latitude: message.latitude,
          longitude: message.longitude,
          name: message.name,
          address: message.address,
        }),
      ];
    case 'contacts':
      return ['contacts', message.contacts.map(toGraphContact)];
    case 'buttons':
      return ['interactive', toGraphButtons(message)];
    case 'list':
      return ['interactive', toGraphList(message)];
    case 'template':
      return ['template', toGraphTemplate(message.template)];
    case 'reaction':
      // An empty emoji removes an earlier reaction.
      return ['reaction', { message_id: message.messageId, emoji: message.emoji }];
    case 'cta_url':
      return ['interactive', toGraphCtaUrl(message)];
    case 'location_request':
      return ['interactive', toGraphLocationRequest(message)];
    case 'product':
      return ['interactive', toGraphProduct(message)];
    case 'product_list':
      return ['interactive', toGraphProductList(message)];
    case 'flow':
      return ['interactive', toGraphFlow(message)];
  }
}

/**
 * The body of a typing indicator: Meta's mark-as-read with `typing_indicator: { type: "text" }`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/typing-indicators/),
 * posted to the same `/{phone-number-id}/messages` endpoint. It names the inbound message, not a recipient.
 */
export function typingIndicatorBody(message: ValidOutboundMessageOf<'typing_indicator'>): JsonObject {
  return {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: message.messageId,
    typing_indicator: { type: 'text' },
  };
}

/** What a send adds to the message body besides the message itself. */
export interface WhatsAppCloudMessageExtras {
  /** Meta's `biz_opaque_callback_data`: echoed in the status webhooks of this message. */
  bizOpaqueCallbackData?: string | undefined;
}

/**
 * A validated neutral message as the body of `POST /{phone-number-id}/messages`
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages): always
 * `messaging_product: "whatsapp"` and `recipient_type: "individual"`, `to` in digits (or, for a
 * business-scoped user id, `recipient` instead, as Meta's BSUID documentation says),
 * `context.message_id` when the message replies to another, and `biz_opaque_callback_data` when
 * given. Media bytes must have been uploaded first.
 *
 * @example
 * convertToWhatsAppCloudMessage({ type: 'text', to: '16505551234', text: 'Hi' });
 * // { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'text',
 * //   text: { preview_url: false, body: 'Hi' } }
 */
export function convertToWhatsAppCloudMessage(
  message: CloudMessage,
  extras: WhatsAppCloudMessageExtras = {},
): JsonObject {
  const [type, value] = payload(message);
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...(isBusinessScopedUserId(message.to) ? { recipient: message.to } : { to: message.to }),
    ...(message.replyTo === undefined ? {} : { context: { message_id: message.replyTo } }),
    ...(extras.bizOpaqueCallbackData === undefined
      ? {}
      : { biz_opaque_callback_data: extras.bizOpaqueCallbackData }),
    type,
    [type]: value,
  };
}
