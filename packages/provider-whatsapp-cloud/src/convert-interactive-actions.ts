import type { ValidOutboundMessageOf } from '@switchboard/core';
import { compact } from './compact.js';

type JsonObject = Record<string, unknown>;

const textHeader = (header: string | undefined) =>
  header === undefined ? undefined : { type: 'text', text: header };
const textOf = (text: string | undefined) => (text === undefined ? undefined : { text });

/**
 * A call-to-action URL button as the Graph `interactive` object of type `cta_url`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-cta-url-messages/).
 */
export function toGraphCtaUrl(message: ValidOutboundMessageOf<'cta_url'>): JsonObject {
  return compact({
    type: 'cta_url',
    header: textHeader(message.header),
    body: { text: message.body },
    footer: textOf(message.footer),
    action: { name: 'cta_url', parameters: { display_text: message.buttonText, url: message.url } },
  });
}

/**
 * A location request as the Graph `interactive` object of type `location_request_message`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/location-request-messages/).
 */
export function toGraphLocationRequest(message: ValidOutboundMessageOf<'location_request'>): JsonObject {
  return {
    type: 'location_request_message',
    body: { text: message.body },
    action: { name: 'send_location' },
  };
}

/** A single-product message as the Graph `interactive` object of type `product` (Meta's OpenAPI `ActionObject`). */
export function toGraphProduct(message: ValidOutboundMessageOf<'product'>): JsonObject {
  return compact({
    type: 'product',
    body: textOf(message.body),
    footer: textOf(message.footer),
    action: { catalog_id: message.catalogId, product_retailer_id: message.productId },
  });
}

/** A multi-product message as the Graph `interactive` object of type `product_list`. */
export function toGraphProductList(message: ValidOutboundMessageOf<'product_list'>): JsonObject {
  return compact({
    type: 'product_list',
    header: textHeader(message.header),
    body: { text: message.body },
    footer: textOf(message.footer),
    action: {
      catalog_id: message.catalogId,
      sections: message.sections.map((section) =>
        compact({
          title: section.title,
          product_items: section.productIds.map((id) => ({ product_retailer_id: id })),
        }),
      ),
    },
  });
}

/**
 * A WhatsApp Flow as the Graph `interactive` object of type `flow`, `flow_message_version` 3 (Meta's
 * OpenAPI `ActionObject`, https://developers.facebook.com/docs/whatsapp/flows/guides/sendingaflow).
 * `flow_action_payload` is sent only for `navigate` with a screen.
 */
export function toGraphFlow(message: ValidOutboundMessageOf<'flow'>): JsonObject {
  const payload =
    message.screen === undefined ? undefined : compact({ screen: message.screen, data: message.data });
  return compact({
    type: 'flow',
    header: textHeader(message.header),
    body: { text: message.body },
    footer: textOf(message.footer),
    action: {
      name: 'flow',
      parameters: compact({
        flow_message_version: '3',
        flow_id: message.flowId,
        flow_name: message.flowName,
        flow_cta: message.buttonText,
        flow_token: message.flowToken,
        mode: message.mode,
        flow_action: message.action,
        flow_action_payload: payload,
      }),
    },
  });
}
