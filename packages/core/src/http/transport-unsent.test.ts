import { startLoopbackServer } from '@switchboard/testing';
import { HttpResponse, http } from 'msw';
import { Agent, interceptors } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { HELD_TIMEOUT_MS, hangingResolver, holdTimers } from '../__fixtures__/held-timers.js';
import { rejection, validationError } from '../__fixtures__/rejection.js';
import { ApiError, NetworkError } from '../errors/errors.js';
import { mayHaveBeenSent } from './ambiguous-failure.js';
import { HttpTransport, type TransportOptions } from './transport.js';

const ok = z.object({ ok: z.literal(true) });
const send = { method: 'POST', path: '/send', body: { type: 'json', value: { text: 'hi' } } } as const;

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterEach(() => {
  server.resetHandlers();
  server.clearRequests();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

function transport(options: Partial<TransportOptions> = {}): HttpTransport {
  return new HttpTransport({ provider: 'test', baseUrl: server.url, retry: false, ...options });
}

/**
 * A pool of one connection held by a GET the server never answers, so the next request waits in
 * undici's queue: it has not started, and nothing of it can have been sent.
 */
async function queuedBehindAHeldRequest() {
  const held = hangingResolver();
  let sendsSeen = 0;
  server.use(
    http.get('/held', held.resolver),
    http.post('/send', () => {
      sendsSeen += 1;
      return HttpResponse.json({ ok: true });
    }),
  );
  const agent = new Agent({ connections: 1 });
  const client = transport({ dispatcher: agent });
  let firstSettled = false;
  const holder = new AbortController();
  const first = client
    .requestJson({ method: 'GET', path: '/held', signal: holder.signal }, ok)
    .catch((error: unknown) => error)
    .finally(() => {
      firstSettled = true;
    });
  await held.arrived;
  /** Frees the connection, so undici starts the queued requests (and must cancel them), then closes. */
  const release = async () => {
    holder.abort();
    await first;
    await agent.close();
  };
  return { client, release, sendsSeen: () => sendsSeen, firstSettled: () => firstSettled };
}

describe('a request undici has not started', () => {
  it('times out on time, as not sent, while it waits for a connection', async () => {
    const { client, release, sendsSeen, firstSettled } = await queuedBehindAHeldRequest();
    const attemptTimer = holdTimers(HELD_TIMEOUT_MS);
    const queued = rejection(client.requestJson({ ...send, timeoutMs: HELD_TIMEOUT_MS }, ok));
    await vi.waitFor(() => expect(attemptTimer.armedCount()).toBe(1));
    attemptTimer.fire();
    // It settles while the held request still holds the only connection.
    const error = await queued;
    expect(NetworkError.isInstance(error)).toBe(true);
    expect((error as NetworkError).requestMayHaveBeenSent).toBe(false);
    expect(mayHaveBeenSent(error)).toBe(false);
    expect((error as NetworkError).message).toContain(`within ${HELD_TIMEOUT_MS} ms`);
    expect((error as NetworkError).message).toContain('nothing was sent');
    expect(firstSettled()).toBe(false);
    await release();
    expect(sendsSeen()).toBe(0);
  });

  it("settles on the caller's abort and on close(), and is never sent afterwards", async () => {
    const { client, release, sendsSeen, firstSettled } = await queuedBehindAHeldRequest();
    const controller = new AbortController();
    const aborted = rejection(client.requestJson({ ...send, signal: controller.signal }, ok));
    const closed = rejection(client.requestJson(send, ok));
    const reason = new Error('the caller gave up');
    controller.abort(reason);
    expect(await aborted).toBe(reason);
    // It settled while the held request still had the only connection.
    expect(firstSettled()).toBe(false);
    client.close();
    expect((await closed) as Error).toMatchObject({ name: 'AbortError' });
    await release();
    expect(sendsSeen()).toBe(0);
  });
});

describe('a request the dispatcher refuses', () => {
  it('is not sent, not retried, and says so', async () => {
    server.use(http.post('/send', () => HttpResponse.json({ ok: true })));
    const client = transport({
      headers: { authorization: 'Bearer token-with-newline\n' },
      retry: { maxRetries: 3, baseDelayMs: 1 },
    });
    const error = await rejection(client.requestJson(send, ok));
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: false, requestMayHaveBeenSent: false });
    expect((error as NetworkError).message).toContain('refused before sending');
    expect(server.requests).toHaveLength(0);
  });

  it('is not called "not sent" when undici refuses it after it was sent (a redirect loop)', async () => {
    server.use(
      http.all('/send', () => new HttpResponse(null, { status: 303, headers: { location: '/send' } })),
    );
    const dispatcher = new Agent().compose(interceptors.redirect({ maxRedirections: 3 }));
    const error = await rejection(transport({ dispatcher }).requestJson(send, ok));
    expect(NetworkError.isInstance(error)).toBe(true);
    expect((error as NetworkError).requestMayHaveBeenSent).toBe(true);
    expect(mayHaveBeenSent(error)).toBe(true);
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    await dispatcher.close();
  });
});

