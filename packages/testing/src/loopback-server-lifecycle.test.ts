import { once } from 'node:events';
import { HttpResponse, http } from 'msw';
import { Client } from 'undici';
import { describe, expect, it } from 'vitest';
import { faults } from './faults.js';
import { startLoopbackServer } from './loopback-server.js';

const text = (body: string) => () => HttpResponse.text(body);

describe('loopback server lifecycle', () => {
  it('serves several requests over one keep-alive connection and still closes promptly', async () => {
    const server = await startLoopbackServer({ handlers: [http.get('/ping', text('pong'))] });
    const client = new Client(server.url, { keepAliveTimeout: 60_000 });
    const connections: string[] = [];
    client.on('connect', () => connections.push('connect'));
    client.on('disconnect', () => connections.push('disconnect'));
    try {
      for (let i = 0; i < 3; i++) {
        const response = await client.request({ path: '/ping', method: 'GET' });
        expect(await response.body.text()).toBe('pong');
      }
      expect(server.requests[0]?.headers.get('connection')).toBe('keep-alive');
      expect(connections).toEqual(['connect']);

      // close() cuts the idle keep-alive connection itself (the client would keep it for a minute): the
      // client sees it go. Proven by the event, not by how long close() took.
      const disconnected = once(client, 'disconnect');
      await server.close();
      await disconnected;
      expect(connections).toEqual(['connect', 'disconnect']);
    } finally {
      await client.destroy();
    }
  });

  it('closes promptly while a handler is still hanging, failing the pending request', async () => {
    let hanging: () => void = () => {};
    const handlerWaits = new Promise<void>((resolve) => {
      hanging = resolve;
    });
    const server = await startLoopbackServer({
      handlers: [
        http.get('/hang', ({ request: incoming }) => {
          hanging();
          return faults.hang(incoming);
        }),
      ],
    });
    const pending = fetch(`${server.url}/hang`).then(
      () => 'answered',
      () => 'failed',
    );
    await handlerWaits;

    // Neither the handler nor the client ever gives up: close() resolves only by cutting the connection.
    await server.close();
    expect(await pending).toBe('failed');
    expect(server.requests).toHaveLength(1);
  });

  it('is closed by await using, and close() can be called again', async () => {
    let url = '';
    {
      await using server = await startLoopbackServer({ handlers: [http.get('/x', text('x'))] });
      url = server.url;
      expect(await (await fetch(`${url}/x`)).text()).toBe('x');
    }
    await expect(fetch(`${url}/x`)).rejects.toThrow();
  });

  it('tolerates close() being called twice', async () => {
    const server = await startLoopbackServer();
    await Promise.all([server.close(), server.close()]);
    await expect(server.close()).resolves.toBeUndefined();
  });

  it('says whether it was closed', async () => {
    const server = await startLoopbackServer();
    expect(server.closed).toBe(false);
    await server.close();
    expect(server.closed).toBe(true);
  });
});

describe('maxRecordedRequests', () => {
  it('keeps only the newest requests, unhandled requests and handler errors', async () => {
    await using server = await startLoopbackServer({
      maxRecordedRequests: 2,
      handlers: [
        http.get('/ok/:n', text('ok')),
        http.get('/boom/:n', () => {
          throw new Error('boom');
        }),
      ],
    });
    for (const path of [
      '/ok/1',
      '/ok/2',
      '/ok/3',
      '/nope/1',
      '/nope/2',
      '/nope/3',
      '/boom/1',
      '/boom/2',
      '/boom/3',
    ])
      await fetch(`${server.url}${path}`).then((response) => response.arrayBuffer());

    expect(server.requests.map((request) => request.path)).toEqual(['/boom/2', '/boom/3']);
    expect(server.unhandledRequests.map((request) => request.path)).toEqual(['/nope/2', '/nope/3']);
    expect(server.handlerErrors.map((entry) => entry.request.path)).toEqual(['/boom/2', '/boom/3']);
  });

  it('keeps everything by default and refuses a limit that is not a positive integer', async () => {
    await using server = await startLoopbackServer({ handlers: [http.get('/x', text('x'))] });
    for (let i = 0; i < 5; i++) await fetch(`${server.url}/x`).then((response) => response.text());
    expect(server.requests).toHaveLength(5);
    await expect(startLoopbackServer({ maxRecordedRequests: 0 })).rejects.toThrow(
      'maxRecordedRequests must be a positive integer or Infinity, got 0',
    );
  });
});
