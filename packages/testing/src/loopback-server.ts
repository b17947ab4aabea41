import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, isPassthroughResponse, type RequestHandler } from 'msw';
import { readBody, sendJson, writeResponse } from './node-io.js';
import { RecordedRequest } from './recorded-request.js';

/**
 * What the server does with a request no handler answers.
 *
 * - `error` (default): answer 501 and remember it, so {@link LoopbackServer.assertNoUnhandledRequests} fails.
 * - `warn`: answer 501 and print a warning, nothing is remembered.
 * - `bypass-404`: answer 404 silently, for tests that probe unknown routes on purpose.
 */
export type UnhandledRequestStrategy = 'error' | 'warn' | 'bypass-404';

/** Options of {@link startLoopbackServer}. */
export interface LoopbackServerOptions {
  /** Initial msw request handlers; {@link LoopbackServer.resetHandlers} returns to these. */
  handlers?: RequestHandler[];
  onUnhandledRequest?: UnhandledRequestStrategy;
}

/** A request whose handler threw, answered with a 500. */
export interface HandlerError {
  request: RecordedRequest;
  error: unknown;
}

/**
 * A real HTTP server on `127.0.0.1` answering with msw request handlers. See {@link startLoopbackServer}.
 */
export interface LoopbackServer extends AsyncDisposable {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Requests no handler answered (only with `onUnhandledRequest: 'error'`). */
  readonly unhandledRequests: readonly RecordedRequest[];
  /** Requests whose handler threw; each was answered with a 500. */
  readonly handlerErrors: readonly HandlerError[];
  /** Prepends runtime handlers that take precedence over the current ones, like msw's `server.use`. */
  use(...handlers: RequestHandler[]): void;
  /** Drops runtime handlers; with arguments, they also replace the initial handlers. */
  resetHandlers(...nextHandlers: RequestHandler[]): void;
  /** Forgets recorded requests, unhandled requests and handler errors. */
  clearRequests(): void;
  /** Throws an error listing every unhandled request, if there was any. */
  assertNoUnhandledRequests(): void;
  /** Stops the server, cutting open and idle keep-alive connections. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on `127.0.0.1` (random free port) that answers with msw request handlers.
 *
 * Unlike msw's `setupServer`, nothing is intercepted: the code under test makes genuine HTTP requests,
 * so its real transport (undici pools, keep-alive, timeouts, socket errors) is exercised. Handlers may
 * use absolute URLs or paths relative to the server (`http.post('/v1/messages', …)`). A handler
 * returning `Response.error()` makes the server reset the connection; a handler that throws gets a 500.
 *
 * @example
 * ```ts
 * import { http, HttpResponse } from 'msw';
 * import { faults, startLoopbackServer } from '@switchboard/testing';
 *
 * await using server = await startLoopbackServer({
 *   handlers: [http.post('/v1/messages', () => HttpResponse.json({ id: 'wamid.1' }))],
 * });
 * server.use(http.post('/v1/messages', () => faults.status(429, { retryAfter: 2 })));
 * const response = await fetch(`${server.url}/v1/messages`, { method: 'POST', body: '{}' });
 * expect(response.headers.get('retry-after')).toBe('2');
 * expect(server.requests).toHaveLength(1);
 * ```
 */
export async function startLoopbackServer(options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
  const server = new HandlerServer(options);
  await server.listen();
  return server;
}

interface Arrival {
  sequence: number;
  request: RecordedRequest;
}

class HandlerServer implements LoopbackServer {
  readonly #server: Server;
  readonly #strategy: UnhandledRequestStrategy;
  #initialHandlers: RequestHandler[];
  #runtimeHandlers: RequestHandler[] = [];
  #arrivals: Arrival[] = [];
  #unhandled: RecordedRequest[] = [];
  #errors: HandlerError[] = [];
  #nextSequence = 0;
  #port = 0;
  #closing: Promise<void> | undefined;

