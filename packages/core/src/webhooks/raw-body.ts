import { ValidationError } from '../errors/errors.js';
import type { RawWebhookRequest } from '../provider/messaging-provider.js';
import { PayloadTooLargeError } from './payload-too-large-error.js';

/** Default limit of {@link readRawBody}: 1 MiB, far above any WhatsApp webhook delivery. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link readRawBody} and {@link toRawWebhookRequest}. */
export interface ReadRawBodyOptions {
  /**
   * Largest accepted body in bytes. A Fetch `Request` body is streamed under this limit, default
   * {@link DEFAULT_MAX_BODY_BYTES}; a body given as bytes or a string is checked only when you set it.
   */
  maxBytes?: number;
}

/** A webhook body exactly as received, with its headers and URL. */
export interface RawBody {
  bytes: Uint8Array;
  headers: Headers;
  /** The request URL, when known. */
  url: string | undefined;
}

/** A {@link RawWebhookRequest} whose body has been read into bytes and whose headers are a `Headers`. */
export interface BufferedWebhookRequest extends RawWebhookRequest {
  body: Uint8Array;
  headers: Headers;
}

const utf8 = new TextEncoder();

/**
 * Reads a webhook body exactly as received, for signature checks over the raw bytes. A Fetch
 * `Request` body is streamed with a running count and abandoned at the first chunk over the limit.
 *
 * @throws {PayloadTooLargeError} when the body (or its declared `content-length`) exceeds `maxBytes`.
 * @throws {ValidationError} when a header of a {@link RawWebhookRequest} record is not valid HTTP.
 * @throws {TypeError} when the request body was already read.
 *
 * @example
 * ```ts
 * const { bytes, headers } = await readRawBody(request, { maxBytes: 256 * 1024 });
 * const ok = verifyHmacSignature({ secret, payload: bytes, signature: headers.get('x-hub-signature-256') });
 * ```
 */
export async function readRawBody(
  input: Request | RawWebhookRequest,
  options: ReadRawBodyOptions = {},
): Promise<RawBody> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!(maxBytes >= 0) || !Number.isFinite(maxBytes))
    throw new TypeError('maxBytes must be a non-negative number');
  if (isFetchRequest(input)) {
    const bytes = await readStream(input, maxBytes);
    return { bytes, headers: input.headers, url: input.url };
  }
  const bytes = typeof input.body === 'string' ? utf8.encode(input.body) : input.body;
  // A body already in memory is checked only against a limit the caller chose: the default guards
  // streaming, and a webhook handler that read the body under its own, larger limit hands the
  // bytes on to the provider's parse, which must not refuse them again under the default.
  if (options.maxBytes !== undefined && bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return { bytes, headers: toHeaders(input.headers), url: input.url };
}

/**
 * Normalizes either form a provider's `webhooks.parse` accepts into one shape: the body as bytes,
 * the headers as `Headers`.
 *
 * @example
 * ```ts
 * async parse(request: Request | RawWebhookRequest): Promise<InboundEvent[]> {
 *   const { body, headers, url } = await toRawWebhookRequest(request);
 *   // verify `body` as received, then JSON.parse it
 * }
 * ```
 */
export async function toRawWebhookRequest(
  input: Request | RawWebhookRequest,
  options: ReadRawBodyOptions = {},
): Promise<BufferedWebhookRequest> {
  const { bytes, headers, url } = await readRawBody(input, options);
  return url === undefined ? { body: bytes, headers } : { body: bytes, headers, url };
}

/**
 * True for a Fetch `Request`, including one from another realm or from the `undici` package, where
 * `instanceof` would fail.
 */
function isFetchRequest(input: Request | RawWebhookRequest): input is Request {
  const candidate = input as Partial<Request>;
  return typeof candidate.method === 'string' && typeof candidate.arrayBuffer === 'function';
}

async function readStream(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.bodyUsed) throw new TypeError('The request body has already been read');
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    // Refuse without reading: the sender announced more than we accept.
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = toUint8Array(value);
      total += chunk.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      chunks.push(chunk);
    }
  } finally {
    reader.releaseLock();
  }
  return concat(chunks, total);
}

function toUint8Array(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError('A request body stream must yield bytes');
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function toHeaders(headers: RawWebhookRequest['headers']): Headers {
  if (headers instanceof Headers) return headers;
  // A `Headers` of another fetch implementation (e.g. the `undici` package) is copied, not walked as a record.
  const foreign = headers as unknown as Partial<Headers>;
  if (typeof foreign.get === 'function' && typeof foreign.forEach === 'function')
    return new Headers(foreign as Headers);
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    try {
      result.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // A record from an adapter may hold what no HTTP request carries (a value beyond Latin-1, such
      // as UTF-8 text an API gateway decoded): the sender's fault, so a 400, never a TypeError.
      throw new ValidationError(
        'Invalid webhook request: a header name or value is not valid HTTP (names are tokens; values are Latin-1 without CR, LF or NUL)',
        { issues: [{ path: 'headers', message: 'not a valid HTTP header' }] },
      );
    }
  }
  return result;
}

function tooLarge(limitBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`The webhook body exceeds the limit of ${limitBytes} bytes`, {
    limitBytes,
  });
}
