import {
  TEMPLATE_STATUSES,
  type Template,
  type TemplateListOptions,
  templateSchema,
  ValidationError,
} from '@switchboard/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  BUSINESS_ACCOUNT_ID,
  DIRECT_HEADERS,
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

  it.each([
    ['approved', 'APPROVED'],
    ['pending', 'PENDING'],
    ['rejected', 'REJECTED'],
    ['paused', 'PAUSED'],
    ['disabled', 'DISABLED'],
    ['in_appeal', 'IN_APPEAL'],
    ['pending_deletion', 'PENDING_DELETION'],
    ['deleted', 'DELETED'],
    ['limit_exceeded', 'LIMIT_EXCEEDED'],
    ['archived', 'ARCHIVED'],
    ['draft', 'DRAFT'],
  ] as const)('filters status %s as Meta’s %s', async (status, filter) => {
    await using server = await startGraphServer();
    await directCloud(server).templates.list({ status });
    expect(wire(server.requests[0]).query).toStrictEqual({ status: filter });
  });

  it('covers every core status but unknown, which it rejects before any request', async () => {
    const filterable = TEMPLATE_STATUSES.filter((status) => status !== 'unknown');
    expect(filterable).toHaveLength(11);
    await using server = await startGraphServer();
    const error = await directCloud(server)
      .templates.list({ status: 'unknown' } as unknown as TemplateListOptions)
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error) && error.fields).toEqual(['status']);
    expect(server.requests).toHaveLength(0);
  });

  it('keeps tokens out of the page: paging links embed access_token, raw fields are redacted', async () => {
    const injected = 'EAAGgatewayInjectedToken987';
    await using server = await startGraphServer(
      http.get('/v21.0/:waba/message_templates', () =>
        HttpResponse.json({
          data: [
            {
              ...fixtures.templatesListResponse.data[0],
              rejected_reason: `see https://graph.facebook.com/x?access_token=${ACCESS_TOKEN}`,
            },
          ],
          paging: {
            cursors: { before: 'MAZDZD', after: 'MjQZD' },
            next: `https://graph.facebook.com/v21.0/${BUSINESS_ACCOUNT_ID}/message_templates?access_token=${injected}&after=MjQZD`,
          },
        }),
      ),
    );
    const page = await directCloud(server).templates.list();
    expect(page.nextCursor).toBe('MjQZD');
    const text = JSON.stringify(page);
    expect(text).not.toContain(ACCESS_TOKEN);
    expect(text).not.toContain(injected);
    expect(text).toContain('access_token=[redacted]');
  });

  it('infers the parameter format from header and body placeholders when Meta leaves parameter_format out', async () => {
    const template = (name: string, header: string, body: string) => ({
      name,
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: header },
        { type: 'BODY', text: body },
      ],
    });
    await using server = await startGraphServer(
      http.get('/v21.0/:waba/message_templates', () =>
        HttpResponse.json({
          data: [
            template('named_header', 'Order {{order_id}}', 'Your order is ready.'),
            template('positional', 'Order {{1}}', 'Hi {{1}}'),
            template('static', 'Hello', 'Welcome!'),
          ],
        }),
      ),
    );
    const { items } = await directCloud(server).templates.list();
    expect(items.map((item) => [item.name, item.parameterFormat, item.parameterNames])).toStrictEqual([
      ['named_header', 'named', []],
      ['positional', 'positional', ['1']],
      ['static', 'positional', []],
    ]);
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
