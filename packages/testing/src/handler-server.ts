import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, isPassthroughResponse, type RequestHandler } from 'msw';
import { checkLimit } from './emulator-kit/retention.js';
import type { LoopbackServer, LoopbackServerOptions, UnhandledRequestStrategy } from './loopback-server.js';
import { readBody, sendJson, writeResponse } from './node-io.js';
import { RecordedRequest } from './recorded-request.js';
import { type HandlerError, RequestLog } from './request-log.js';

/** The {@link LoopbackServer} behind `startLoopbackServer`: a node:http server answering with msw handlers. */
export class HandlerServer implements LoopbackServer {
  readonly #server: Server;
  readonly #strategy: UnhandledRequestStrategy;
  #initialHandlers: RequestHandler[];
  #runtimeHandlers: RequestHandler[] = [];
  readonly #log: RequestLog;
  #nextSequence = 0;
  #port = 0;
  #closing: Promise<void> | undefined;

  constructor(options: LoopbackServerOptions) {
    this.#initialHandlers = [...(options.handlers ?? [])];
    this.#strategy = options.onUnhandledRequest ?? 'error';
    const maxRecordedRequests = options.maxRecordedRequests ?? Number.POSITIVE_INFINITY;
    checkLimit('maxRecordedRequests', maxRecordedRequests);
    this.#log = new RequestLog(maxRecordedRequests);
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
    return this.#log.requests;
  }

  get unhandledRequests(): readonly RecordedRequest[] {
    return this.#log.unhandledRequests;
  }

  get handlerErrors(): readonly HandlerError[] {
    return this.#log.handlerErrors;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
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
    this.#log.clear();
  }

  assertNoUnhandledRequests(): void {
    const unhandled = this.#log.unhandledRequests;
    if (unhandled.length === 0) return;
    const lines = unhandled.map((request) => `  ${request.describe()}`);
    throw new Error(
      `The loopback server received ${unhandled.length} request(s) no handler answered:\n${lines.join('\n')}\n` +
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
    this.#log.record(sequence, recorded);

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
      this.#log.recordError(recorded, error);
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
      this.#log.recordError(recorded, error);
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, 500, { error: 'invalid response from handler', message, method, path: recorded.path });
    }
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
        this.#log.recordUnhandled(recorded);
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
