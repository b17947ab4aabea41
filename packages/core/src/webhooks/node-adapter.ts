import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { nodeStream, nodeStreamPromises } from '../internal/node-builtins.js';
import { PayloadTooLargeError } from './payload-too-large-error.js';
import { DEFAULT_MAX_BODY_BYTES } from './raw-body.js';

/** Options of {@link toNodeListener} and {@link nodeRequestToFetchRequest}. */
export interface NodeAdapterOptions {
  /** Largest accepted request body; default 1 MiB. A larger body gets 413 and is not read further. */
  maxBodyBytes?: number;
  /**
   * The public URL the server is reached at, e.g. `https://hooks.example.com` behind a proxy; the
   * request path and query are appended to it. Default: `http(s)://` plus the `Host` header.
   */
  baseUrl?: string;
}

/** Options of {@link nodeRequestToFetchRequest}. */
export interface NodeRequestOptions extends NodeAdapterOptions {
  /** Becomes the `Request`'s signal, e.g. aborted when the client goes away. */
  signal?: AbortSignal;
}

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions extends NodeAdapterOptions {
  /** Told about an error thrown by the handler (answered with a bare 500). Default: `console.error`. */
  onError?: (error: unknown) => void;
}

/** A `node:http` request listener. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves a Fetch-style handler (such as one from `createWebhookHandler`) from `node:http`: the
 * request body is streamed to the handler byte for byte, and the `Response` is streamed back. A
 * declared `content-length` over `maxBodyBytes` is answered with 413 before any of the body is read.
 * A handler that throws gets a 500 without details.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * const handler = createWebhookHandler(provider, onEvent);
 * createServer(toNodeListener(handler, { baseUrl: 'https://hooks.example.com' })).listen(3000);
 * ```
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: NodeListenerOptions = {},
): NodeRequestListener {
  const onError =
    options.onError ?? ((error: unknown) => console.error('Switchboard webhook listener failed:', error));
  return (req, res) => {
    serve(handler, req, res, options, onError).catch(() => res.destroy());
  };
}

async function serve(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeAdapterOptions,
  onError: (error: unknown) => void,
): Promise<void> {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Number(req.headers['content-length']) > limit) return writeText(req, res, 413, 'Payload Too Large');

  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  let request: Request;
  try {
    request = nodeRequestToFetchRequest(req, { ...options, signal: abort.signal });
  } catch (error) {
    if (!(error instanceof BodyAlreadyReadError)) return writeText(req, res, 400, 'Bad Request');
    // The application's setup, not the sender's fault: reported, and a 500 so the delivery is retried.
    try {
      onError(error);
    } catch {
      // Reporting must not keep the client from its answer.
    }
    return writeText(req, res, 500, 'Internal Server Error');
  }

  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    if (PayloadTooLargeError.isInstance(error)) return writeText(req, res, 413, 'Payload Too Large');
    try {
      onError(error);
    } catch {
      // Reporting must not keep the client from its answer.
    }
    return writeText(req, res, 500, 'Internal Server Error');
  }
  await writeResponse(req, res, response);
}

/**
 * Converts a `node:http` request into a Fetch `Request`: an absolute URL, every header (repeated
 * ones joined with `, `), and for methods other than GET and HEAD the body as a stream of the bytes
 * received, which errors with a `PayloadTooLargeError` once more than `maxBodyBytes` arrived.
 *
 * @throws {TypeError} when the `Host` header or the request target cannot form a URL.
 * @throws {BodyAlreadyReadError} when the body of a request that has one was already read.
 *
 * @example
 * ```ts
 * createServer(async (req, res) => {
 *   const request = nodeRequestToFetchRequest(req, { baseUrl: 'https://hooks.example.com' });
 *   const events = await provider.webhooks.parse(request);
 *   …
 * });
 * ```
 */
export function nodeRequestToFetchRequest(req: IncomingMessage, options: NodeRequestOptions = {}): Request {
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] as string;
    if (!name.startsWith(':')) headers.append(name, raw[index + 1] as string);
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (options.signal !== undefined) init.signal = options.signal;
  if (method !== 'GET' && method !== 'HEAD') {
    // Waiting for a body that was already read would never end (or end as a false "client closed").
    if (req.readableEnded) throw new BodyAlreadyReadError();
    init.body = bodyStream(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    init.duplex = 'half';
  }
  return new Request(requestUrl(req, options.baseUrl), init);
}

function requestUrl(req: IncomingMessage, baseUrl: string | undefined): string {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return new URL(target).href; // absolute-form, as sent to proxies
  let prefix: string;
  if (baseUrl !== undefined) {
    const base = new URL(baseUrl);
    prefix = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  } else {
    const protocol = (req.socket as Partial<TLSSocket>).encrypted === true ? 'https' : 'http';
    const origin = new URL(`${protocol}://${req.headers.host ?? 'localhost'}`);
    // A Host header with a path, query or credentials would let the client reshape the URL.
    if (origin.pathname !== '/' || origin.search !== '' || origin.username !== '' || origin.password !== '') {
      throw new TypeError('Invalid Host header');
    }
    prefix = origin.origin;
  }
  return new URL(`${prefix}${target}`).href;
}

/** Thrown for a request whose body something read first (a body parser mounted before the webhook). */
export class BodyAlreadyReadError extends Error {
  override readonly name = 'BodyAlreadyReadError';
  constructor() {
    super(
      'The request body was already read, most likely by a body parser (express.json(), say) that ran first: mount the webhook route before any body parser, or give the handler the raw bytes',
    );
  }
}

/**
 * The request body as a byte stream with backpressure. Cancelling does not destroy the request:
 * that would close the socket before the answer (such as a 413) could be written.
 */
function bodyStream(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  let received = 0;
  let finished = false;
  let detach = (): void => undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = (error?: unknown): void => {
          if (finished) return;
          finished = true;
          detach();
          if (error === undefined) controller.close();
          else controller.error(error);
        };
        const onData = (chunk: Buffer): void => {
          received += chunk.byteLength;
          if (received > limit) {
            req.pause();
            finish(
              new PayloadTooLargeError(`The webhook body exceeds the limit of ${limit} bytes`, {
                limitBytes: limit,
              }),
            );
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        const onEnd = (): void => finish();
        const onError = (error: Error): void => finish(error);
        const onClose = (): void =>
          finish(new Error('The client closed the connection before the body was complete'));
        detach = () => {
          req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
        };
        req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
        req.pause();
      },
      pull() {
        if (!finished) req.resume();
      },
      cancel() {
        finished = true;
        detach();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (!req.complete) headers.connection = 'close';
  if (response.statusText === '') res.writeHead(response.status, headers);
  else res.writeHead(response.status, response.statusText, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  try {
    await nodeStreamPromises().pipeline(nodeStream().Readable.fromWeb(response.body), res);
  } catch {
    // The client went away mid-body; pipeline already destroyed both ends.
  }
}

function writeText(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  // An unread body would otherwise be drained to keep the connection alive, however large it is.
  if (!req.complete) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}
