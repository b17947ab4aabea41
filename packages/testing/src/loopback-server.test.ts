import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { HttpResponse, http, passthrough } from 'msw';
import { request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { startLoopbackServer } from './loopback-server.js';

const text = (body: string) => () => HttpResponse.text(body);

async function getText(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

describe('startLoopbackServer', () => {
  it('listens on 127.0.0.1 with a random port and a URL without trailing slash', async () => {
    await using server = await startLoopbackServer();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('matches handlers written with paths relative to the server and with absolute URLs', async () => {
    await using server = await startLoopbackServer({ handlers: [http.get('/relative', text('relative'))] });
    server.use(http.get(`${server.url}/absolute/:id`, ({ params }) => HttpResponse.text(`id=${params.id}`)));

    expect(await getText(`${server.url}/relative`)).toEqual({ status: 200, body: 'relative' });
    expect(await getText(`${server.url}/absolute/42`)).toEqual({ status: 200, body: 'id=42' });
  });

  it('lets use() override handlers, newest first, until resetHandlers()', async () => {
    await using server = await startLoopbackServer({ handlers: [http.get('/who', text('initial'))] });
    const who = `${server.url}/who`;

    server.use(http.get('/who', text('first override')));
    server.use(http.get('/who', text('second override')));
    expect((await getText(who)).body).toBe('second override');

    server.resetHandlers();
    expect((await getText(who)).body).toBe('initial');

    server.resetHandlers(http.get('/who', text('replacement')));
    server.use(http.get('/who', text('override')));
    server.resetHandlers();
    expect((await getText(who)).body).toBe('replacement');
  });

  it('records every request in arrival order and forgets them on clearRequests()', async () => {
    await using server = await startLoopbackServer({ handlers: [http.all('*', () => new Response(null))] });

    await fetch(`${server.url}/a?x=1&x=2`);
    await fetch(`${server.url}/b`, { method: 'DELETE' });
    await fetch(`${server.url}/c`, { method: 'PUT', body: 'payload' });

    expect(server.requests.map((r) => r.describe())).toEqual(['GET /a?x=1&x=2', 'DELETE /b', 'PUT /c']);
    const [first, , third] = server.requests;
    expect(first?.url).toBe(`${server.url}/a?x=1&x=2`);
    expect(first?.path).toBe('/a');
    expect(first?.query.getAll('x')).toEqual(['1', '2']);
    expect(third?.text()).toBe('payload');

    server.clearRequests();
    expect(server.requests).toEqual([]);
  });

  it('orders requests by arrival even when an earlier body finishes uploading later', async () => {
    let releaseSlowUpload: () => void = () => {};
    const uploadGate = new Promise<void>((resolve) => {
      releaseSlowUpload = resolve;
    });
    await using server = await startLoopbackServer({
      handlers: [
        http.post('/fast', () => {
          releaseSlowUpload();
          return new Response('fast');
        }),
        http.post('/slow', () => new Response('slow')),
      ],
    });
    async function* slowBody() {
      yield new TextEncoder().encode('first half, ');
      await uploadGate;
      yield new TextEncoder().encode('second half');
    }

    const slowArrived = arrivalAt(server.port, '/slow');
    const slow = request(`${server.url}/slow`, { method: 'POST', body: Readable.from(slowBody()) });
    // Send the fast request once the server has the slow one's headers (its arrival), not after a guess.
    await slowArrived;
    const fast = await request(`${server.url}/fast`, { method: 'POST', body: 'x' });
    expect(await fast.body.text()).toBe('fast');
    expect(await (await slow).body.text()).toBe('slow');

    expect(server.requests.map((r) => r.path)).toEqual(['/slow', '/fast']);
    expect(server.requests[0]?.text()).toBe('first half, second half');
  });

  it('answers unhandled requests with 501 and makes assertNoUnhandledRequests() throw', async () => {
    await using server = await startLoopbackServer();

    const response = await fetch(`${server.url}/v1/nope?x=1`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(501);
    expect(await response.json()).toEqual({ error: 'unhandled request', method: 'POST', path: '/v1/nope' });
    expect(server.requests).toHaveLength(1);
    expect(server.unhandledRequests.map((r) => r.describe())).toEqual(['POST /v1/nope?x=1']);
    expect(() => server.assertNoUnhandledRequests()).toThrow(
      /1 request\(s\) no handler answered:\n {2}POST \/v1\/nope\?x=1/,
    );

    server.clearRequests();
    expect(() => server.assertNoUnhandledRequests()).not.toThrow();
  });

  it('treats msw passthrough() as unhandled: there is no real server behind it', async () => {
    await using server = await startLoopbackServer({ handlers: [http.get('/through', () => passthrough())] });

    expect((await getText(`${server.url}/through`)).status).toBe(501);
    expect(server.unhandledRequests).toHaveLength(1);
  });

  it('only warns about unhandled requests with onUnhandledRequest: warn', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await using server = await startLoopbackServer({ onUnhandledRequest: 'warn' });

      expect((await getText(`${server.url}/missing`)).status).toBe(501);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('GET /missing'));
      expect(() => server.assertNoUnhandledRequests()).not.toThrow();
    } finally {
      warn.mockRestore();
    }
  });

  it('answers 404 silently with onUnhandledRequest: bypass-404', async () => {
    await using server = await startLoopbackServer({ onUnhandledRequest: 'bypass-404' });

    expect((await getText(`${server.url}/missing`)).status).toBe(404);
    expect(() => server.assertNoUnhandledRequests()).not.toThrow();
  });

  it('answers 500 naming the error when a handler throws, and keeps serving', async () => {
    await using server = await startLoopbackServer({
      handlers: [
        http.get('/broken', () => {
          throw new TypeError('fixture is missing');
        }),
        http.get('/fine', text('fine')),
      ],
    });

    const response = await fetch(`${server.url}/broken`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: 'handler threw',
      message: 'fixture is missing',
      method: 'GET',
      path: '/broken',
    });
    expect(server.handlerErrors).toHaveLength(1);
    expect(server.handlerErrors[0]?.error).toBeInstanceOf(TypeError);
    expect(server.handlerErrors[0]?.request.path).toBe('/broken');
    expect(await getText(`${server.url}/fine`)).toEqual({ status: 200, body: 'fine' });
  });

  it('preserves status text and repeated set-cookie headers', async () => {
    await using server = await startLoopbackServer({
      handlers: [
        http.get(
          '/cookies',
          () =>
            new Response('short and stout', {
              status: 418,
              statusText: "I'm a teapot",
              headers: [
                ['set-cookie', 'a=1; Path=/'],
                ['set-cookie', 'b=2; HttpOnly'],
                ['x-request-id', 'req-1'],
              ],
            }),
        ),
      ],
    });

    const viaFetch = await fetch(`${server.url}/cookies`);
    expect(viaFetch.status).toBe(418);
    expect(viaFetch.statusText).toBe("I'm a teapot");
    expect(viaFetch.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(await viaFetch.text()).toBe('short and stout');

    const viaUndici = await request(`${server.url}/cookies`);
    expect(viaUndici.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(viaUndici.headers['x-request-id']).toBe('req-1');
    expect(await viaUndici.body.text()).toBe('short and stout');
  });

  it('streams response bodies', async () => {
    await using server = await startLoopbackServer({
      handlers: [
        http.get('/stream', () => {
          const encoder = new TextEncoder();
          const stream = new ReadableStream<Uint8Array>({
            start(controller) {
              for (const part of ['one,', 'two,', 'three']) controller.enqueue(encoder.encode(part));
              controller.close();
            },
          });
          return new Response(stream, { headers: { 'content-type': 'text/plain' } });
        }),
      ],
    });

    const response = await request(`${server.url}/stream`);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(await response.body.text()).toBe('one,two,three');
  });

  it('answers HEAD with headers and no body', async () => {
    await using server = await startLoopbackServer({
      handlers: [
        http.head(
          '/media/1',
          () => new Response('12345', { headers: { 'content-length': '5', etag: '"v1"' } }),
        ),
      ],
    });

    const response = await request(`${server.url}/media/1`, { method: 'HEAD' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBe('5');
    expect(response.headers.etag).toBe('"v1"');
    expect(await response.body.text()).toBe('');
    expect(server.requests[0]?.method).toBe('HEAD');
  });
});

/**
 * Resolves when a node:http server on `port` starts a request for `path`: it has its headers, and a
 * loopback server has given it its place in the arrival order (Node publishes this just before `request`).
 */
function arrivalAt(port: number, path: string): Promise<void> {
  const channel = 'http.server.request.start';
  return new Promise((resolve) => {
    const onStart = (message: unknown): void => {
      const { request: incoming, socket } = message as { request: IncomingMessage; socket: Socket };
      if (incoming.url !== path || socket.localPort !== port) return;
      unsubscribe(channel, onStart);
      resolve();
    };
    subscribe(channel, onStart);
  });
}
