import { HttpResponse, http } from 'msw';
import { errors, request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { failTimes, faults } from './faults.js';
import { startLoopbackServer } from './loopback-server.js';

describe('faults.status', () => {
  it('sends Retry-After in seconds with a JSON body', async () => {
    await using server = await startLoopbackServer({
      handlers: [
        http.post('/v1/messages', () =>
          faults.status(429, { retryAfter: 1.2, body: { error: { code: 4, message: 'Too many calls' } } }),
        ),
      ],
    });

    const response = await fetch(`${server.url}/v1/messages`, { method: 'POST' });

    expect(response.status).toBe(429);
    expect(response.statusText).toBe('Too Many Requests');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ error: { code: 4, message: 'Too many calls' } });
  });

  it('sends Retry-After as an HTTP-date, a text body and custom headers', async () => {
    const retryAt = new Date('2030-01-02T03:04:05Z');
    await using server = await startLoopbackServer({
      handlers: [
        http.get('/busy', () =>
          faults.status(503, {
            retryAfter: retryAt,
            body: 'try later',
            headers: { 'x-ratelimit-reset': '60' },
          }),
        ),
      ],
    });

    const response = await request(`${server.url}/busy`);

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('Wed, 02 Jan 2030 03:04:05 GMT');
    expect(response.headers['x-ratelimit-reset']).toBe('60');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(await response.body.text()).toBe('try later');
  });

  it('sends a raw Retry-After string untouched and an empty body by default', async () => {
    const response = faults.status(429, { retryAfter: 'soon' });
    expect(response.headers.get('retry-after')).toBe('soon');
    expect(await response.text()).toBe('');
  });

  it('rejects a negative Retry-After', () => {
    expect(() => faults.status(429, { retryAfter: -1 })).toThrow(RangeError);
  });
});

describe('faults.connectionReset', () => {
  it('makes undici.request fail with a socket error', async () => {
    await using server = await startLoopbackServer({
      handlers: [http.get('/reset', () => faults.connectionReset())],
    });

    const failure = await request(`${server.url}/reset`).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(errors.UndiciError);
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain((failure as { code?: string }).code);
  });

  it('makes global fetch fail with a socket error as the cause', async () => {
    await using server = await startLoopbackServer({
      handlers: [http.post('/reset', () => HttpResponse.error())],
    });

    const failure = await fetch(`${server.url}/reset`, { method: 'POST', body: '{}' }).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(TypeError);
    const cause = (failure as TypeError).cause as { code?: string };
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(cause.code);
    expect(server.requests).toHaveLength(1);
  });
});

describe('malformed bodies', () => {
  it('faults.malformedJson sends truncated JSON labelled application/json', async () => {
    await using server = await startLoopbackServer({
      handlers: [http.get('/json', () => faults.malformedJson())],
    });

    const response = await fetch(`${server.url}/json`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('faults.htmlPage sends an nginx-style error page', async () => {
    await using server = await startLoopbackServer({
      handlers: [http.get('/gateway', () => faults.htmlPage(504, 'Gateway Time-out'))],
    });

    const response = await fetch(`${server.url}/gateway`);
    const html = await response.text();

    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(html).toContain('<title>504 Gateway Time-out</title>');
    expect(html).toContain('<center>nginx</center>');
    expect(faults.htmlPage().status).toBe(502);
    expect(await faults.htmlPage(500, '<script>').text()).toContain('500 &#60;script&#62;');
  });

  it('faults.plainText sends text with the given status', async () => {
    const response = faults.plainText(500, 'Internal Server Error');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Internal Server Error');
  });
});

describe('faults.delay and faults.hang', () => {
  it('delay holds the answer back for the given time', async () => {
    await using server = await startLoopbackServer({
      handlers: [
        http.get('/slow', async () => {
          await faults.delay(150);
          return HttpResponse.text('late');
        }),
      ],
    });

    const started = performance.now();
    const response = await fetch(`${server.url}/slow`);

    expect(await response.text()).toBe('late');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('delay ends early when the client times out and the request signal aborts', async () => {
    const delaying = deferred<void>();
    const delayEnded = deferred<void>();
    await using server = await startLoopbackServer({
      handlers: [
        http.get('/slow', async ({ request: incoming }) => {
          const delay = faults.delay(24 * 60 * 60 * 1000, incoming.signal);
          delaying.resolve();
          await delay;
          delayEnded.resolve();
          return HttpResponse.text('nobody is listening');
        }),
      ],
    });
    const client = new AbortController();

    const attempt = fetch(`${server.url}/slow`, { signal: client.signal });
    // Time out once the handler waits, not after a fixed time: under load the request could arrive later.
    await delaying.promise;
    client.abort(timeoutError());

    await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
    // A day-long delay that ended at all ended through the signal (the test would time out otherwise).
    await delayEnded.promise;
  });

  it('delay waits on a timer, and resolves at once for an already aborted signal', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let waited = false;
      const waiting = faults.delay(150).then(() => {
        waited = true;
      });
      await vi.advanceTimersByTimeAsync(149);
      expect(waited).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(waited).toBe(true);

      // No timer is started, and the promise settles with no time passing.
      await faults.delay(10_000, AbortSignal.abort());
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hang never answers, so the client times out, and settles once the client leaves', async () => {
    const hanging = deferred<void>();
    const settled = deferred<Response>();
    await using server = await startLoopbackServer({
      handlers: [
        http.post('/v1/messages', async ({ request: incoming }) => {
          const answer = faults.hang(incoming);
          hanging.resolve();
          settled.resolve(await answer);
          return answer;
        }),
      ],
    });
    const client = new AbortController();

    const attempt = request(`${server.url}/v1/messages`, {
      method: 'POST',
      body: '{}',
      signal: client.signal,
    });
    await hanging.promise;
    client.abort(timeoutError());

    await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await settled.promise).type).toBe('error');
  });
});

/** A promise and the function that resolves it, for a handler to tell the test where it has got to. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** The reason `AbortSignal.timeout()` aborts with, for a client timeout the test decides the moment of. */
function timeoutError(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

describe('failTimes', () => {
  it('fails the first n calls, then succeeds, counting calls', async () => {
    const resolver = failTimes(
      2,
      () => faults.status(503, { retryAfter: 0 }),
      ({ url }) => HttpResponse.json({ ok: true, path: new URL(url).pathname }),
    );
    await using server = await startLoopbackServer({ handlers: [http.post('/v1/messages', resolver)] });
    const send = async () => (await fetch(`${server.url}/v1/messages`, { method: 'POST' })).status;

    expect(resolver.calls).toBe(0);
    expect([await send(), await send(), await send(), await send()]).toEqual([503, 503, 200, 200]);
    expect(resolver.calls).toBe(4);
  });

  it('with n = 0 always succeeds', async () => {
    const resolver = failTimes(
      0,
      () => faults.status(500),
      () => new Response('ok'),
    );
    const response = await resolver({ request: new Request('http://127.0.0.1/') });
    expect(await response.text()).toBe('ok');
    expect(resolver.calls).toBe(1);
  });

  it('rejects a negative or fractional count', () => {
    const ok = () => new Response('ok');
    expect(() => failTimes(-1, ok, ok)).toThrow(RangeError);
    expect(() => failTimes(1.5, ok, ok)).toThrow(RangeError);
  });
});
