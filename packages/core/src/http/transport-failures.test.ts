import { createServer } from 'node:net';
import { failTimes, faults, startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { deferred, HELD_TIMEOUT_MS, hangingResolver, holdTimers } from '../__fixtures__/held-timers.js';
import { rejection } from '../__fixtures__/rejection.js';
import {
  ApiError,
  AuthenticationError,
  NetworkError,
  RateLimitError,
  TimeoutError,
} from '../errors/errors.js';
import type { RetryEvent } from './hooks.js';
import { HttpTransport, type TransportOptions } from './transport.js';

const ok = z.object({ ok: z.literal(true) });
const okResponse = () => HttpResponse.json({ ok: true });

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterEach(() => {
  server.resetHandlers();
  server.clearRequests();
  vi.restoreAllMocks();
  vi.useRealTimers();
});
afterAll(() => server.close());

function transport(options: Partial<TransportOptions> = {}, retries: RetryEvent[] = []): HttpTransport {
  return new HttpTransport({
    provider: 'test',
    baseUrl: server.url,
    retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 },
    hooks: { onRetry: (event) => retries.push(event) },
    ...options,
  });
}

describe('retries', () => {
  it('retries 429 honouring Retry-After in seconds', async () => {
    const resolver = failTimes(1, () => faults.status(429, { retryAfter: 1 }), okResponse);
    server.use(http.get('/limited', resolver));
    const retries: RetryEvent[] = [];
    const started = performance.now();
    await transport({}, retries).requestJson({ method: 'GET', path: '/limited' }, ok);
    expect(resolver.calls).toBe(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.delayMs).toBe(1000);
    expect(RateLimitError.isInstance(retries[0]?.error)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('honours Retry-After given as an HTTP-date, counted from the client’s clock', async () => {
    // Only Date is faked (the sockets need real timers), and it stands still 900 ms past a whole
    // second. HTTP-dates have whole-second resolution: a date 1 s later is sent as the next whole
    // second, exactly 100 ms away, however long the request takes.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 10, 24, 10, 0, 0, 900));
    const resolver = failTimes(
      1,
      () => faults.status(503, { retryAfter: new Date(Date.now() + 1000) }),
      okResponse,
    );
    server.use(http.get('/busy', resolver));
    const retries: RetryEvent[] = [];
    await transport({}, retries).requestJson({ method: 'GET', path: '/busy' }, ok);
    expect(resolver.calls).toBe(2);
    expect(retries.map((event) => event.delayMs)).toStrictEqual([100]);
  });

  it('gives up at once when Retry-After exceeds maxRetryAfterMs, reporting it to the caller', async () => {
    server.use(http.get('/later', () => faults.status(429, { retryAfter: 120 })));
    const error = await rejection(transport().requestJson({ method: 'GET', path: '/later' }, ok));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(server.requests).toHaveLength(1);
  });

  it('backs off exponentially with full jitter, capped at maxDelayMs', async () => {
    server.use(http.get('/down', () => faults.status(500)));
    const retries: RetryEvent[] = [];
    const error = await rejection(
      transport(
        { retry: { maxRetries: 4, baseDelayMs: 4, maxDelayMs: 10 }, random: () => 0.999 },
        retries,
      ).requestJson({ method: 'GET', path: '/down' }, ok),
    );
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).code).toBe('provider_unavailable');
    expect(retries.map((event) => event.delayMs)).toStrictEqual([3, 7, 9, 9]);
    expect(retries.map((event) => event.attempt)).toStrictEqual([1, 2, 3, 4]);
    expect(server.requests).toHaveLength(5);
  });

  it('does not retry with retry: false', async () => {
    server.use(http.get('/down', () => faults.status(502)));
    await rejection(transport({ retry: false }).requestJson({ method: 'GET', path: '/down' }, ok));
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry errors that are not retryable', async () => {
    server.use(http.get('/bad', () => faults.status(400, { body: { error: 'bad' } })));
    const error = await rejection(transport().requestJson({ method: 'GET', path: '/bad' }, ok));
    expect((error as ApiError).code).toBe('validation_failed');
    expect((error as ApiError).status).toBe(400);
    expect(server.requests).toHaveLength(1);
  });
});

describe('no duplicate sends after ambiguous failures', () => {
  it('does not re-send a POST after a 500 (the message may have gone out)', async () => {
    server.use(http.post('/send', () => faults.status(500)));
    await rejection(
      transport().requestJson({ method: 'POST', path: '/send', body: { type: 'json', value: {} } }, ok),
    );
    expect(server.requests).toHaveLength(1);
  });

  it('does not re-send a POST after a connection reset', async () => {
    server.use(http.post('/send', () => faults.connectionReset()));
    const error = await rejection(
      transport().requestJson({ method: 'POST', path: '/send', body: { type: 'json', value: {} } }, ok),
    );
    expect(NetworkError.isInstance(error)).toBe(true);
    expect((error as NetworkError).requestMayHaveBeenSent).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('does not re-send a POST after a timeout', async () => {
    const slow = hangingResolver();
    server.use(http.post('/send', slow.resolver));
    const attemptTimer = holdTimers(HELD_TIMEOUT_MS);
    const retries: RetryEvent[] = [];
    const pending = rejection(
      transport({ timeoutMs: HELD_TIMEOUT_MS }, retries).requestJson(
        { method: 'POST', path: '/send', body: { type: 'json', value: {} } },
        ok,
      ),
    );
    // Time out only once the server has the send, the case where it may have gone out.
    await slow.arrived;
    attemptTimer.fire();
    const error = await pending;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).code).toBe('timeout');
    expect(retries).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it('re-sends a POST after a 429 or 503, which prove the request was not processed', async () => {
    const limited = failTimes(1, () => faults.status(429), okResponse);
    const unavailable = failTimes(1, () => faults.status(503), okResponse);
    server.use(http.post('/limited', limited), http.post('/unavailable', unavailable));
    const client = transport();
    await client.requestJson({ method: 'POST', path: '/limited', body: { type: 'json', value: {} } }, ok);
    await client.requestJson({ method: 'POST', path: '/unavailable', body: { type: 'json', value: {} } }, ok);
    expect(limited.calls).toBe(2);
    expect(unavailable.calls).toBe(2);
  });

  it('re-sends a POST after an ambiguous failure when the caller gives an idempotency key', async () => {
    const resolver = failTimes(1, () => faults.status(500), okResponse);
    server.use(http.post('/send', resolver));
    await transport().requestJson(
      { method: 'POST', path: '/send', body: { type: 'json', value: {} }, idempotencyKey: 'order-42' },
      ok,
    );
    expect(resolver.calls).toBe(2);
  });

  it('re-sends a POST after an ambiguous failure with retry.retryAmbiguous', async () => {
    const resolver = failTimes(1, () => faults.connectionReset(), okResponse);
    server.use(http.post('/send', resolver));
    await transport({ retry: { retryAmbiguous: true, baseDelayMs: 1 } }).requestJson(
      { method: 'POST', path: '/send', body: { type: 'json', value: {} } },
      ok,
    );
    expect(resolver.calls).toBe(2);
  });

  it('retries an idempotent GET after a connection reset', async () => {
    const resolver = failTimes(2, () => faults.connectionReset(), okResponse);
    server.use(http.get('/flaky', resolver));
    await transport().requestJson({ method: 'GET', path: '/flaky' }, ok);
    expect(resolver.calls).toBe(3);
  });

  it('never retries a streamed body, which cannot be read twice', async () => {
    server.use(http.post('/upload', () => faults.status(429)));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1]));
        controller.close();
      },
    });
    await rejection(
      transport().requestJson(
        {
          method: 'POST',
          path: '/upload',
          body: { type: 'multipart', parts: [{ name: 'file', data: stream }] },
        },
        ok,
      ),
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe('connection failures and timeouts', () => {
  it('maps a refused connection to a NetworkError that was not sent, and retries even a POST', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const retries: RetryEvent[] = [];
    const client = new HttpTransport({
      provider: 'test',
      baseUrl: `http://127.0.0.1:${closedPort}`,
      retry: { maxRetries: 2, baseDelayMs: 1 },
      hooks: { onRetry: (event) => retries.push(event) },
    });
    const error = await rejection(
      client.requestJson({ method: 'POST', path: '/send', body: { type: 'json', value: {} } }, ok),
    );
    expect(NetworkError.isInstance(error)).toBe(true);
    expect((error as NetworkError).requestMayHaveBeenSent).toBe(false);
    expect((error as NetworkError).message).toContain('ECONNREFUSED');
    expect(retries).toHaveLength(2);
  });

  it('times out a request whose response never comes', async () => {
    server.use(http.get('/slow', ({ request }) => faults.hang(request)));
    const started = performance.now();
    const error = await rejection(
      transport({ timeoutMs: 150, retry: false }).requestJson({ method: 'GET', path: '/slow' }, ok),
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).retryable).toBe(true);
    expect((error as TimeoutError).message).toContain('within 150 ms');
    // The real timer is wired: it ends the wait, and not before its time (timers have 1 ms
    // resolution). Had it never fired, the hang would trip the test watchdog.
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('gives up at the timeout while the answer is still pending, and drops the connection', async () => {
    const slow = hangingResolver();
    server.use(http.get('/late', slow.resolver));
    const attemptTimer = holdTimers(HELD_TIMEOUT_MS);
    const pending = rejection(
      transport({ timeoutMs: HELD_TIMEOUT_MS, retry: false }).requestJson(
        { method: 'GET', path: '/late' },
        ok,
      ),
    );
    await slow.arrived;
    attemptTimer.fire();
    const error = await pending;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).message).toContain('did not answer GET');
    expect(attemptTimer.armedCount()).toBe(1);
    // The server only answers once the client has left: the client gave up instead of waiting.
    await slow.clientLeft;
  });

  it('counts a slowly streamed body against the timeout, not only the wait for headers', async () => {
    server.use(
      http.get('/trickle', () => {
        // The body starts and never ends; pipeline cancels the stream once the client leaves.
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"ok":'));
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'application/json' } });
      }),
    );
    const headersArrived = deferred();
    const attemptTimer = holdTimers(HELD_TIMEOUT_MS);
    const pending = rejection(
      transport({
        timeoutMs: HELD_TIMEOUT_MS,
        retry: false,
        hooks: { onResponse: () => headersArrived.resolve() },
      }).requestJson({ method: 'GET', path: '/trickle' }, ok),
    );
    await headersArrived.promise;
    // Still armed after the headers: fire() throws if the transport had cleared it.
    attemptTimer.fire();
    const error = await pending;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).message).toContain('did not finish its response');
  });

  it('lets a per-request timeout override the transport default', async () => {
    server.use(
      http.get('/slow', async () => {
        // Slower than the transport's 50 ms default: had the transport armed that timer, armed
        // before this wait began, it would fire first.
        await faults.delay(100);
        return okResponse();
      }),
    );
    // The per-request timer is held, so the answer is never too late for it.
    const perRequestTimer = holdTimers(HELD_TIMEOUT_MS);
    const result = await transport({ timeoutMs: 50 }).requestJson(
      { method: 'GET', path: '/slow', timeoutMs: HELD_TIMEOUT_MS },
      ok,
    );
    expect(result.data).toStrictEqual({ ok: true });
    expect(perRequestTimer.armedCount()).toBe(1);
  });

  it('rejects with the caller’s abort reason and does not retry', async () => {
    const slow = hangingResolver();
    server.use(http.get('/slow', slow.resolver));
    const controller = new AbortController();
    const pending = rejection(
      transport().requestJson({ method: 'GET', path: '/slow', signal: controller.signal }, ok),
    );
    await slow.arrived;
    controller.abort(new Error('user cancelled'));
    const error = await pending;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('user cancelled');
    expect(server.requests).toHaveLength(1);
    await slow.clientLeft;
  });

  it('stops waiting between retries when the caller aborts', async () => {
    // Five minutes: if the abort did not end the wait, the test watchdog would fire first.
    server.use(http.get('/later', () => faults.status(503, { retryAfter: 300 })));
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const delays: number[] = [];
    const client = transport({
      retry: { maxRetryAfterMs: 600_000 },
      hooks: {
        onRetry: (event) => {
          delays.push(event.delayMs);
          // The transport starts waiting as soon as this hook returns, before any microtask runs,
          // so the abort lands during the wait.
          queueMicrotask(() => controller.abort(reason));
        },
      },
    });
    const error = await rejection(
      client.requestJson({ method: 'GET', path: '/later', signal: controller.signal }, ok),
    );
    expect(error).toBe(reason);
    expect(delays).toStrictEqual([300_000]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('unexpected bodies become typed errors', () => {
  it('maps an HTML 502 page from a gateway to a retryable ApiError naming the page', async () => {
    server.use(http.get('/gw', () => faults.htmlPage(502, 'Bad Gateway')));
    const error = await rejection(
      transport({ retry: false }).requestJson({ method: 'GET', path: '/gw' }, ok),
    );
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).retryable).toBe(true);
    expect((error as ApiError).message).toContain('Bad Gateway');
    expect((error as ApiError).responseBody).toContain('<html');
  });

  it('maps an HTML page with status 200 to an ApiError instead of a JSON crash', async () => {
    server.use(
      http.get(
        '/gw',
        () =>
          new HttpResponse('<html><title>Login</title></html>', { headers: { 'content-type': 'text/html' } }),
      ),
    );
    const error = await rejection(transport().requestJson({ method: 'GET', path: '/gw' }, ok));
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).message).toContain('instead of JSON');
  });

  it('maps malformed JSON to an ApiError', async () => {
    server.use(http.get('/broken', () => faults.malformedJson()));
    const error = await rejection(transport().requestJson({ method: 'GET', path: '/broken' }, ok));
    expect(ApiError.isInstance(error)).toBe(true);
  });

  it('maps a body that fails the schema to an ApiError naming the field', async () => {
    server.use(http.get('/odd', () => HttpResponse.json({ ok: 'yes' })));
    const error = await rejection(transport().requestJson({ method: 'GET', path: '/odd' }, ok));
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).message).toContain('ok:');
  });

  it('maps 401 to an AuthenticationError and lets a provider mapper read its own error body', async () => {
    server.use(http.get('/auth', () => faults.plainText(401, 'Unauthorized')));
    const error = await rejection(transport().requestJson({ method: 'GET', path: '/auth' }, ok));
    expect(AuthenticationError.isInstance(error)).toBe(true);

    server.use(http.get('/custom', () => faults.status(400, { body: { error: { code: 131047 } } })));
    const mapped = await rejection(
      transport({
        mapError: (context) =>
          (context.json as { error?: { code?: number } })?.error?.code === 131047
            ? new ApiError('window closed', {
                code: 'session_window_closed',
                providerCode: 131047,
                status: context.status,
              })
            : undefined,
      }).requestJson({ method: 'GET', path: '/custom' }, ok),
    );
    expect((mapped as ApiError).code).toBe('session_window_closed');
    expect((mapped as ApiError).providerCode).toBe(131047);
  });

  it('refuses an oversized chunked body while it streams, without reading the rest', async () => {
    server.use(
      http.get('/endless', () => {
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(new Uint8Array(512).fill(32));
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'application/json' } });
      }),
    );
    const error = await rejection(
      transport({ maxResponseBytes: 4096 }).requestJson({ method: 'GET', path: '/endless' }, ok),
    );
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).message).toContain('over 4096 bytes');
  });

  it('refuses response bodies larger than maxResponseBytes', async () => {
    server.use(http.get('/huge', () => HttpResponse.json({ ok: true, padding: 'x'.repeat(10_000) })));
    const error = await rejection(
      transport({ maxResponseBytes: 1000 }).requestJson({ method: 'GET', path: '/huge' }, ok),
    );
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).message).toContain('over 1000 bytes');
  });
});
