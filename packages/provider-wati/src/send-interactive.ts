import type { ValidOutboundMessageOf } from '@switchboard/core';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import type { WatiSessionRequest } from './session-send-result.js';

/**
 * The request of a buttons message: `POST /api/v1/sendInteractiveButtonsMessage?whatsappNumber=…`
 * with JSON `{ header: { type: 'text', text }, body, footer, buttons: [{ text }] }`. Button ids are
 * not sent (WATI has none); the reply's `id` is the button title.
 */
export function buttonsRequest(message: ValidOutboundMessageOf<'buttons'>): WatiSessionRequest {
  return {
    kind: 'session',
    to: message.to,
    request: {
      method: 'POST',
      path: '/api/v1/sendInteractiveButtonsMessage',
      query: { whatsappNumber: message.to },
      body: {
        type: 'json',
        value: {
          ...(message.header === undefined ? {} : { header: { type: 'text', text: message.header } }),
          body: message.body,
          ...(message.footer === undefined ? {} : { footer: message.footer }),
          buttons: message.buttons.map((button) => ({ text: button.title })),
        },
      },
      operation: 'send.buttons',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.sessionSend,
    },
    fallbackId: crypto.randomUUID(),
  };
}

/**
 * The request of a list message: `POST /api/v1/sendInteractiveListMessage?whatsappNumber=…` with
 * JSON `{ header, body, footer, buttonText, sections: [{ title, rows: [{ title, description }] }] }`
 * (`header` is a plain string here). Row ids are not sent; the reply's `id` is the row title, which
 * is why row titles must be unique (checked before).
 */
export function listRequest(message: ValidOutboundMessageOf<'list'>): WatiSessionRequest {
  return {
    kind: 'session',
    to: message.to,
    request: {
      method: 'POST',
      path: '/api/v1/sendInteractiveListMessage',
      query: { whatsappNumber: message.to },
      body: {
        type: 'json',
        value: {
          ...(message.header === undefined ? {} : { header: message.header }),
          body: message.body,
          ...(message.footer === undefined ? {} : { footer: message.footer }),
          buttonText: message.buttonText,
          sections: message.sections.map((section) => ({
            ...(section.title === undefined ? {} : { title: section.title }),
            rows: section.rows.map((row) => ({
              title: row.title,
              ...(row.description === undefined ? {} : { description: row.description }),
            })),
          })),
        },
      },
      operation: 'send.list',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.sessionSend,
    },
    fallbackId: crypto.randomUUID(),
  };
}
