import { conversationMessageSchema } from '@switchboard/core';
import type { LoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directWati, fixture, startWatiServer, TENANT, TOKEN, wire } from './__fixtures__/wati-server.js';

const HISTORY = fixture<{ messages: { items: Record<string, unknown>[] } }>('get-messages-response.json');
const [inboundText, inboundImage, , broadcast, outboundText] = HISTORY.messages.items;

let server: LoopbackServer;
beforeAll(async () => {
  server = await startWatiServer([
    http.get(`${TENANT}/api/v1/getMessages/:number`, () => HttpResponse.json(HISTORY)),
  ]);
});
afterEach(() => {
  server.assertNoUnhandledRequests();
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

describe('conversations.messages (getMessages)', () => {
  it('requests a page of the conversation and maps messages in both directions, leaving out ticket rows', async () => {
    const page = await directWati(server).conversations.messages('+1 775 986 5200', { pageSize: 20 });
    expect(wire(server.requests[0])).toStrictEqual({
      method: 'GET',
      path: `${TENANT}/api/v1/getMessages/17759865200`,
      query: { pageSize: '20', pageNumber: '1' },
      contentType: undefined,
      authorization: `Bearer ${TOKEN}`,
      matonConnection: null,
    });
    expect(page).toStrictEqual({
      items: [
        {
          id: '67093506d464c11dd46c3bcf',
          direction: 'inbound',
          timestamp: new Date(1728656646 * 1000),
          message: { type: 'text', text: 'Know the Pricing' },
          providerIds: { id: '67093506d464c11dd46c3bcf' },
          raw: inboundText,
        },
        {
          id: '670934f9d464c11dd46c3bc9',
          direction: 'inbound',
          timestamp: new Date(1728656600 * 1000),
          message: {
            type: 'image',
            media: { id: 'data/images/6f1c2a34-9d7e-4b1f-8a55-0c2e1d3f4a5b.jpg', mimeType: 'image/jpeg' },
          },
          providerIds: { id: '670934f9d464c11dd46c3bc9' },
          raw: inboundImage,
        },
        {
          id: '670934f5d464c11dd46c3bc8',
          direction: 'outbound',
          timestamp: new Date(1728656580 * 1000),
          message: { type: 'text', text: 'Hi Ada, your order 42 has shipped.' },
          status: 'read',
          providerIds: {
            id: '670934f5d464c11dd46c3bc8',
            localMessageId: 'c486f386-d86d-431d-aa3b-fb1b6c494e58',
          },
          raw: broadcast,
        },
        {
          id: '670934a0d464c11dd46c3bc1',
          direction: 'outbound',
          timestamp: new Date(1728656500 * 1000),
          message: { type: 'text', text: 'Sure, here it is' },
          status: 'delivered',
          providerIds: {
            id: '670934a0d464c11dd46c3bc1',
            localMessageId: '0c6e1f0b-4c7e-4b43-9e0a-5b7b0e2b8f11',
          },
          raw: outboundText,
        },
      ],
    });
    for (const item of page.items) expect(conversationMessageSchema.parse(item)).toStrictEqual(item);
  });

  it('pages with the cursor while link announces more', async () => {
    server.use(
      http.get(`${TENANT}/api/v1/getMessages/:number`, ({ request }) => {
        const pageNumber = Number(new URL(request.url).searchParams.get('pageNumber'));
        return HttpResponse.json({
          result: 'success',
          messages: { items: [{ ...inboundText, id: `m${pageNumber}` }] },
          link: { prevPage: null, nextPage: null, pageNumber, pageSize: 1, total: 2 },
        });
      }),
    );
    const provider = directWati(server);
    const first = await provider.conversations.messages('17759865200', { pageSize: 1 });
    const second = await provider.conversations.messages('17759865200', { cursor: first.nextCursor });
    expect(server.requests.map((request) => request.query.get('pageNumber'))).toStrictEqual(['1', '2']);
    expect([first.items[0]?.id, second.items[0]?.id, second.nextCursor]).toStrictEqual([
      'm1',
      'm2',
      undefined,
    ]);
  });

  it('without a link, pages on while pages are full (ticket rows count) and stops at a short one', async () => {
    const ticket = { ...inboundText, eventType: 'ticket', id: 't1' };
    server.use(
      http.get(`${TENANT}/api/v1/getMessages/:number`, ({ request }) => {
        const pageNumber = new URL(request.url).searchParams.get('pageNumber');
        const items =
          pageNumber === '1' ? [{ ...inboundText, id: 'm1' }, ticket] : [{ ...inboundText, id: 'm3' }];
        return HttpResponse.json({ result: 'success', messages: { items } });
      }),
    );
    const provider = directWati(server);
    const first = await provider.conversations.messages('17759865200', { pageSize: 2 });
    expect(first.items.map((item) => item.id)).toStrictEqual(['m1']);
    const second = await provider.conversations.messages('17759865200', { cursor: first.nextCursor });
    expect(server.requests.map((request) => request.query.get('pageNumber'))).toStrictEqual(['1', '2']);
    expect(second).toMatchObject({ items: [{ id: 'm3' }] });
    expect(second.nextCursor).toBeUndefined();
  });

  it('refuses an invalid phone number before any request', async () => {
    await expect(directWati(server).conversations.messages('12')).rejects.toMatchObject({
      name: 'ValidationError',
      fields: ['phone'],
    });
    expect(server.requests).toHaveLength(0);
  });
});
