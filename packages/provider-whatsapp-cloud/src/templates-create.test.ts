import { type TemplateDefinition, ValidationError } from '@switchboard/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  BUSINESS_ACCOUNT_ID,
  DIRECT_HEADERS,
  DIRECT_JSON_HEADERS,
  directCloud,
  startGraphServer,
  wire,
} from './__fixtures__/graph-server.js';

const templatesPath = `/v21.0/${BUSINESS_ACCOUNT_ID}/message_templates`;

describe('templates.create', () => {
  it('submits a positional template with every component and the examples Meta requires', async () => {
    await using server = await startGraphServer();
    const result = await directCloud(server).templates.create({
      name: 'order_confirmation',
      language: 'en_US',
      category: 'utility',
      header: { format: 'text', text: 'Order {{1}}', example: '12345' },
      body: { text: 'Hi {{1}}, your order #{{2}} has been confirmed!', examples: ['John', '12345'] },
      footer: { text: 'Thank you for your purchase' },
      buttons: [
        { type: 'quick_reply', text: 'Stop updates' },
        {
          type: 'url',
          text: 'Track',
          url: 'https://example.com/track/{{1}}',
          example: 'https://example.com/track/12345',
        },
        { type: 'phone_number', text: 'Call us', phoneNumber: '16467043595' },
        { type: 'copy_code', example: 'SAVE25' },
      ],
    });

    expect(wire(server.requests[0])).toStrictEqual({
      method: 'POST',
      path: templatesPath,
      query: {},
      headers: DIRECT_JSON_HEADERS,
      body: {
        name: 'order_confirmation',
        language: 'en_US',
        category: 'UTILITY',
        parameter_format: 'POSITIONAL',
        components: [
          { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['12345'] } },
          {
            type: 'BODY',
            text: 'Hi {{1}}, your order #{{2}} has been confirmed!',
            example: { body_text: [['John', '12345']] },
          },
          { type: 'FOOTER', text: 'Thank you for your purchase' },
          {
            type: 'BUTTONS',
            buttons: [
              { type: 'QUICK_REPLY', text: 'Stop updates' },
              {
                type: 'URL',
                text: 'Track',
                url: 'https://example.com/track/{{1}}',
                example: ['https://example.com/track/12345'],
              },
              { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '16467043595' },
              { type: 'COPY_CODE', example: 'SAVE25' },
            ],
          },
        ],
      },
    });
    expect(result).toStrictEqual({
      id: '1689556908129832',
      name: 'order_confirmation',
      status: 'pending',
      category: 'utility',
    });
  });

  it('submits a named template with body_text_named_params and header_text_named_params', async () => {
    await using server = await startGraphServer();
    await directCloud(server).templates.create({
      name: 'order_update',
      language: 'en_US',
      category: 'marketing',
      header: { format: 'text', text: 'Order {{order_id}}', example: '12345' },
      body: {
        text: 'Hi {{customer_name}}, order {{order_id}} is on its way.',
        examples: { customer_name: 'John', order_id: '12345' },
      },
      allowCategoryChange: true,
    });
    expect(wire(server.requests[0]).body).toStrictEqual({
      name: 'order_update',
      language: 'en_US',
      category: 'MARKETING',
      parameter_format: 'NAMED',
      allow_category_change: true,
      components: [
        {
          type: 'HEADER',
          format: 'TEXT',
          text: 'Order {{order_id}}',
          example: { header_text_named_params: [{ param_name: 'order_id', example: '12345' }] },
        },
        {
          type: 'BODY',
          text: 'Hi {{customer_name}}, order {{order_id}} is on its way.',
          example: {
            body_text_named_params: [
              { param_name: 'customer_name', example: 'John' },
              { param_name: 'order_id', example: '12345' },
            ],
          },
        },
      ],
    });
  });

  it.each([
    [
      'image',
      { format: 'image', exampleHandle: '4::aW1hZ2UvanBlZw==' },
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw=='] } },
    ],
    ['location', { format: 'location' }, { type: 'HEADER', format: 'LOCATION' }],
    ['static text', { format: 'text', text: 'Welcome' }, { type: 'HEADER', format: 'TEXT', text: 'Welcome' }],
  ] as const)('submits a %s header', async (_label, header, component) => {
    await using server = await startGraphServer();
    await directCloud(server).templates.create({
      name: 'welcome',
      language: 'en',
      category: 'authentication',
      header,
      body: { text: 'Welcome aboard.' },
    });
    expect(wire(server.requests[0]).body).toStrictEqual({
      name: 'welcome',
      language: 'en',
      category: 'AUTHENTICATION',
      parameter_format: 'POSITIONAL',
      components: [component, { type: 'BODY', text: 'Welcome aboard.' }],
    });
  });

  it('submits a named header variable over a static body as NAMED', async () => {
    await using server = await startGraphServer();
    await directCloud(server).templates.create({
      name: 'shipping',
      language: 'en',
      category: 'utility',
      header: { format: 'text', text: 'Order {{order_id}}', example: '12345' },
      body: { text: 'Your order has shipped.' },
    });
    expect(wire(server.requests[0]).body).toMatchObject({
      parameter_format: 'NAMED',
      components: [
        {
          type: 'HEADER',
          example: { header_text_named_params: [{ param_name: 'order_id', example: '12345' }] },
        },
        { type: 'BODY', text: 'Your order has shipped.' },
      ],
    });
  });

  it('maps a status Meta gives at once', async () => {
    await using server = await startGraphServer(
      http.post('/v21.0/:waba/message_templates', () =>
        HttpResponse.json({ id: '42', status: 'APPROVED', category: 'MARKETING' }),
      ),
    );
    const result = await directCloud(server).templates.create({
      name: 'promo',
      language: 'en',
      category: 'utility',
      body: { text: 'Sale!' },
    });
    expect(result).toStrictEqual({ id: '42', name: 'promo', status: 'approved', category: 'marketing' });
  });

  it.each([
    [
      'a header and body of different styles',
      { format: 'text', text: 'Order {{order_id}}', example: '1' },
      { text: 'Hi {{1}}', examples: ['John'] },
      'header.text',
    ],
    [
      'a positional header other than {{1}}',
      { format: 'text', text: 'Order {{2}}', example: '1' },
      { text: 'Hi' },
      'header.text',
    ],
    ['a body without examples', undefined, { text: 'Hi {{1}}' }, 'body.examples'],
  ] as [string, TemplateDefinition['header'], TemplateDefinition['body'], string][])(
    'rejects %s before any request',
    async (_label, header, body, field) => {
      await using server = await startGraphServer();
      const error = await directCloud(server)
        .templates.create({
          name: 'bad',
          language: 'en',
          category: 'utility',
          ...(header ? { header } : {}),
          body,
        })
        .catch((caught: unknown) => caught);
      expect(ValidationError.isInstance(error) && error.fields).toEqual([field]);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('needs businessAccountId', async () => {
    await using server = await startGraphServer();
    const error = await directCloud(server, { businessAccountId: undefined })
      .templates.create({ name: 'promo', language: 'en', category: 'utility', body: { text: 'Sale!' } })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['businessAccountId']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('templates.delete', () => {
  it('deletes by name: DELETE /{waba}/message_templates?name=', async () => {
    await using server = await startGraphServer();
    await expect(directCloud(server).templates.delete('order_confirmation')).resolves.toBeUndefined();
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'DELETE',
      path: templatesPath,
      query: { name: 'order_confirmation' },
      headers: DIRECT_HEADERS,
      body: undefined,
    });
  });

  it('rejects an invalid name and a missing businessAccountId before any request', async () => {
    await using server = await startGraphServer();
    await expect(directCloud(server).templates.delete('Order Confirmation')).rejects.toSatisfy(
      ValidationError.isInstance,
    );
    await expect(
      directCloud(server, { businessAccountId: undefined }).templates.delete('order_confirmation'),
    ).rejects.toSatisfy(ValidationError.isInstance);
    expect(server.requests).toHaveLength(0);
  });
});
