// One Maton gateway object given to both adapters: WATI and WhatsApp Cloud sends share its one
// account limiter (Maton's 10 requests/s per API key) and carry its key and connection header, each
// to its own relayed API's base URL.
import { createMatonGateway } from '@switchboard/maton';
import { requestStarts, useFakeWaits } from '@switchboard/provider-test-kit';
import { createWati } from '@switchboard/provider-wati';
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import { type LoopbackServer, startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const CONNECTION_ID = '21fd90f9-5935-43cd-b6c8-bde9d915ca80';
const PHONE_NUMBER_ID = '106540352242922';

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer({
    handlers: [
      http.post('/wati/api/v1/sendSessionMessage/:number', () =>
        HttpResponse.json({
          ok: true,
          result: 'success',
          message: { id: 'wati-1', whatsappMessageId: 'wamid.W' },
        }),
      ),
      http.post(`/whatsapp-business/v21.0/${PHONE_NUMBER_ID}/messages`, () =>
        HttpResponse.json({
          messaging_product: 'whatsapp',
          contacts: [{ input: '14155551234', wa_id: '14155551234' }],
          messages: [{ id: 'wamid.C' }],
        }),
      ),
    ],
  });
});
afterEach(() => {
  vi.useRealTimers();
  server.assertNoUnhandledRequests();
});
afterAll(() => server.close());

describe('one Maton gateway object shared by the WATI and the WhatsApp Cloud adapters', () => {
  it('paces both with one 10 requests/s budget and gives both its key and connection', async () => {
    useFakeWaits();
    const startedAt = requestStarts();
    // Created on the fake clock, with a key no other test uses, so its budget starts full here.
    const maton = createMatonGateway({
      apiKey: 'maton-cross-adapter-key-1',
      connectionId: CONNECTION_ID,
      baseUrls: { wati: `${server.url}/wati`, 'whatsapp-business': `${server.url}/whatsapp-business` },
    });
    const common = { gateway: maton, retry: false, env: {}, hooks: startedAt.hooks } as const;
    const wati = createWati(common);
    const cloud = createWhatsAppCloud({ ...common, phoneNumberId: PHONE_NUMBER_ID });

    const sending = Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        (index % 2 === 0 ? wati : cloud).send({ type: 'text', to: '+1 415 555 1234', text: `#${index}` }),
      ),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const results = await sending;

    expect(results.map((result) => result.provider)).toStrictEqual(
      Array.from({ length: 16 }, (_, index) => (index % 2 === 0 ? 'wati' : 'whatsapp-cloud')),
    );
    // One budget for the account: 10 at once, then a token every 100 ms for the 6 others, whichever
    // adapter asked.
    expect(startedAt.ms()).toStrictEqual([
      ...Array.from({ length: 10 }, () => 0),
      ...Array.from({ length: 6 }, (_, index) => (index + 1) * 100),
    ]);
    const byApi = (prefix: string) => server.requests.filter((request) => request.path.startsWith(prefix));
    expect(byApi('/wati/api/v1/sendSessionMessage/14155551234')).toHaveLength(8);
    expect(byApi(`/whatsapp-business/v21.0/${PHONE_NUMBER_ID}/messages`)).toHaveLength(8);
    for (const request of server.requests) {
      expect(request.headers.get('authorization')).toBe('Bearer maton-cross-adapter-key-1');
      expect(request.headers.get('maton-connection')).toBe(CONNECTION_ID);
    }
  });
});
