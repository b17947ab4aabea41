/** Options of {@link faults.status}. */
export interface StatusFaultOptions {
  /**
   * `Retry-After` value: a number of seconds (rounded up, the header only allows whole seconds),
   * a `Date` (sent as an HTTP-date), or a string sent verbatim to test odd or malformed values.
   */
  retryAfter?: number | Date | string;
  /** A string is sent as `text/plain`; anything else is serialized as JSON. Omit for an empty body. */
  body?: unknown;
  /** Extra headers; they win over the defaults above (e.g. a custom `content-type`). */
  headers?: ConstructorParameters<typeof Headers>[0];
}

/**
 * Canned failure responses for msw handlers served by a {@link LoopbackServer}.
 *
 * Each function returns a fresh `Response` (or a promise of one), so it can be returned directly
 * from a resolver.
 *
 * @example
 * ```ts
 * server.use(
 *   http.post('/v1/messages', () => faults.status(429, { retryAfter: 30 })),
 *   http.get('/v1/media/:id', () => faults.connectionReset()),
 *   http.get('/health', () => faults.htmlPage(502)),
 * );
 * ```
 */
export const faults = {
  /**
   * An HTTP error (or any status) with optional `Retry-After`, body and headers.
   *
   * @example
   * ```ts
   * http.post('/v1/messages', () => faults.status(429, { retryAfter: 2, body: { error: { code: 4 } } }));
   * http.post('/v1/messages', () => faults.status(503, { retryAfter: new Date(Date.now() + 60_000) }));
   * ```
   */
  status(status: number, options: StatusFaultOptions = {}): Response {
    const headers = new Headers();
    let body: string | null = null;
    if (typeof options.body === 'string') {
      headers.set('content-type', 'text/plain; charset=utf-8');
      body = options.body;
    } else if (options.body !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.body);
    }
    if (options.retryAfter !== undefined) headers.set('retry-after', formatRetryAfter(options.retryAfter));
    for (const [name, value] of new Headers(options.headers)) headers.set(name, value);
    return new Response(body, { status, headers });
  },

  /**
   * Waits `ms` milliseconds before the handler answers. Pass the request's signal so the wait ends
   * as soon as the client gives up (the handler can then return anything; nobody reads it).
   *
   * @example
   * ```ts
   * http.post('/v1/messages', async ({ request }) => {
   *   await faults.delay(2_000, request.signal);
   *   return HttpResponse.json({ messages: [{ id: 'wamid.1' }] });
   * });
   * ```
   */
  delay(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },

  /**
   * Never answers, to exercise client timeouts. Given the request, the promise settles with a
   * connection reset once the client disconnects, so the handler does not linger after the test.
   *
   * @example
   * ```ts
   * server.use(http.post('/v1/messages', ({ request }) => faults.hang(request)));
   * await expect(fetch(url, { method: 'POST', signal: AbortSignal.timeout(100) })).rejects.toThrow();
   * ```
   */
  hang(request?: Request): Promise<Response> {
    return new Promise((resolve) => {
      const signal = request?.signal;
      if (signal === undefined) return;
      if (signal.aborted) resolve(Response.error());
      else signal.addEventListener('abort', () => resolve(Response.error()), { once: true });
    });
  },

  /**
   * Makes the loopback server drop the TCP connection without answering, so the client sees a
   * socket error (`ECONNRESET`, undici's `UND_ERR_SOCKET` "other side closed").
   *
   * @example
   * ```ts
   * http.get('/v1/media/:id', () => faults.connectionReset());
   * ```
   */
  connectionReset(): Response {
    return Response.error();
  },

  /**
   * A truncated JSON body labelled `application/json`, like a proxy cutting a response short.
   *
   * @example
   * ```ts
   * http.post('/v1/messages', () => faults.malformedJson());
   * ```
   */
  malformedJson(status = 200): Response {
    return new Response('{"messages": [', { status, headers: { 'content-type': 'application/json' } });
  },

  /**
   * The HTML error page an nginx gateway serves in front of an API (the body a JSON client chokes on).
   *
   * @example
   * ```ts
   * http.post('/v1/messages', () => faults.htmlPage(504, 'Gateway Time-out'));
   * ```
   */
  htmlPage(status = 502, title = 'Bad Gateway'): Response {
    const heading = escapeHtml(`${status} ${title}`);
    const html =
      `<html>\r\n<head><title>${heading}</title></head>\r\n<body>\r\n` +
      `<center><h1>${heading}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
    return new Response(html, { status, headers: { 'content-type': 'text/html', server: 'nginx' } });
  },

  /**
   * A plain-text body with the given status.
   *
   * @example
   * ```ts
   * http.post('/api/v1/sendSessionMessage/:phone', () => faults.plainText(500, 'Internal Server Error'));
   * ```
   */
  plainText(status: number, text: string): Response {
    return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  },
};

/** The msw resolver returned by {@link failTimes}; `calls` counts how many requests it has seen. */
export interface FailTimesResolver {
  (info: { request: Request }): Promise<Response>;
  readonly calls: number;
}

/**
 * A resolver that answers the first `n` requests with `failure()` and every later one with
 * `success(request)`, for retry tests. Both are factories because a `Response` can be read only once.
 *
 * @example
 * ```ts
 * const send = failTimes(2, () => faults.status(503), () => HttpResponse.json({ messages: [{ id: 'wamid.1' }] }));
 * server.use(http.post('/v1/messages', send));
 * await client.send(message); // retried twice, then succeeds
 * expect(send.calls).toBe(3);
 * ```
 */
export function failTimes(
  n: number,
  failure: (request: Request) => Response | Promise<Response>,
  success: (request: Request) => Response | Promise<Response>,
): FailTimesResolver {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`failTimes needs a non-negative integer, got ${n}`);
  let calls = 0;
  const resolver = async ({ request }: { request: Request }): Promise<Response> => {
    calls += 1;
    return calls <= n ? failure(request) : success(request);
  };
  Object.defineProperty(resolver, 'calls', { get: () => calls, enumerable: true });
  return resolver as FailTimesResolver;
}

function formatRetryAfter(value: number | Date | string): string {
  if (typeof value === 'string') return value;
  // toUTCString() produces exactly the IMF-fixdate form HTTP requires.
  if (value instanceof Date) return value.toUTCString();
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`retryAfter must be a non-negative number of seconds, got ${value}`);
  }
  return String(Math.ceil(value));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
