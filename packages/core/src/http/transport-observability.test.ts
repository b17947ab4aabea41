import { faults, startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { Agent, buildConnector } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { RequestEvent, ResponseEvent, RetryEvent } from './hooks.js';
import type { RateLimiter } from './rate-limiter.js';
import { HttpTransport } from './transport.js';

const TOKEN = 'EAAG-super-secret-token-987654321';
const ok = z.object({ ok: z.literal(true) });

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterEach(() => {
  server.resetHandlers();
  server.clearRequests();
});
afterAll(() => server.close());

describe('secrets never leak', () => {
  it('redacts the token from errors, their JSON, hook events and returned data', async () => {
    const leak = `https://graph.facebook.com/v21.0/1/message_templates?access_token=${TOKEN}&after=X`;
    server.use(
      http.get('/fail', () =>
        faults.status(400, { body: { error: { message: `Invalid token ${TOKEN}`, next: leak } } }),
      ),
      http.get('/page', () =>
        HttpResponse.json({ ok: true, paging: { next: leak.replace(TOKEN, 'gateway-injected-token') } }),
      ),
    );
    const events: unknown[] = [];
    const transport = new HttpTransport({
      provider: 'test',
      baseUrl: server.url,
      headers: () => ({ authorization: `Bearer ${TOKEN}` }),
      secrets: [TOKEN],
      retry: { maxRetries: 1, baseDelayMs: 1 },
      hooks: {
        onRequest: (event) => events.push(event),
        onResponse: (event) => events.push(event),
        onRetry: (event) => events.push(event),
      },
    });

    const error = await transport
      .requestJson({ method: 'GET', path: '/fail', query: { token: TOKEN } }, ok)
      .catch((e) => e);
    expect(SwitchboardError.isInstance(error)).toBe(true);
    const page = await transport.requestJson(
      { method: 'GET', path: '/page' },
      z.looseObject({ ok: z.literal(true) }),
    );

    const everything = JSON.stringify([error.message, error.toJSON(), error.responseBody, events, page.data]);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('gateway-injected-token');
    expect(everything).toContain('[redacted]');
    const request = events[0] as RequestEvent;
    expect(request.headers.authorization).toBe('Bearer [redacted]');
    // The server still received the real credentials.
    expect(server.requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });
});

describe('secrets a server escapes in JSON', () => {
  it('redacts a key echoed with escaped slashes before the body is parsed', async () => {
    const key = 'mk_live/abc+def/0123456789';
    server.use(
      http.get('/echo', () => new HttpResponse(`{"ok":true,"echo":"${key.replaceAll('/', '\\/')}"}`)),
    );
    const transport = new HttpTransport({ provider: 'test', baseUrl: server.url, secrets: [key] });
    const response = await transport.requestJson(
      { method: 'GET', path: '/echo' },
      z.looseObject({ ok: z.literal(true) }),
    );
    expect(JSON.stringify(response.data)).not.toContain('abc+def');
    expect(response.data.echo).toBe('[redacted]');
  });
});

describe('sensitive query parameters', () => {
  it('masks their values in errors and hook events while sending them for real', async () => {
    server.use(http.post('/send', () => faults.status(400, { body: { result: false } })));
    const urls: string[] = [];
    const transport = new HttpTransport({
      provider: 'test',
      baseUrl: server.url,
      retry: false,
      hooks: { onRequest: (event) => urls.push(event.url), onResponse: (event) => urls.push(event.url) },
    });
    const error = await transport
      .requestJson(
        {
          method: 'POST',
          path: '/send',
          query: { messageText: 'my private note', id: '7' },
          sensitiveQuery: ['messageText'],
        },
        ok,
      )
      .catch((e) => e);
    const shown = JSON.stringify([error.toJSON(), urls]);
    expect(shown).not.toContain('private');
    expect(shown).toContain('messageText=%5Bredacted%5D&id=7');
    expect(server.requests[0]?.query.get('messageText')).toBe('my private note');
  });
});

describe('hooks', () => {
  it('reports each attempt, response and retry', async () => {
    let calls = 0;
    server.use(
      http.get('/flaky', () => (++calls === 1 ? faults.status(503) : HttpResponse.json({ ok: true }))),
    );
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const retries: RetryEvent[] = [];
    const transport = new HttpTransport({
      provider: 'test',
      baseUrl: server.url,
      retry: { baseDelayMs: 1 },
      hooks: {
        onRequest: (e) => requests.push(e),
        onResponse: (e) => responses.push(e),
        onRetry: (e) => retries.push(e),
      },
    });
    await transport.requestJson({ method: 'GET', path: '/flaky', operation: 'templates.list' }, ok);
    expect(requests.map((e) => e.attempt)).toStrictEqual([1, 2]);
    expect(responses.map((e) => e.status)).toStrictEqual([503, 200]);
    expect(responses[1]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.operation).toBe('templates.list');
    expect(retries[0]?.error.status).toBe(503);
  });

  it('does not fail a request when a hook throws, and emits a warning instead', async () => {
    server.use(http.post('/send', () => HttpResponse.json({ ok: true })));
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const transport = new HttpTransport({
      provider: 'test',
      baseUrl: server.url,
      hooks: {
        onResponse: () => {
          throw new Error('logger down');
        },
      },
    });
    const result = await transport.requestJson(
      { method: 'POST', path: '/send', body: { type: 'json', value: {} } },
      ok,
    );
    expect(result.data.ok).toBe(true);
    expect(warnings).toHaveBeenCalledWith(expect.stringContaining('logger down'), expect.anything());
    warnings.mockRestore();
  });
});

describe('connections', () => {
  it('uses the given dispatcher and reuses one keep-alive connection for sequential requests', async () => {
    server.use(http.get('/ping', () => HttpResponse.json({ ok: true })));
    let connections = 0;
    const connector = buildConnector({});
    const agent = new Agent({
      connections: 4,
      connect: (options, callback) => {
        connections++;
        return connector(options, callback);
      },
    });
    const transport = new HttpTransport({ provider: 'test', baseUrl: server.url, dispatcher: agent });
    for (let i = 0; i < 10; i++) await transport.requestJson({ method: 'GET', path: '/ping' }, ok);
    // undici may open a second socket while the first is being released; never one per request.
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(2);
    await agent.close();
  });
});

describe('the clock', () => {
  it('times responses and paces requests without reading the global performance, whose first read loads perf_hooks', async () => {
    server.use(
      http.get('/slow', async () => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return HttpResponse.json({ ok: true });
      }),
    );
    const readers: string[] = [];
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'performance');
    const original = globalThis.performance;
    Object.defineProperty(globalThis, 'performance', {
      configurable: true,
      get() {
        const stack = new Error().stack ?? '';
        if (stack.includes('/packages/core/src/')) readers.push(stack);
        return original;
      },
    });
    try {
      // This file is one of core's sources: its own read shows the getter sees such reads.
      expect(globalThis.performance).toBe(original);
      expect(readers).toHaveLength(1);
      readers.length = 0;
      const responses: ResponseEvent[] = [];
      const transport = new HttpTransport({
        provider: 'test',
        baseUrl: server.url,
        rateLimit: { requestsPerSecond: 100, burst: 1 },
        hooks: { onResponse: (event) => responses.push(event) },
      });
      await Promise.all([1, 2].map(() => transport.requestJson({ method: 'GET', path: '/slow' }, ok)));
      // A lower bound only (the server waited 40 ms; libuv's timer may round down by a millisecond).
      expect(responses.map((event) => event.durationMs >= 35)).toStrictEqual([true, true]);
    } finally {
      if (descriptor) Object.defineProperty(globalThis, 'performance', descriptor);
    }
    expect(readers).toEqual([]);
  });
});

