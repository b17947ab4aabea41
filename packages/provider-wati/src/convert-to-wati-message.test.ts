// The conversion alone: a valid neutral message → WATI's request, with no network involved.
import { type OutboundMessage, outboundMessageSchema, UnsupportedFeatureError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { type ConvertToWatiContext, convertToWatiMessage } from './convert-to-wati-message.js';
import { TemplateCache } from './template-parameters.js';

const templates = new TemplateCache(async () => {
  throw new Error('named parameters need no template list');
}, 60_000);
const context: ConvertToWatiContext = { templates, templateApi: 'v2', sessionTextEncoding: 'both' };
const to = '14155551234';

function convert(message: OutboundMessage, overrides: Partial<ConvertToWatiContext> = {}) {
  return convertToWatiMessage(outboundMessageSchema.parse(message), { ...context, ...overrides });
}

describe('convertToWatiMessage', () => {
  it('text: the session endpoint, the text in a form body and the query by default', async () => {
    const wire = await convert({ to: '+1 415 555 1234', type: 'text', text: 'Hello', replyTo: 'wamid.Q' });
    const localMessageId = wire.kind === 'session' ? wire.localMessageId : undefined;
    expect(wire).toStrictEqual({
      kind: 'session',
      to,
      request: {
        method: 'POST',
        path: `/api/v1/sendSessionMessage/${to}`,
        query: { messageText: 'Hello', localMessageId, replyContextId: 'wamid.Q' },
        body: { type: 'form', fields: { messageText: 'Hello' } },
        sensitiveQuery: ['messageText'],
        operation: 'send.text',
        rateLimitGroup: 'sessionSend',
      },
      localMessageId: expect.any(String),
      fallbackId: localMessageId,
    });
    const query = await convert({ to, type: 'text', text: 'Hello' }, { sessionTextEncoding: 'query' });
    expect(query.request.body).toBeUndefined();
    const form = await convert({ to, type: 'text', text: 'Hello' }, { sessionTextEncoding: 'form' });
    expect(form.request.query).not.toHaveProperty('messageText');
  });

  it('files: multipart bytes with an invented name, or a URL for WATI to fetch', async () => {
    const data = new Uint8Array([0xff, 0xd8, 0xff]);
    const bytes = await convert({
      to,
      type: 'image',
      media: { data, mimeType: 'image/jpeg' },
      caption: 'Menu',
    });
    expect(bytes.request).toMatchObject({
      path: `/api/v1/sendSessionFile/${to}`,
      query: { caption: 'Menu' },
      body: {
        type: 'multipart',
        parts: [{ name: 'file', data, filename: 'image.jpg', contentType: 'image/jpeg' }],
      },
      operation: 'send.image',
    });
    const url = await convert({
      to,
      type: 'document',
      media: { url: 'https://cdn.example/a.pdf' },
      filename: 'A.pdf',
    });
    expect(url.request).toMatchObject({
      path: `/api/v1/sendSessionFileViaUrl/${to}`,
      query: { fileUrl: 'https://cdn.example/a.pdf', caption: 'A.pdf' },
    });
    expect(url.request.body).toBeUndefined();
  });

  it('interactive: JSON bodies without ids', async () => {
    const buttons = await convert({
      to,
      type: 'buttons',
      body: 'Confirm?',
      buttons: [{ id: 'y', title: 'Yes' }],
    });
    expect(buttons.request).toMatchObject({
      path: '/api/v1/sendInteractiveButtonsMessage',
      query: { whatsappNumber: to },
      body: { type: 'json', value: { body: 'Confirm?', buttons: [{ text: 'Yes' }] } },
    });
    const list = await convert({
      to,
      type: 'list',
      body: 'Pick',
      buttonText: 'Slots',
      sections: [{ rows: [{ id: 'a', title: 'Morning' }] }],
    });
    expect(list.request.body).toStrictEqual({
      type: 'json',
      value: { body: 'Pick', buttonText: 'Slots', sections: [{ rows: [{ title: 'Morning' }] }] },
    });
  });

  it('template: the configured API version, named parameters and the broadcast name', async () => {
    const message = {
      to,
      type: 'template',
      template: { name: 'order_update', language: 'en', parameters: { name: 'Ada' } },
    } as const;
    const wire = await convert(message, { templateApi: 'v1', broadcastName: 'Orders' });
    expect(wire).toStrictEqual({
      kind: 'template',
      to,
      request: {
        method: 'POST',
        path: '/api/v1/sendTemplateMessage',
        query: { whatsappNumber: to },
        body: {
          type: 'json',
          value: {
            template_name: 'order_update',
            broadcast_name: 'Orders',
            parameters: [{ name: 'name', value: 'Ada' }],
          },
        },
        operation: 'send.template',
        rateLimitGroup: 'templateSend',
      },
    });
    expect((await convert(message)).request.body).toMatchObject({
      value: { broadcast_name: 'order_update' },
    });
  });

  it.each([
    ['send.location', { to, type: 'location', latitude: 1, longitude: 2 }],
    ['send.sticker', { to, type: 'sticker', media: { url: 'https://x.example/s.webp' } }],
    ['send.media.id', { to, type: 'image', media: { id: 'data/images/a.jpg' } }],
  ] as const)('refuses what WATI has no request for: %s', async (capability, message) => {
    const error = await convert(message as OutboundMessage).catch((caught: unknown) => caught);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ capability, provider: 'wati' });
  });
});
