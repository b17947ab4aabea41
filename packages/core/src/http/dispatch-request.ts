import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { setBoundedTimeout } from './bounded-duration.js';

/** A complete response; `body` is `undefined` when it exceeded the size limit (the connection was dropped). */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/** Why {@link dispatchRequest} aborted an attempt itself. */
export class AttemptTimeout extends Error {
  constructor(readonly headersReceived: boolean) {
    super('attempt timed out');
  }
}

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
    let status = 0;
    let headers: Record<string, string> = {};
    let headersReceived = false;
    const chunks: Buffer[] = [];
    let size = 0;

    const abort = (reason: Error) => {
      if (controller === undefined) pendingAbort ??= reason;
      else if (!controller.aborted) controller.abort(reason);
    };
    const timer = setBoundedTimeout(() => abort(new AttemptTimeout(headersReceived)), options.timeoutMs);
    const onAbort = () =>
      abort(signal?.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (pendingAbort !== undefined) started.abort(pendingAbort);
      },
      onResponseStart(_, statusCode, responseHeaders) {
        status = statusCode;
        headers = flattenHeaders(responseHeaders);
        headersReceived = true;
        options.onHeaders?.(status, headers);
        const declared = Number(headers['content-length']);
        if (Number.isInteger(declared) && declared > options.maxBytes) abort(new BodyTooLarge());
      },
      onResponseData(_, chunk) {
        size += chunk.byteLength;
        if (size > options.maxBytes) abort(new BodyTooLarge());
        else chunks.push(chunk);
      },
      onResponseEnd() {
        settle();
        resolve({
          status,
          headers,
          body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
        });
      },
      onResponseError(_, error) {
        settle();
        if (error instanceof BodyTooLarge) resolve({ status, headers, body: undefined });
        else if (signal?.aborted) reject(signal.reason);
        else reject(error);
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
      settle();
      reject(error);
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
