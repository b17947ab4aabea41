// HttpTransport.close(): what a provider's close() releases. Every request not yet answered ends
// with an AbortError (in flight, between retries, waiting for the rate limiter), later requests fail
// before any traffic, and a limiter shared with another transport goes on serving it.
import { getEventListeners } from 'node:events';
import { faults, startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { rejection } from '../__fixtures__/rejection.js';
import { TokenBucketRateLimiter } from './rate-limiter.js';
import { HttpTransport, type TransportOptions } from './transport.js';

const ok = z.object({ ok: z.literal(true) });

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer({ handlers: [http.get('/ok', () => HttpResponse.json({ ok: true }))] });
});
afterEach(() => {
  server.resetHandlers();
  server.clearRequests();
  vi.useRealTimers();
});
afterAll(() => server.close());

function transport(options: Partial<TransportOptions> = {}): HttpTransport {
  return new HttpTransport({ provider: 'test', baseUrl: server.url, ...options });
}

function expectClosedError(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ name: 'AbortError', message: 'The test provider was closed' });
}

describe('HttpTransport.close()', () => {
  it('aborts a request in flight, and the client leaves the connection', async () => {
    let arrived!: () => void;
    const atServer = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    let left!: () => void;
    const clientLeft = new Promise<void>((resolve) => {
      left = resolve;
    });
    server.use(
      http.get('/slow', async ({ request }) => {
        arrived();
        const response = await faults.hang(request);
        left();
        return response;
      }),
    );
    const client = transport();
    const pending = rejection(client.requestJson({ method: 'GET', path: '/slow' }, ok));
    await atServer;
    client.close();
    expectClosedError(await pending);
    await clientLeft;
    expect(server.requests).toHaveLength(1);
  });

  it('ends a wait between retries, with or without the caller’s own signal', async () => {
    // Five minutes: if close() did not end the wait, the test watchdog would fire first.
    server.use(http.get('/later', () => faults.status(503, { retryAfter: 300 })));
    for (const signal of [undefined, new AbortController().signal]) {
      let waiting!: () => void;
      const retrying = new Promise<void>((resolve) => {
        waiting = resolve;
      });
      const client = transport({
        retry: { maxRetryAfterMs: 600_000 },
        hooks: { onRetry: () => queueMicrotask(waiting) },
      });
      const pending = rejection(
        client.requestJson({ method: 'GET', path: '/later', ...(signal ? { signal } : {}) }, ok),
      );
      await retrying;
      client.close();
      expectClosedError(await pending);
    }
    expect(server.requests).toHaveLength(2);
  });

  it("listens once to a caller's signal shared by many requests, ends them all on its abort, and lets go of it", async () => {
    const inFlight = 30;
    let arrivals = 0;
    let allArrived!: () => void;
    const arrived = new Promise<void>((resolve) => {
      allArrived = resolve;
    });
    server.use(
      http.get('/slow', ({ request }) => {
        if (++arrivals === inFlight) allArrived();
        return faults.hang(request);
      }),
    );
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const caller = new AbortController();
      const client = transport();
      await client.requestJson({ method: 'GET', path: '/ok', signal: caller.signal }, ok);
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
      const pending = Array.from({ length: inFlight }, () =>
        rejection(client.requestJson({ method: 'GET', path: '/slow', signal: caller.signal }, ok)),
      );
      await arrived;
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
      const reason = new Error('the caller gave up');
      caller.abort(reason);
      for (const error of await Promise.all(pending)) expect(error).toBe(reason);
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('releases its waits on a shared limiter, which goes on serving the other transport', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime'] });
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1, burst: 1 });
    const closing = transport({ rateLimit: limiter });
    const staying = transport({ rateLimit: limiter });
    await closing.requestJson({ method: 'GET', path: '/ok' }, ok);
    const queued = rejection(closing.requestJson({ method: 'GET', path: '/ok' }, ok));
    const other = staying.requestJson({ method: 'GET', path: '/ok' }, ok);
    closing.close();
    expectClosedError(await queued);
    // The closed transport's place in the queue is gone: the other one has the next token.
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(other).resolves.toMatchObject({ data: { ok: true } });
    expect(server.requests).toHaveLength(2);
  });

  it('refuses every later request before any traffic; closing twice changes nothing', async () => {
    const client = transport();
    expect(client.closed).toBe(false);
    client.close();
    client.close();
    expect(client.closed).toBe(true);
    expectClosedError(await rejection(client.requestJson({ method: 'GET', path: '/ok' }, ok)));
    expectClosedError(await rejection(client.requestBytes({ method: 'GET', path: '/ok' })));
    expect(server.requests).toHaveLength(0);
  });
});
