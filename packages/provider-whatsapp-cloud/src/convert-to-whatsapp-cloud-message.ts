import type { ValidOutboundMessage } from '@switchboard/core';
import { compact } from './compact.js';
import { toGraphContact } from './convert-contact-card.js';
import { toGraphButtons, toGraphList } from './convert-interactive.js';
import { toGraphTemplate } from './convert-template-message.js';
import { graphMediaObject } from './graph-media-object.js';

type JsonObject = Record<string, unknown>;

/** The Graph `type` and its object for one neutral message. */
function payload(message: ValidOutboundMessage): [type: string, value: unknown] {
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
  }
}

/** What a send adds to the message body besides the message itself. */
export interface WhatsAppCloudMessageExtras {
  /** Meta's `biz_opaque_callback_data`: echoed in the status webhooks of this message. */
  bizOpaqueCallbackData?: string | undefined;
}

/**
 * A validated neutral message as the body of `POST /{phone-number-id}/messages`
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages): always
 * `messaging_product: "whatsapp"` and `recipient_type: "individual"`, `to` in digits,
 * `context.message_id` when the message replies to another, and `biz_opaque_callback_data` when
 * given. Media bytes must have been uploaded first.
 *
 * @example
 * convertToWhatsAppCloudMessage({ type: 'text', to: '16505551234', text: 'Hi' });
 * // { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'text',
 * //   text: { preview_url: false, body: 'Hi' } }
 */
export function convertToWhatsAppCloudMessage(
  message: ValidOutboundMessage,
  extras: WhatsAppCloudMessageExtras = {},
): JsonObject {
  const [type, value] = payload(message);
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: message.to,
    ...(message.replyTo === undefined ? {} : { context: { message_id: message.replyTo } }),
    ...(extras.bizOpaqueCallbackData === undefined
      ? {}
      : { biz_opaque_callback_data: extras.bizOpaqueCallbackData }),
    type,
    [type]: value,
  };
}