/** A dispatcher that starts the request (so bytes may be on the wire), then fails as `fail` says. */
function startsThenFails(fail: 'error' | 'throw', error: Error) {
  let dispatched = 0;
  const dispatcher = {
    dispatch(_options: unknown, handler: import('undici').Dispatcher.DispatchHandler) {
      dispatched += 1;
      const controller = { abort() {}, pause() {}, resume() {}, aborted: false, paused: false, reason: null };
      handler.onRequestStart?.(controller as never, {});
      if (fail === 'throw') throw error;
      queueMicrotask(() => handler.onResponseError?.(controller as never, error));
      return true;
    },
  };
  return { dispatcher: dispatcher as never, dispatched: () => dispatched };
}

describe('a request that failed after it started', () => {
  it('may have been sent when the route was lost mid-request (EHOSTUNREACH), so a POST is not retried', async () => {
    const lost = Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' });
    const { dispatcher, dispatched } = startsThenFails('error', lost);
    const client = transport({ dispatcher, retry: { maxRetries: 3, baseDelayMs: 1 } });
    const error = await rejection(client.requestJson(send, ok));
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ requestMayHaveBeenSent: true });
    expect(dispatched()).toBe(1);
  });

  it('may have been sent when a custom dispatcher threw after starting it', async () => {
    const { dispatcher, dispatched } = startsThenFails('throw', new Error('socket write failed'));
    const client = transport({ dispatcher, retry: { maxRetries: 3, baseDelayMs: 1 } });
    const error = await rejection(client.requestJson(send, ok));
    expect((error as Error).message).not.toContain('refused before sending');
    expect(mayHaveBeenSent(error)).toBe(true);
    expect(dispatched()).toBe(1);
  });
});

describe('redirects', () => {
  it('are failures naming the Location (redacted), never followed, never a success', async () => {
    server.use(
      http.post(
        '/send',
        () =>
          new HttpResponse(null, {
            status: 308,
            headers: { location: 'https://elsewhere.example/send?access_token=EAAsecret123' },
          }),
      ),
    );
    const error = await rejection(
      transport({ retry: { maxRetries: 3, baseDelayMs: 1 } }).requestJson(send, ok),
    );
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 308, code: 'unknown', retryable: false });
    const { message } = error as ApiError;
    expect(message).toContain('redirect to https://elsewhere.example/send?access_token=[redacted]');
    expect(message).toContain('check the base URL');
    expect(JSON.stringify(error)).not.toContain('EAAsecret123');
    expect(mayHaveBeenSent(error)).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('fail a media download too, instead of returning the redirect page as the file', async () => {
    server.use(
      http.get(
        '/media',
        () =>
          new HttpResponse('Found. Redirecting to https://blob.example/file.jpg', {
            status: 302,
            headers: { location: 'https://blob.example/file.jpg', 'content-type': 'text/plain' },
          }),
      ),
    );
    const error = await rejection(transport().requestBytes({ method: 'GET', path: '/media' }));
    expect(error).toMatchObject({ status: 302, code: 'unknown' });
  });

  it.each([
    [301, true],
    [302, true],
    [303, true],
    [307, false],
    [308, false],
  ])(
    'count a %i as possibly acted on: %s (only 307 and 308 ask for the same request elsewhere)',
    async (status, acted) => {
      server.use(
        http.post('/send', () => new HttpResponse(null, { status, headers: { location: '/done' } })),
      );
      const error = await rejection(transport().requestJson(send, ok));
      expect(error).toMatchObject({ status });
      expect(mayHaveBeenSent(error)).toBe(acted);
    },
  );
});

