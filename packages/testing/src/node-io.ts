import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/**
 * Reads a Node request body to the end, as raw bytes.
 *
 * Node has already removed chunked transfer framing; nothing else (charset, content-encoding) is
 * touched, so the bytes are what the client meant to send.
 */
export async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk as Uint8Array;
    chunks.push(bytes);
    size += bytes.byteLength;
  }
  // A fresh Uint8Array, not a Buffer: small Buffers are views into a shared pool, and a plain
  // Uint8Array compares cleanly with `toEqual` in tests.
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Writes a Fetch `Response` to a Node response: status, status text, every header (repeated
 * `set-cookie` lines stay separate) and the body, streamed with back-pressure.
 *
 * Rejects when the body stream fails or the client disconnects; by then headers may be on the wire.
 */
export async function writeResponse(res: ServerResponse, response: Response, isHead: boolean): Promise<void> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of response.headers) {
    const values = grouped.get(name);
    if (values === undefined) grouped.set(name, [value]);
    else values.push(value);
  }
  res.statusCode = response.status;
  // An empty reason phrase would replace Node's standard one (e.g. "Too Many Requests").
  if (response.statusText !== '') res.statusMessage = response.statusText;
  for (const [name, values] of grouped) {
    res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  }

  const body = response.body;
  if (body === null || isHead) {
    // HEAD answers carry the handler's headers but never a body; release the unread stream.
    await body?.cancel().catch(() => {});
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), res);
}

/** Answers with a small JSON document, discarding any header a failed attempt may have set. */
export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  if (res.headersSent || res.destroyed) return;
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
