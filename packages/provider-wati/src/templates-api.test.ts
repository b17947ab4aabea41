import { templateSchema } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, fixture, startWatiServer, TENANT, TOKEN, wire } from './__fixtures__/wati-server.js';
import { mapTemplateStatus } from './template-mapping.js';

const TEMPLATES = fixture<{ messageTemplates: Record<string, unknown>[] }>(
  'get-message-templates-response.json',
);

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.get(`${TENANT}/api/v1/getMessageTemplates`, () => HttpResponse.json(TEMPLATES)),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

describe('templates.list (getMessageTemplates)', () => {
  it('maps WATI templates to neutral templates', async () => {
    const page = await directWati(server).templates.list({ pageSize: 10 });
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'GET',
      path: `${TENANT}/api/v1/getMessageTemplates`,
      query: { pageSize: '10', pageNumber: '1' },
      contentType: undefined,
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(page).toStrictEqual({
      items: [
        {
          id: '63766ae83b2e064905789c63',
          name: 'update_for_you',
          language: 'en',
          category: 'marketing',
          status: 'approved',
          parameterFormat: 'named',
          parameterNames: ['name'],
          components: [
            { type: 'body', text: 'Hi {{name}}! We have an update for you.' },
            { type: 'footer', text: 'Reply STOP to opt out' },
            { type: 'buttons', buttons: [{ type: 'quick_reply', text: 'Tell me more' }] },
          ],
          raw: TEMPLATES.messageTemplates[0],
        },
        {
          id: '64a1b2c3d4e5f60718293a4b',
          name: 'order_update',
          language: 'en_US',
          category: 'utility',
          status: 'approved',
          parameterFormat: 'named',
          parameterNames: ['name', 'ordernumber'],
          components: [
            { type: 'header', format: 'text', text: 'Order {{ordernumber}}' },
            { type: 'body', text: 'Hi {{name}}, your order {{ordernumber}} has shipped.' },
          ],
          raw: TEMPLATES.messageTemplates[1],
        },
      ],
    });
    for (const item of page.items) expect(templateSchema.parse(item)).toStrictEqual(item);
  });

  it('takes parameter names from the body when WATI lists no customParams, and filters by status', async () => {
    server.use(
      http.get(`${TENANT}/api/v1/getMessageTemplates`, () =>
        HttpResponse.json({
          messageTemplates: [
            {
              elementName: 'otp_code',
              category: 'AUTHENTICATION',
              status: 'APPROVED',
              language: 'en',
              body: 'Code {{1}}, valid {{2}} min',
            },
            {
              elementName: 'draft_one',
              category: 'MARKETING',
              status: 'PENDING',
              language: 'en',
              body: 'Hi',
            },
          ],
          link: { prevPage: null, nextPage: 2, pageNumber: 1, pageSize: 2, total: 4 },
        }),
      ),
    );
    const page = await directWati(server).templates.list({ pageSize: 2, status: 'approved' });
    expect(
      page.items.map((item) => [item.name, item.parameterFormat, item.parameterNames, item.language]),
    ).toStrictEqual([['otp_code', 'positional', ['1', '2'], 'en']]);
    expect(page.nextCursor).toEqual(expect.any(String));
    // The next page keeps the status filter although only the cursor is passed.
    const next = await directWati(server).templates.list({ cursor: page.nextCursor });
    expect(next.items.map((item) => item.name)).toStrictEqual(['otp_code']);
    expect(Object.fromEntries(server.requests[1]?.query ?? [])).toStrictEqual({
      pageSize: '2',
      pageNumber: '2',
    });
  });

  it('reads string and numeric statuses', () => {
    expect(
      ['APPROVED', 'Rejected', 'PENDING_INTERNAL', 1, '2', 3, 4, 'WEIRD', null].map(mapTemplateStatus),
    ).toStrictEqual([
      'approved',
      'rejected',
      'pending',
      'pending',
      'approved',
      'rejected',
      'deleted',
      'unknown',
      'unknown',
    ]);
  });
});
