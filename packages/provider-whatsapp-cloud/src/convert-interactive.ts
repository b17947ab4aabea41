import type { ValidOutboundMessageOf } from '@switchboard/core';
import { compact } from './compact.js';

/**
 * Reply buttons as the Graph `interactive` object of type `button`
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages).
 * The neutral header is text, which is one of the header types Meta takes for buttons.
 */
export function toGraphButtons(message: ValidOutboundMessageOf<'buttons'>): Record<string, unknown> {
  return compact({
    type: 'button',
    header: message.header === undefined ? undefined : { type: 'text', text: message.header },
    body: { text: message.body },
    footer: message.footer === undefined ? undefined : { text: message.footer },
    action: {
      buttons: message.buttons.map((button) => ({
        type: 'reply',
        reply: { id: button.id, title: button.title },
      })),
    },
  });
}

/**
 * A list as the Graph `interactive` object of type `list`
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages).
 * Meta only takes a text header on lists, which is all the neutral model has.
 */
export function toGraphList(message: ValidOutboundMessageOf<'list'>): Record<string, unknown> {
  return compact({
    type: 'list',
    header: message.header === undefined ? undefined : { type: 'text', text: message.header },
    body: { text: message.body },
    footer: message.footer === undefined ? undefined : { text: message.footer },
    action: {
      button: message.buttonText,
      sections: message.sections.map((section) =>
        compact({
          title: section.title,
          rows: section.rows.map((row) =>
            compact({ id: row.id, title: row.title, description: row.description }),
          ),
        }),
      ),
    },
  });
}
