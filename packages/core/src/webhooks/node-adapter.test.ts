import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InboundEvent } from '../model/inbound-event.js';
import { createFakeProvider, deliveryBody, SECRET, VERIFY_TOKEN } from './__fixtures__/fake-provider.js';
import { hmacSha256Hex } from './hmac.js';
import { type NodeListenerOptions, nodeRequestToFetchRequest, toNodeListener } from './node-adapter.js';
import { createWebhookHandler } from './webhook-handler.js';

const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(
  handler: (request: Request) => Promise<Response>,
  options: NodeListenerOptions = {},
): Promise<string> {
  const server = createServer(toNodeListener(handler, options));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request through node:http, which (unlike fetch) can repeat headers and lie about content-length. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: OutgoingHttpHeaders; body?: Uint8Array | string; end?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    if (options.end !== false) req.end();
    else req.flushHeaders();
  });
}

function webhookServer(options: NodeListenerOptions = {}) {
  const provider = createFakeProvider();
  const events: InboundEvent[] = [];
  const onError = vi.fn();
  const handler = createWebhookHandler(provider, (event) => void events.push(event), { onError });
  return { provider, events, onError, start: () => serve(handler, options) };
}

describe('toNodeListener with createWebhookHandler', () => {
  it('accepts a signed POST and hands the provider the exact bytes sent', async () => {
    const { provider, events, start } = webhookServer();
    const url = await start();
    // Escaped non-ASCII, as Meta sends it: any re-encoding on the way would break the signature.
    const body = String.raw`{"items":[{"kind":"message","id":"m1","from":"15550001","text":"caf\u00e9 \ud83d\ude00"}]}`;
    const bytes = new TextEncoder().encode(body);
    const response = await fetch(`${url}/webhooks/fake`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${hmacSha256Hex(SECRET, bytes)}`,
      },
      body: bytes,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('OK');
    expect(provider.seenBodies).toStrictEqual([bytes]);
    expect(events).toMatchObject([{ kind: 'message', id: 'm1', message: { type: 'text', text: 'café 😀' } }]);
  });

  it('answers a badly signed POST with 401', async () => {
    const { events, start } = webhookServer();
    const url = await start();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      body: deliveryBody([{ kind: 'message', id: 'm1', from: '1', text: 'x' }]),
    });
    expect(response.status).toBe(401);
    expect(events).toHaveLength(0);
  });

  it('answers the GET handshake with the challenge text', async () => {
    const { start } = webhookServer();
    const url = await start();
    const query = `hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`;
    const response = await fetch(`${url}/webhooks/fake?${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('1158201444');
    expect((await fetch(`${url}/webhooks/fake?hub.mode=subscribe&hub.verify_token=nope`)).status).toBe(403);
  });

  it('answers 413 from the declared content-length, before any of the body is sent', async () => {
    const { provider, start } = webhookServer({ maxBodyBytes: 1024 });
    const url = await start();
    const response = await rawRequest(url, {
      method: 'POST',
      headers: { 'content-length': String(50 * 1024 * 1024) },
      end: false,
    });
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    expect(provider.seenBodies).toHaveLength(0);
  });

  it('answers 413 when a chunked body grows past the limit', async () => {
    const { provider, start } = webhookServer({ maxBodyBytes: 1024 });
    const url = await start();
    const response = await rawRequest(url, {
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked', 'x-hub-signature-256': 'sha256=00' },
      body: 'x'.repeat(4096),
    });
    expect(response.status).toBe(413);
    expect(provider.seenBodies).toHaveLength(0);
  });
});

describe('toNodeListener', () => {
  it('passes repeated headers, method, URL and body, and writes repeated set-cookie headers back', async () => {
    let seen: { method: string; url: string; multi: string | null; body: string } | undefined;
    const url = await serve(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        multi: request.headers.get('x-multi'),
        body: await request.text(),
      };
      const headers = new Headers({ 'x-answer': 'yes' });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      return new Response('done', { status: 202, headers });
    });
    const response = await rawRequest(`${url}/path/x?y=1`, {
      method: 'PATCH',
      headers: { 'x-multi': ['one', 'two'], host: 'hooks.example.com:8443' },
      body: 'payload',
    });
    expect(seen).toStrictEqual({
      method: 'PATCH',
      url: 'http://hooks.example.com:8443/path/x?y=1',
      multi: 'one, two',
      body: 'payload',
    });
    expect(response.status).toBe(202);
    expect(response.headers['x-answer']).toBe('yes');
    expect(response.headers['set-cookie']).toStrictEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(response.body).toBe('done');
  });

  it('builds the URL from baseUrl when given', async () => {
    let requestUrl = '';
    const url = await serve(
      async (request) => {
        requestUrl = request.url;
        return new Response(null, { status: 204 });
      },
      { baseUrl: 'https://public.example.com/hooks/' },
    );
    expect((await fetch(`${url}/whatsapp?x=1`)).status).toBe(204);
    expect(requestUrl).toBe('https://public.example.com/hooks/whatsapp?x=1');
  });

  it('answers 400 for a Host header that cannot form a URL', async () => {
    const handler = vi.fn(async () => new Response('never'));
    const url = await serve(handler);
    const response = await rawRequest(`${url}/x`, { headers: { host: 'evil.example/other-path' } });
    expect(response.status).toBe(400);
    expect(handler).not.toHaveBeenCalled();
  });

  it('streams a response body', async () => {
    const url = await serve(async () => {
      const encoder = new TextEncoder();
      const parts = ['chunk one, ', 'chunk two, ', 'end'];
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const part = parts.shift();
          if (part === undefined) return controller.close();
          await new Promise((resolve) => setTimeout(resolve, 5));
          controller.enqueue(encoder.encode(part));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/plain' } });
    });
    const response = await fetch(url);
    expect(await response.text()).toBe('chunk one, chunk two, end');
  });

  it('answers 500 without details when the handler throws, and reports the error', async () => {
    const onError = vi.fn();
    const url = await serve(
      async () => {
        throw new Error('secret-internal-detail');
      },
      { onError },
    );
    const response = await fetch(url, { method: 'POST', body: 'x' });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret-internal-detail');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'secret-internal-detail' }));
  });
});

