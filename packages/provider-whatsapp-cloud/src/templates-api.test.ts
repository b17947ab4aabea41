import { type Template, type TemplateDefinition, templateSchema, ValidationError } from '@switchboard/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  BUSINESS_ACCOUNT_ID,
  DIRECT_HEADERS,
  DIRECT_JSON_HEADERS,
  directCloud,
  fixtures,
  startGraphServer,
  wire,
} from './__fixtures__/graph-server.js';

const templatesPath = `/v21.0/${BUSINESS_ACCOUNT_ID}/message_templates`;

describe('templates.list', () => {
  it('maps the reference page to neutral templates with the after cursor', async () => {
    await using server = await startGraphServer();
    const page = await directCloud(server).templates.list();

    expect(wire(server.requests[0])).toStrictEqual({
      method: 'GET',
      path: templatesPath,
      query: {},
      headers: DIRECT_HEADERS,
      body: undefined,
    });
    const expected: Template = {
      id: '1192339204654487',
      name: 'order_confirmation',
      language: 'en_US',
      category: 'utility',
      status: 'approved',
      parameterFormat: 'positional',
      parameterNames: ['1', '2'],
      components: [
        { type: 'header', format: 'text', text: 'Order Confirmation' },
        { type: 'body', text: 'Hi {{1}}, your order #{{2}} has been confirmed!' },
        { type: 'footer', text: 'Thank you for your purchase' },
      ],
      raw: fixtures.templatesListResponse.data[0],
    };
    expect(page).toStrictEqual({ items: [expected], nextCursor: 'MjQZD' });
    expect(templateSchema.parse(page.items[0])).toStrictEqual(expected);
  });

  it('sends pageSize as limit, the cursor as after and the status uppercase', async () => {
    await using server = await startGraphServer();
    await directCloud(server).templates.list({ pageSize: 1, cursor: 'MjQZD', status: 'approved' });
    expect(wire(server.requests[0]).query).toStrictEqual({ limit: '1', after: 'MjQZD', status: 'APPROVED' });
  });

  it('has no nextCursor on the last page (no paging.next)', async () => {
    await using server = await startGraphServer(
      http.get('/v21.0/:waba/message_templates', () =>
        HttpResponse.json({ data: [], paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } } }),
      ),
    );
    expect(await directCloud(server).templates.list()).toStrictEqual({ items: [] });
  });

  it('maps named templates, buttons and statuses or categories it does not know', async () => {
    const record = {
      name: 'order_update',
      parameter_format: 'NAMED',
      components: [
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1h'] } },
        { type: 'BODY', text: 'Hi {{customer_name}}, order {{order_id}} ships {{ship_date}}.' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Stop updates' },
            { type: 'URL', text: 'Track', url: 'https://example.com/track/{{1}}' },
            { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+16467043595' },
            { type: 'COPY_CODE', text: 'Copy offer code' },
            { type: 'CATALOG', text: 'View catalog' },
          ],
        },
        { type: 'CAROUSEL', cards: [] },
      ],
      language: 'en',
      status: 'BRAND_NEW_STATUS',
      category: 'MARKETING_LITE',
      id: '998877',
    };
    await using server = await startGraphServer(
      http.get('/v21.0/:waba/message_templates', () => HttpResponse.json({ data: [record] })),
    );
    const [template] = (await directCloud(server).templates.list()).items;
    expect(template).toStrictEqual({
      id: '998877',
      name: 'order_update',
      language: 'en',
      category: 'unknown',
      status: 'unknown',
      parameterFormat: 'named',
      parameterNames: ['customer_name', 'order_id', 'ship_date'],
      components: [
        { type: 'header', format: 'image' },
        { type: 'body', text: 'Hi {{customer_name}}, order {{order_id}} ships {{ship_date}}.' },
        {
          type: 'buttons',
          buttons: [
            { type: 'quick_reply', text: 'Stop updates' },
            { type: 'url', text: 'Track', url: 'https://example.com/track/{{1}}' },
            { type: 'phone_number', text: 'Call us', phoneNumber: '+16467043595' },
            { type: 'copy_code', text: 'Copy offer code' },
            { type: 'other', text: 'View catalog' },
          ],
        },
      ],
      raw: record,
    });
    expect(() => templateSchema.parse(template)).not.toThrow();
  });

  it.each([
    ['IN_APPEAL', 'in_appeal'],
    ['PAUSED', 'paused'],
    ['PENDING_DELETION', 'pending_deletion'],
    ['REJECTED', 'rejected'],
  ])('lowercases status %s to %s', async (status, expected) => {
    await using server = await startGraphServer(
      http.get('/v21.0/:waba/message_templates', () =>
        HttpResponse.json({ data: [{ name: 'a', language: 'en', status, category: 'AUTHENTICATION' }] }),
      ),
    );
    const [template] = (await directCloud(server).templates.list()).items;
    expect([template?.status, template?.category, template?.parameterFormat]).toEqual([
      expected,
      'authentication',
      'positional',
    ]);
  });

  it('needs businessAccountId and says which option and variable, before any request', async () => {
    await using server = await startGraphServer();
    const error = await directCloud(server, { businessAccountId: undefined })
      .templates.list()
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['businessAccountId']);
    expect((error as Error).message).toContain('WHATSAPP_BUSINESS_ACCOUNT_ID');
    expect(server.requests).toHaveLength(0);
  });
});

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
