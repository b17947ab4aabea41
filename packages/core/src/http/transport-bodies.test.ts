import { startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpTransport } from './transport.js';
import { urlPath } from './url.js';

const ok = z.object({ ok: z.literal(true) });

describe('HttpTransport request encoding, as received by a real server', () => {
  let server: Awaited<ReturnType<typeof startLoopbackServer>>;
  let transport: HttpTransport;

  beforeAll(async () => {
    server = await startLoopbackServer({ handlers: [http.all('*', () => HttpResponse.json({ ok: true }))] });
    transport = new HttpTransport({
      provider: 'test',
      baseUrl: `${server.url}/gateway/app/`,
      headers: { authorization: 'Bearer secret-token-123', 'x-static': 'yes' },
    });
  });
  afterAll(() => server.close());

  it('joins base path, encoded path segments and a %20-encoded query', async () => {
    server.clearRequests();
    await transport.requestJson(
      {
        method: 'GET',
        path: urlPath`/v21.0/${'a b/c'}/items`,
        query: { q: 'hello world+plus', many: ['1', 2], skip: undefined, flag: false },
      },
      ok,
    );
    const [request] = server.requests;
    expect(request?.url).toBe(
      `${server.url}/gateway/app/v21.0/a%20b%2Fc/items?q=hello%20world%2Bplus&many=1&many=2&flag=false`,
    );
    expect(request?.headers.get('authorization')).toBe('Bearer secret-token-123');
    expect(request?.headers.get('x-static')).toBe('yes');
    expect(request?.headers.get('accept')).toBe('application/json');
  });

  it('sends JSON bodies with application/json', async () => {
    server.clearRequests();
    const value = { text: { body: 'Olá 👋 "quoted"' }, n: 1.5, list: [true, null] };
    await transport.requestJson({ method: 'POST', path: '/json', body: { type: 'json', value } }, ok);
    const [request] = server.requests;
    expect(request?.contentType).toBe('application/json');
    expect(request?.json()).toStrictEqual(value);
    expect(request?.text()).toBe(JSON.stringify(value));
  });

  it('sends form bodies as application/x-www-form-urlencoded', async () => {
    server.clearRequests();
    const messageText = 'Hi & welcome = 50% off + more 🎉\nline two';
    await transport.requestJson(
      {
        method: 'POST',
        path: '/form',
        body: { type: 'form', fields: { messageText, count: 2, skipped: undefined } },
      },
      ok,
    );
    const [request] = server.requests;
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    const form = request?.form();
    expect(form?.get('messageText')).toBe(messageText);
    expect(form?.get('count')).toBe('2');
    expect(form?.has('skipped')).toBe(false);
  });

  it('sends multipart parts from Uint8Array, Blob and string fields with a Content-Length', async () => {
    server.clearRequests();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const blob = new Blob(['%PDF-1.4 fake'], { type: 'application/pdf' });
    await transport.requestJson(
      {
        method: 'POST',
        path: '/upload',
        body: {
          type: 'multipart',
          parts: [
            { name: 'file', data: bytes, filename: 'photo "1".jpg', contentType: 'image/jpeg' },
            { name: 'doc', data: blob, filename: 'résumé.pdf' },
            { name: 'messaging_product', value: 'whatsapp' },
          ],
        },
      },
      ok,
    );
    const [request] = server.requests;
    expect(request?.contentType).toBe('multipart/form-data');
    expect(Number(request?.headers.get('content-length'))).toBe(request?.body.byteLength);
    const form = await request?.multipart();
    const file = form?.get('file') as File;
    // Quotes are sent escaped as %22 (WHATWG form encoding) and decoded by the server's parser.
    expect(file.name).toBe('photo "1".jpg');
    expect(request?.text()).toContain('filename="photo %221%22.jpg"');
    expect(file.type).toBe('image/jpeg');
    expect(new Uint8Array(await file.arrayBuffer())).toStrictEqual(bytes);
    const doc = form?.get('doc') as File;
    expect(doc.name).toBe('résumé.pdf');
    expect(doc.type).toBe('application/pdf');
    expect(await doc.text()).toBe('%PDF-1.4 fake');
    expect(form?.get('messaging_product')).toBe('whatsapp');
  });

  it('streams a ReadableStream part without knowing its size (chunked)', async () => {
    server.clearRequests();
    const chunks = ['first,', 'second,', 'third'];
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[pulls++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    await transport.requestJson(
      {
        method: 'POST',
        path: '/upload',
        body: {
          type: 'multipart',
          parts: [{ name: 'whatsapp_numbers_csv', data: stream, filename: 'n.csv', contentType: 'text/csv' }],
        },
      },
      ok,
    );
    const [request] = server.requests;
    expect(request?.headers.get('content-length')).toBeNull();
    expect(request?.headers.get('transfer-encoding')).toBe('chunked');
    const file = (await request?.multipart())?.get('whatsapp_numbers_csv') as File;
    expect(await file.text()).toBe('first,second,third');
  });

  it('returns bytes and text responses as sent', async () => {
    server.use(
      http.get(
        '*/media',
        () => new HttpResponse(new Uint8Array([9, 8, 7]), { headers: { 'content-type': 'image/png' } }),
      ),
      http.get('*/plain', () => HttpResponse.text('plain text')),
    );
    const media = await transport.requestBytes({ method: 'GET', path: '/media' });
    expect(media.data).toStrictEqual(new Uint8Array([9, 8, 7]));
    expect(media.headers['content-type']).toBe('image/png');
    const text = await transport.requestText({ method: 'GET', path: '/plain' });
    expect(text.data).toBe('plain text');
    server.resetHandlers();
  });

  it('passes an empty 2xx body to the schema as undefined', async () => {
    server.use(http.delete('*/thing', () => new HttpResponse(null, { status: 204 })));
    const result = await transport.requestJson({ method: 'DELETE', path: '/thing' }, z.undefined());
    expect(result.status).toBe(204);
    expect(result.data).toBeUndefined();
    server.resetHandlers();
  });
});
