import type { InboundMessageContent, InboundMessageEvent, OutboundMessage } from '@switchboard/core';

/** A one-line, human rendering of an outbound message for the inbox. */
export function describeOutbound(message: OutboundMessage): string {
  switch (message.type) {
    case 'text':
      return message.text;
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker': {
      const caption = 'caption' in message ? message.caption : undefined;
      return caption ? `[${message.type}] ${caption}` : `[${message.type}]`;
    }
    case 'location':
      return `[location] ${message.name ?? `${message.latitude}, ${message.longitude}`}`;
    case 'contacts':
      return `[contacts] ${message.contacts.map((card) => card.name.formatted).join(', ')}`;
    case 'buttons':
      return `${message.body} [${message.buttons.map((button) => button.title).join(' | ')}]`;
    case 'list':
      return `${message.body} [${message.buttonText}]`;
    case 'template':
      return describeTemplate(message.template.name, message.template.parameters);
    case 'reaction':
      return message.emoji === '' ? '[reaction removed]' : `[reaction] ${message.emoji}`;
    case 'cta_url':
      return `${message.body} [${message.buttonText} → ${message.url}]`;
    case 'location_request':
      return `${message.body} [send location]`;
    case 'typing_indicator':
      return '[typing…]';
    case 'product':
      return `[product] ${message.productId}`;
    case 'product_list':
      return `${message.body} [${message.sections.flatMap((section) => section.productIds).length} products]`;
    case 'flow':
      return `${message.body} [${message.buttonText}]`;
  }
}

/** `Template order_update (name: Ada, ordernumber: 42)`. */
export function describeTemplate(
  name: string,
  parameters: readonly string[] | Record<string, string> | undefined,
): string {
  if (parameters === undefined) return `Template ${name}`;
  const entries = Array.isArray(parameters)
    ? parameters.map((value, index) => `${index + 1}: ${value}`)
    : Object.entries(parameters).map(([key, value]) => `${key}: ${value}`);
  return entries.length === 0 ? `Template ${name}` : `Template ${name} (${entries.join(', ')})`;
}

/** A one-line, human rendering of an inbound message for the inbox. */
export function describeInbound(content: InboundMessageContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker': {
      const kind = content.voice === true ? 'voice note' : content.type;
      return content.caption ? `[${kind}] ${content.caption}` : `[${kind}]`;
    }
    case 'location':
      return `[location] ${content.name ?? `${content.latitude}, ${content.longitude}`}`;
    case 'contacts':
      return `[contacts] ${content.contacts.map((card) => card.name.formatted).join(', ')}`;
    case 'button_reply':
    case 'list_reply':
      return content.title;
    case 'reaction':
      return content.emoji === '' ? '[reaction removed]' : `[reaction] ${content.emoji}`;
    case 'unsupported':
      return content.reason === undefined
        ? '[unsupported message]'
        : `[unsupported message: ${content.reason.title}]`;
  }
}

/**
 * An inbound message for the inbox with what the provider says about it: `[forwarded]` (or
 * `[forwarded many times]`) before the content, and the click-to-WhatsApp ad it came from after it.
 */
export function describeInboundEvent(event: InboundMessageEvent): string {
  const forwarded = event.frequentlyForwarded
    ? '[forwarded many times] '
    : event.forwarded
      ? '[forwarded] '
      : '';
  const ad = event.referral?.headline ?? event.referral?.sourceUrl ?? event.referral?.sourceId;
  return `${forwarded}${describeInbound(event.message)}${ad === undefined ? '' : ` (from ad: ${ad})`}`;
}