describe('toNodeListener after a body parser', () => {
  it('answers 500 at once, saying why, when something read the body first', async () => {
    const { provider, events, onError } = webhookServer();
    const listener = toNodeListener(
      createWebhookHandler(provider, (event) => void events.push(event), { onError }),
      { onError },
    );
    // What express.json() does before the route: read the whole body, then call the next handler later.
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => setImmediate(() => listener(req, res)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const body = deliveryBody([{ kind: 'message', id: 'm1', from: '15550001', text: 'hi' }]);
    const response = await rawRequest(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      method: 'POST',
      headers: { 'x-hub-signature-256': `sha256=${hmacSha256Hex(SECRET, body)}` },
      body,
    });
    expect(response.status).toBe(500);
    expect(events).toStrictEqual([]);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'BodyAlreadyReadError' }));
    expect(String(onError.mock.calls[0]?.[0])).toContain('mount the webhook route before any body parser');
  });
});

describe('nodeRequestToFetchRequest', () => {
  it('gives GET requests no body and POST requests a stream of the raw bytes', async () => {
    const received: Array<{ method: string; bytes: number[] | null }> = [];
    const server = createServer((req, res) => {
      const request = nodeRequestToFetchRequest(req);
      void (async () => {
        const bytes = request.body === null ? null : [...new Uint8Array(await request.arrayBuffer())];
        received.push({ method: request.method, bytes });
        res.end();
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(url);
    await fetch(url, { method: 'POST', body: new Uint8Array([0, 255, 0xc3, 0xa9]) });
    expect(received).toStrictEqual([
      { method: 'GET', bytes: null },
      { method: 'POST', bytes: [0, 255, 0xc3, 0xa9] },
    ]);
  });
});
