import { type TemplateMessage, ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { directCloud, envelope, sentMessageBody, startGraphServer } from './__fixtures__/graph-server.js';

const sentTemplate = (template: TemplateMessage, to = '1234567890'): Promise<unknown> =>
  sentMessageBody({ type: 'template', to, template });

describe('send: template', () => {
  it('sends a template without parameters with no components (hello_world)', async () => {
    expect(await sentTemplate({ name: 'hello_world', language: 'en_US' })).toStrictEqual({
      ...envelope('1234567890'),
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
  });

  it('sends positional parameters as body text parameters (reference shape)', async () => {
    expect(
      await sentTemplate({ name: 'hello_world', language: 'en_US', parameters: ['John'] }),
    ).toStrictEqual({
      ...envelope('1234567890'),
      type: 'template',
      template: {
        name: 'hello_world',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'John' }] }],
      },
    });
  });

  it('sends named parameters with parameter_name', async () => {
    const body = await sentTemplate({
      name: 'order_update',
      language: 'en_US',
      parameters: { customer_name: 'Jessica', order_number: 'SKBUP2-4CPIG9' },
    });
    expect(body).toStrictEqual({
      ...envelope('1234567890'),
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'customer_name', text: 'Jessica' },
              { type: 'text', parameter_name: 'order_number', text: 'SKBUP2-4CPIG9' },
            ],
          },
        ],
      },
    });
  });

  it('maps a location header and quick-reply, URL and copy-code buttons (Meta’s order_delivery_update example)', async () => {
    const body = await sentTemplate(
      {
        name: 'order_delivery_update',
        language: 'en_US',
        header: {
          type: 'location',
          latitude: 37.483307,
          longitude: -122.148981,
          name: 'Pablo Morales',
          address: '1 Hacker Way, Menlo Park, CA 94025',
        },
        parameters: ['Mark', '566701'],
        buttons: [
          { type: 'quick_reply', index: 0, payload: 'STOP_UPDATES' },
          { type: 'url', index: 1, text: '566701' },
          { type: 'copy_code', index: 2, code: 'SAVE25' },
        ],
      },
      '16505551234',
    );
    expect(body).toStrictEqual({
      ...envelope(),
      type: 'template',
      template: {
        name: 'order_delivery_update',
        language: { code: 'en_US' },
        components: [
          {
            type: 'header',
            parameters: [
              {
                type: 'location',
                location: {
                  latitude: '37.483307',
                  longitude: '-122.148981',
                  name: 'Pablo Morales',
                  address: '1 Hacker Way, Menlo Park, CA 94025',
                },
              },
            ],
          },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Mark' },
              { type: 'text', text: '566701' },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'STOP_UPDATES' }],
          },
          { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '566701' }] },
          {
            type: 'button',
            sub_type: 'copy_code',
            index: '2',
            parameters: [{ type: 'coupon_code', coupon_code: 'SAVE25' }],
          },
        ],
      },
    });
  });

  it.each([
    [
      'image by link',
      { type: 'image', media: { url: 'https://example.com/offer.jpg' } },
      { type: 'image', image: { link: 'https://example.com/offer.jpg' } },
    ],
    [
      'video by id',
      { type: 'video', media: { id: '1037543291543636' } },
      { type: 'video', video: { id: '1037543291543636' } },
    ],
    [
      'document by link with filename',
      { type: 'document', media: { url: 'https://example.com/receipt.pdf' }, filename: 'receipt.pdf' },
      { type: 'document', document: { link: 'https://example.com/receipt.pdf', filename: 'receipt.pdf' } },
    ],
    ['text', { type: 'text', text: 'Summer Sale' }, { type: 'text', text: 'Summer Sale' }],
  ] as const)('maps a %s header parameter', async (_label, header, parameter) => {
    const body = await sentTemplate({
      name: 'limited_time_offer',
      language: 'en_US',
      header,
      parameters: ['Mark', 'Tuscan Getaway', '$800'],
    });
    expect(body).toStrictEqual({
      ...envelope('1234567890'),
      type: 'template',
      template: {
        name: 'limited_time_offer',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [parameter] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Mark' },
              { type: 'text', text: 'Tuscan Getaway' },
              { type: 'text', text: '$800' },
            ],
          },
        ],
      },
    });
  });

  it('names the text header parameter of a named template (parameter_name from header.name)', async () => {
    const body = await sentTemplate({
      name: 'order_update',
      language: 'en_US',
      header: { type: 'text', text: '12345', name: 'order_id' },
      parameters: { customer_name: 'Jessica' },
    });
    expect(body).toStrictEqual({
      ...envelope('1234567890'),
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: '12345' }] },
          { type: 'body', parameters: [{ type: 'text', parameter_name: 'customer_name', text: 'Jessica' }] },
        ],
      },
    });
  });

  it('sends a named header over a body without variables', async () => {
    const body = await sentTemplate({
      name: 'order_ready',
      language: 'en_US',
      header: { type: 'text', text: '12345', name: 'order_id' },
    });
    expect(body).toStrictEqual({
      ...envelope('1234567890'),
      type: 'template',
      template: {
        name: 'order_ready',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: '12345' }] },
        ],
      },
    });
  });

  it.each([
    [
      'a text header without name in a named template',
      { header: { type: 'text', text: '12345' }, parameters: { customer_name: 'Jessica' } },
    ],
    [
      'a named text header with positional parameters',
      { header: { type: 'text', text: '12345', name: 'order_id' }, parameters: ['Jessica'] },
    ],
  ] as const)('rejects %s before any request (template.header.name)', async (_label, parts) => {
    await using server = await startGraphServer();
    const error = await directCloud(server)
      .send({
        type: 'template',
        to: '16505551234',
        template: { name: 'order_update', language: 'en_US', ...parts } as TemplateMessage,
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['template.header.name']);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects duplicate button indexes and empty parameters before any request', async () => {
    await using server = await startGraphServer();
    const cloud = directCloud(server);
    const duplicate = await cloud
      .send({
        type: 'template',
        to: '16505551234',
        template: {
          name: 't',
          language: 'en',
          buttons: [
            { type: 'url', index: 0, text: 'a' },
            { type: 'quick_reply', index: 0, payload: 'b' },
          ],
        },
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(duplicate) && duplicate.fields).toEqual(['template.buttons.1.index']);
    const empty = await cloud
      .send({
        type: 'template',
        to: '16505551234',
        template: { name: 't', language: 'en', parameters: [''] },
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(empty) && empty.fields).toEqual(['template.parameters.0']);
    expect(server.requests).toHaveLength(0);
  });
});
