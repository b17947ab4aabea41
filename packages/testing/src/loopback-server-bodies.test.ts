import { Readable } from 'node:stream';
import { HttpResponse, http } from 'msw';
import type { FormData as UndiciFormData } from 'undici';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startLoopbackServer } from './loopback-server.js';

const ok = () => http.all('*', () => new HttpResponse(null, { status: 204 }));

describe('request bodies reach the server byte-exact', () => {
  it('keeps JSON bytes as sent, including non-ASCII and escaped text', async () => {
    await using server = await startLoopbackServer({ handlers: [ok()] });
    const text = '{"to":"+15551234567","text":"café ☕","escaped":"caf\\u00e9 \\ud83d\\ude00"}';
    const sent = new TextEncoder().encode(text);

    const response = await request(`${server.url}/v1/messages?dry_run=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: sent,
    });
    await response.body.dump();

    const [received] = server.requests;
    expect(received?.body).toEqual(sent);
    expect(received?.contentType).toBe('application/json');
    expect(received?.text()).toBe(text);
    expect(received?.json()).toEqual({ to: '+15551234567', text: 'café ☕', escaped: 'café 😀' });
    expect(received?.query.get('dry_run')).toBe('1');
  });

  it('decodes form-encoded bodies sent by fetch', async () => {
    await using server = await startLoopbackServer({ handlers: [ok()] });
    const form = new URLSearchParams({ phone: '+15551234567', message: 'a&b=c ü' });

    const response = await fetch(`${server.url}/api/v1/sendSessionMessage`, { method: 'POST', body: form });
    expect(response.status).toBe(204);

    const [received] = server.requests;
    // fetch appends `;charset=UTF-8`; contentType drops parameters.
    expect(received?.headers.get('content-type')).toMatch(/;charset=utf-8$/i);
    expect(received?.contentType).toBe('application/x-www-form-urlencoded');
    expect(received?.text()).toBe(form.toString());
    expect(Object.fromEntries(received?.form() ?? [])).toEqual({ phone: '+15551234567', message: 'a&b=c ü' });
  });

  it('parses multipart bodies sent with FormData and Blob through undici.request', async () => {
    await using server = await startLoopbackServer({ handlers: [ok()] });
    // Every byte value, so any re-encoding of the file part would show.
    const fileBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('file', new Blob([fileBytes], { type: 'image/png' }), 'photo.png');

    const response = await request(`${server.url}/v21.0/12345/media`, {
      method: 'POST',
      // The global FormData is typed by @types/node's older bundled undici-types; undici 8 accepts it
      // at runtime, only the declarations differ.
      body: form as unknown as UndiciFormData,
    });
    await response.body.dump();

    const [received] = server.requests;
    expect(received?.contentType).toBe('multipart/form-data');
    expect(received?.headers.get('content-type')).toMatch(/boundary=/);
    const parts = await received?.multipart();
    expect(parts?.get('messaging_product')).toBe('whatsapp');
    const file = parts?.get('file');
    expect(file).toBeInstanceOf(File);
    const filePart = file as File;
    expect(filePart.name).toBe('photo.png');
    expect(filePart.type).toBe('image/png');
    expect(new Uint8Array(await filePart.arrayBuffer())).toEqual(fileBytes);
  });

  it('reads chunked request bodies that have no content-length', async () => {
    await using server = await startLoopbackServer({ handlers: [ok()] });
    async function* chunks() {
      yield new TextEncoder().encode('{"part":');
      yield new TextEncoder().encode('"one"}');
    }

    const response = await request(`${server.url}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Readable.from(chunks()),
    });
    await response.body.dump();

    const [received] = server.requests;
    expect(received?.headers.get('transfer-encoding')).toBe('chunked');
    expect(received?.headers.has('content-length')).toBe(false);
    expect(received?.json()).toEqual({ part: 'one' });
  });

  it('hands the body to handlers as a normal Fetch request', async () => {
    await using server = await startLoopbackServer({
      handlers: [
        http.post('/echo', async ({ request: incoming }) => {
          const payload = (await incoming.json()) as { name: string };
          return HttpResponse.json({ hello: payload.name, type: incoming.headers.get('content-type') });
        }),
      ],
    });

    const response = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    });

    expect(await response.json()).toEqual({ hello: 'Ada', type: 'application/json' });
  });

  it('records repeated request headers', async () => {
    await using server = await startLoopbackServer({ handlers: [ok()] });

    const response = await request(`${server.url}/headers`, {
      headers: ['x-trace', 'a', 'x-trace', 'b', 'authorization', 'Bearer token'],
    });
    await response.body.dump();

    const [received] = server.requests;
    expect(received?.headers.get('x-trace')).toBe('a, b');
    expect(received?.headers.get('authorization')).toBe('Bearer token');
    expect(received?.body).toEqual(new Uint8Array(0));
  });
});
