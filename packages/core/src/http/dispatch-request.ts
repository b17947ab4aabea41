import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { setBoundedTimeout } from './bounded-duration.js';

/**
 * A complete response. `body` is `undefined` when a success body exceeded the size limit (the
 * connection was dropped); an error body (status 300 and up) is cut at {@link MAX_ERROR_BODY_BYTES}
 * instead, with `truncated` set, so the status still says what went wrong.
 */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | undefined;
  truncated?: boolean;
}

/**
 * How much of an error response is read. Only an excerpt and the JSON of an error body are used,
 * and every byte kept is redacted on the event loop: a 30 MB error page from a broken gateway
 * would otherwise stall every other request of the process.
 */
export const MAX_ERROR_BODY_BYTES = 1024 * 1024;

/** Why {@link dispatchRequest} aborted an attempt itself. */
export class AttemptTimeout extends Error {
  /**
   * @param headersReceived whether the response had begun
   * @param requestStarted whether undici had started writing the request: false while it waited for
   *   a connection (connecting, or queued behind a full pool), so nothing was sent
   */
  constructor(
    readonly headersReceived: boolean,
    readonly requestStarted = true,
  ) {
    super('attempt timed out');
  }
}

/**
 * The request failed before undici started it (before `onRequestStart`, which undici calls before
 * writing a byte): nothing was sent. `refused` when the dispatcher threw at once or undici found the
 * request itself invalid (sending it again fails alike), else the connection could not be made.
 */
export class RequestNotStarted extends Error {
  constructor(
    cause: unknown,
    readonly refused: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

// undici's code for a request it refuses as invalid (a header value with a newline, say).
const INVALID_REQUEST = 'UND_ERR_INVALID_ARG';

class BodyTooLarge extends Error {}

/** One attempt: where to send it and the limits that bound it. */
export interface DispatchRequestOptions {
  origin: string;
  /** Path and query. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string | Readable | undefined;
  /** Clamped to `MAX_TIMER_MS`: a longer delay would overflow the timer and fire after 1 ms. */
  timeoutMs: number;
  maxBytes: number;
  signal: AbortSignal | undefined;
  /** Called when the status and headers arrived. */
  onHeaders?: (status: number, headers: Record<string, string>) => void;
}

/**
 * Sends one request with undici's dispatcher API and collects the whole response. One timer bounds
 * the whole attempt, headers and body, and aborts through the dispatch controller: no
 * AbortController per request and no body stream, which `undici.request` would add. Rejects with an
 * {@link AttemptTimeout}, the caller's abort reason, or undici's error.
 */
export function dispatchRequest(
  dispatcher: Dispatcher,
  options: DispatchRequestOptions,
): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let controller: Dispatcher.DispatchController | undefined;
    let pendingAbort: Error | undefined;
    let done = false;
    let status = 0;
    let headers: Record<string, string> = {};
    let headersReceived = false;
    const chunks: Buffer[] = [];
    let size = 0;

    const settle = () => {
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const abort = (reason: Error) => {
      if (controller !== undefined) {
        if (!controller.aborted) controller.abort(reason);
        return;
      }
      // undici has not started the request (it is connecting, or queued behind a full pool) and
      // gives no way to cancel it yet: settle now, so a timeout, an abort or close() is not held
      // up by a connection; onRequestStart cancels the request before it writes a byte.
      pendingAbort ??= reason;
      if (done) return;
      settle();
      reject(reason instanceof AttemptTimeout ? new AttemptTimeout(false, false) : reason);
    };
    const timer = setBoundedTimeout(() => abort(new AttemptTimeout(headersReceived)), options.timeoutMs);
    const onAbort = () =>
      abort(signal?.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', onAbort, { once: true });
    // The most of the body kept: an error body is cut short, not refused (see MAX_ERROR_BODY_BYTES).
    let limit = options.maxBytes;
    const joined = (): Buffer => (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (pendingAbort !== undefined) started.abort(pendingAbort);
      },
      onResponseStart(_, statusCode, responseHeaders) {
        if (done) return;
        status = statusCode;
        headers = flattenHeaders(responseHeaders);
        headersReceived = true;
        options.onHeaders?.(status, headers);
        if (status >= 300) {
          limit = Math.min(limit, MAX_ERROR_BODY_BYTES);
          return;
        }
        const declared = Number(headers['content-length']);
        if (Number.isInteger(declared) && declared > limit) abort(new BodyTooLarge());
      },
      onResponseData(_, chunk) {
        if (done) return;
        if (size + chunk.byteLength <= limit) {
          size += chunk.byteLength;
          chunks.push(chunk);
          return;
        }
        if (status >= 300) {
          chunks.push(chunk.subarray(0, limit - size));
          size = limit;
        }
        abort(new BodyTooLarge());
      },
      onResponseEnd() {
        if (done) return;
        settle();
        resolve({ status, headers, body: joined() });
      },
      onResponseError(_, error) {
        if (done) return;
        settle();
        if (error instanceof BodyTooLarge) {
          resolve(
            status >= 300
              ? { status, headers, body: joined(), truncated: true }
              : { status, headers, body: undefined },
          );
        } else if (signal?.aborted) reject(signal.reason);
        else if (controller === undefined) {
          reject(new RequestNotStarted(error, (error as { code?: unknown }).code === INVALID_REQUEST));
        } else reject(error);
      },
    };
    try {
      dispatcher.dispatch(
        {
          origin: options.origin,
          path: options.path,
          method: options.method as Dispatcher.HttpMethod,
          headers: options.headers,
          body: options.body ?? null,
        },
        handler,
      );
    } catch (error) {
      // Only a custom dispatcher throws (undici reports through the handler): it may have started
      // the request before it threw, so only one that never did counts as refused before sending.
      if (done) return;
      settle();
      reject(controller === undefined ? new RequestNotStarted(error, true) : error);
    }
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
