import type { RequestHandler } from 'msw';
import { HandlerServer } from './handler-server.js';
import type { RecordedRequest } from './recorded-request.js';
import type { HandlerError } from './request-log.js';

export type { HandlerError } from './request-log.js';
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
  /** What to do with a request no handler answers; default `error`. */
  onUnhandledRequest?: UnhandledRequestStrategy;
  /**
   * How many requests `requests` (and `unhandledRequests`, `handlerErrors`) keep; the oldest go first.
   * Default `Infinity`, so a test sees everything; bound it for a server that runs for hours.
   */
  maxRecordedRequests?: number;
}

/**
 * A real HTTP server on `127.0.0.1` answering with msw request handlers. See {@link startLoopbackServer}.
 */
export interface LoopbackServer extends AsyncDisposable {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  /** The port the server listens on, chosen by the system. */
  readonly port: number;
  /** Every request received (the newest `maxRecordedRequests` of them), in arrival order. */
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
  /** Whether {@link LoopbackServer.close} has been called. */
  readonly closed: boolean;
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