describe('rate limiting', () => {
  it('paces requests with a token bucket', async () => {
    server.use(http.get('/ping', () => HttpResponse.json({ ok: true })));
    const transport = new HttpTransport({
      provider: 'test',
      baseUrl: server.url,
      rateLimit: { requestsPerSecond: 20, burst: 1 },
    });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 5 }, () => transport.requestJson({ method: 'GET', path: '/ping' }, ok)),
    );
    // One immediately, then one every 50 ms: the real clock paces them. A lower bound only, which
    // a loaded machine can only exceed.
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('shares one limiter between transports of the same account', async () => {
    let held = true;
    const arrivedWhileHeld: boolean[] = [];
    server.use(
      http.get('/ping', () => {
        arrivedWhileHeld.push(held);
        return HttpResponse.json({ ok: true });
      }),
    );
    // Holds every request until released and records whose it was: events, no clock.
    const bothAsked = deferred();
    const released = deferred();
    const askedBy: Array<string | undefined> = [];
    const limiter: RateLimiter = {
      acquire: async (group) => {
        askedBy.push(group);
        if (askedBy.length === 2) bothAsked.resolve();
        await released.promise;
      },
    };
    const a = new HttpTransport({ provider: 'test', baseUrl: server.url, rateLimit: limiter });
    const b = new HttpTransport({ provider: 'test', baseUrl: server.url, rateLimit: limiter });
    const sent = Promise.all([
      a.requestJson({ method: 'GET', path: '/ping', rateLimitGroup: 'from-a' }, ok),
      b.requestJson({ method: 'GET', path: '/ping', rateLimitGroup: 'from-b' }, ok),
    ]);
    await bothAsked.promise;
    expect(askedBy).toStrictEqual(['from-a', 'from-b']);
    held = false;
    released.resolve();
    await sent;
    expect(arrivedWhileHeld).toStrictEqual([false, false]);
  });
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