  constructor(options: LoopbackServerOptions) {
    this.#initialHandlers = [...(options.handlers ?? [])];
    this.#strategy = options.onUnhandledRequest ?? 'error';
    this.#server = createServer((req, res) => {
      // The handler never rejects; the catch is a last resort so a bug can't crash the test run.
      this.#handle(req, res).catch(() => res.destroy());
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get port(): number {
    return this.#port;
  }

  get requests(): readonly RecordedRequest[] {
    return this.#arrivals.map((arrival) => arrival.request);
  }

  get unhandledRequests(): readonly RecordedRequest[] {
    return [...this.#unhandled];
  }

  get handlerErrors(): readonly HandlerError[] {
    return [...this.#errors];
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  use(...handlers: RequestHandler[]): void {
    this.#runtimeHandlers = [...handlers, ...this.#runtimeHandlers];
  }

  resetHandlers(...nextHandlers: RequestHandler[]): void {
    const current = [...this.#runtimeHandlers, ...this.#initialHandlers];
    const next = nextHandlers.length > 0 ? [...nextHandlers] : this.#initialHandlers;
    // Same bookkeeping as msw's resetHandlers: surviving handlers restart their generators,
    // removed ones release what they hold.
    for (const handler of new Set(current)) {
      if (next.includes(handler)) handler.reset();
      else disposeQuietly(handler);
    }
    this.#runtimeHandlers = [];
    this.#initialHandlers = next;
  }

  clearRequests(): void {
    this.#arrivals = [];
    this.#unhandled = [];
    this.#errors = [];
  }

  assertNoUnhandledRequests(): void {
    if (this.#unhandled.length === 0) return;
    const lines = this.#unhandled.map((request) => `  ${request.describe()}`);
    throw new Error(
      `The loopback server received ${this.#unhandled.length} request(s) no handler answered:\n${lines.join('\n')}\n` +
        'Add a handler with server.use(http.<method>(path, resolver)) or pass it to startLoopbackServer({ handlers }).',
    );
  }

  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
      // close() alone waits for in-flight requests (a hanging handler would block forever).
      this.#server.closeAllConnections();
      for (const handler of new Set([...this.#runtimeHandlers, ...this.#initialHandlers])) {
        disposeQuietly(handler);
      }
    });
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sequence = this.#nextSequence++;
    const aborted = new AbortController();
    // Lets handlers (faults.hang, faults.delay) stop waiting once the client has given up.
    res.once('close', () => {
      if (!res.writableFinished) aborted.abort(new Error('The client closed the connection'));
    });

    let body: Uint8Array;
    try {
      body = await readBody(req);
    } catch {
      // The client went away mid-upload; there is no one left to answer.
      return;
    }

    const method = req.method ?? 'GET';
    const url = absoluteUrl(this.url, req.url ?? '/');
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
    }
    const recorded = new RecordedRequest({ method, url, headers: new Headers(headers), body });
    this.#record({ sequence, request: recorded });

    let response: Response | undefined;
    try {
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const request = new Request(url, {
        method,
        headers,
        signal: aborted.signal,
        ...(hasBody ? { body } : {}),
      });
      const handlers = [...this.#runtimeHandlers, ...this.#initialHandlers];
      response = await getResponse(handlers, request, { baseUrl: this.url, quiet: true });
    } catch (error) {
      this.#errors.push({ request: recorded, error });
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, 500, { error: 'handler threw', message, method, path: recorded.path });
      return;
    }

    if (response === undefined || isPassthroughResponse(response)) {
      this.#answerUnhandled(recorded, res);
      return;
    }
    if (response.type === 'error') {
      req.socket.destroy();
      return;
    }
    try {
      await writeResponse(res, response, method === 'HEAD');
    } catch (error) {
      if (res.headersSent || res.destroyed) {
        // Part of the response is already on the wire (or the client left): cutting the
        // connection is the honest signal.
        res.destroy();
        return;
      }
      this.#errors.push({ request: recorded, error });
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, 500, { error: 'invalid response from handler', message, method, path: recorded.path });
    }
  }

  #record(arrival: Arrival): void {
    // Bodies finish at different times; insert by arrival so `requests` reflects the order sent.
    let index = this.#arrivals.length;
    while (index > 0 && (this.#arrivals[index - 1]?.sequence ?? -1) > arrival.sequence) index--;
    this.#arrivals.splice(index, 0, arrival);
  }

  #answerUnhandled(recorded: RecordedRequest, res: ServerResponse): void {
    const payload = { error: 'unhandled request', method: recorded.method, path: recorded.path };
    switch (this.#strategy) {
      case 'bypass-404':
        sendJson(res, 404, payload);
        return;
      case 'warn':
        console.warn(`[loopback-server] No handler answered ${recorded.describe()}; responded 501.`);
        sendJson(res, 501, payload);
        return;
      case 'error':
        this.#unhandled.push(recorded);
        sendJson(res, 501, payload);
        return;
    }
  }
}

function absoluteUrl(base: string, target: string): string {
  // Concatenation, not `new URL(target, base)`: a path like `//host/x` must stay a path.
  if (target.startsWith('/')) return `${base}${target}`;
  if (/^https?:\/\//i.test(target)) return new URL(target).href;
  return `${base}/`;
}

function disposeQuietly(handler: RequestHandler): void {
  try {
    Promise.resolve(handler.dispose()).catch(() => {});
  } catch {
    // A failing dispose must not keep the server from resetting or closing.
  }
}
