import { randomUUID } from 'node:crypto';
import { type SendResult, ValidationError, type ValidOutboundMessageOf } from '@switchboard/core';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { perCall, type SendContext } from './send-context.js';
import { sessionSendResponseSchema, toSessionSendResult } from './session-send-result.js';
import { WATI_PROVIDER_ID } from './wati-options.js';

/**
 * WATI's interactive endpoints take no button or row ids; a reply comes back with the title as its
 * id. Two rows with the same title would be indistinguishable, so they are refused up front.
 */
function rejectDuplicateRowTitles(message: ValidOutboundMessageOf<'list'>): void {
  const seen = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  message.sections.forEach((section, sectionIndex) => {
    section.rows.forEach((row, rowIndex) => {
      if (seen.has(row.title)) {
        issues.push({
          path: `sections.${sectionIndex}.rows.${rowIndex}.title`,
          message: 'row titles must be unique with WATI: replies identify the row by its title',
        });
      }
      seen.add(row.title);
    });
  });
  if (issues.length > 0) {
    throw new ValidationError(
      `Invalid message: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      {
        provider: WATI_PROVIDER_ID,
        issues,
      },
    );
  }
}

/**
 * A buttons message: `POST /api/v1/sendInteractiveButtonsMessage?whatsappNumber=…` with JSON
 * `{ header: { type: 'text', text }, body, footer, buttons: [{ text }] }`. Button ids are not sent
 * (WATI has none); the reply's `id` is the button title.
 */
export async function sendButtons(
  context: SendContext,
  message: ValidOutboundMessageOf<'buttons'>,
): Promise<SendResult> {
  const { client, options } = context;
  const response = await client.call(
    {
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
      ...perCall(options),
    },
    sessionSendResponseSchema,
  );
  return toSessionSendResult(response.data, message.to, { fallbackId: randomUUID() });
}

/**
 * A list message: `POST /api/v1/sendInteractiveListMessage?whatsappNumber=…` with JSON
 * `{ header, body, footer, buttonText, sections: [{ title, rows: [{ title, description }] }] }`
 * (`header` is a plain string here). Row ids are not sent; the reply's `id` is the row title.
 */
export async function sendList(
  context: SendContext,
  message: ValidOutboundMessageOf<'list'>,
): Promise<SendResult> {
  rejectDuplicateRowTitles(message);
  const { client, options } = context;
  const response = await client.call(
    {
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
      ...perCall(options),
    },
    sessionSendResponseSchema,
  );
  return toSessionSendResult(response.data, message.to, { fallbackId: randomUUID() });
}