describe('response sizes', () => {
  it('reads only the first MiB of an error body, keeping the status its meaning', async () => {
    const page = `<html><head><title>Bad gateway</title><style>${'.a{width:100%}'.repeat(400_000)}</style></html>`;
    server.use(
      http.post(
        '/send',
        () => new HttpResponse(page, { status: 502, headers: { 'content-type': 'text/html' } }),
      ),
    );
    const bodyLengths: number[] = [];
    const error = await rejection(
      transport({
        mapError: (context) => {
          bodyLengths.push(context.bodyText.length);
          return undefined;
        },
      }).requestJson(send, ok),
    );
    expect(bodyLengths).toStrictEqual([1024 * 1024]);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 502, code: 'provider_unavailable', retryable: true });
    expect((error as ApiError).message).toContain('"Bad gateway"');
    expect((error as ApiError).responseBody).toMatch(/… \(over 1048576 chars\)$/);
  });

  it('shows no part of a secret that the limit cut in two', async () => {
    const token = 'EAABsecretTokenValue0123456789';
    // The limit falls inside the token: its first part ends the body that was read.
    const page = `${'x'.repeat(980)}{"echo":"${token}"}${'y'.repeat(5000)}`;
    // Streamed, with no Content-Length, so the first 1000 bytes are read and the rest is cut.
    const streamed = () =>
      new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode(page));
          stream.close();
        },
      });
    server.use(http.post('/send', () => new HttpResponse(streamed(), { status: 502 })));
    const error = await rejection(
      transport({ secrets: [token], maxResponseBytes: 1000 }).requestJson(send, ok),
    );
    expect(ApiError.isInstance(error)).toBe(true);
    const shown = JSON.stringify((error as ApiError).toJSON()) + (error as ApiError).message;
    expect(shown).not.toContain('EAABs');
    expect((error as ApiError).responseBody).toMatch(/^x+/);
  });

  it('lets a media download be larger than other responses', async () => {
    const bytes = new Uint8Array(2048).fill(7);
    server.use(
      http.get('/file', () => new HttpResponse(bytes, { headers: { 'content-type': 'image/png' } })),
    );
    const client = transport({ maxResponseBytes: 1024, maxMediaBytes: 4096 });
    const media = await client.requestBytes({ method: 'GET', path: '/file' });
    expect(media.data).toStrictEqual(bytes);
    const error = await rejection(client.requestText({ method: 'GET', path: '/file' }));
    expect((error as ApiError).message).toContain('with a body over 1024 bytes');
    const tooLarge = await rejection(
      transport({ maxMediaBytes: 1024 }).requestBytes({ method: 'GET', path: '/file' }),
    );
    expect((tooLarge as ApiError).message).toContain('with a body over 1024 bytes');
    // A transport given only maxResponseBytes holds media to it too.
    const capped = await rejection(
      transport({ maxResponseBytes: 1024 }).requestBytes({ method: 'GET', path: '/file' }),
    );
    expect((capped as ApiError).message).toContain('with a body over 1024 bytes');
    // A request that names no limit of its own (undefined) takes the media limit.
    const unnamed = await client.requestBytes({ method: 'GET', path: '/file', maxResponseBytes: undefined });
    expect(unnamed.data).toStrictEqual(bytes);
  });

  it('are refused when they are no size, naming the option', () => {
    for (const [field, value] of [
      ['maxResponseBytes', Number.NaN],
      ['maxResponseBytes', -1],
      ['maxMediaBytes', 0],
      ['maxMediaBytes', 1.5],
    ] as const) {
      expect(validationError(() => transport({ [field]: value })).fields, `${field}: ${value}`).toStrictEqual(
        [field],
      );
    }
  });
});
