import type { Readable } from 'node:stream';
import { nodeCrypto, nodeStream } from '../internal/node-builtins.js';

/** A file part's bytes: in memory, a `Blob`, or a stream (sent as it is read, never buffered). */
export type MultipartData = Uint8Array | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** One part of a `multipart/form-data` body. */
export type MultipartPart =
  | { name: string; value: string }
  | {
      name: string;
      data: MultipartData;
      filename?: string;
      contentType?: string;
      /** Byte size of a stream part, if known, so the body can carry a Content-Length. */
      size?: number;
    };

/** A request body and how it is encoded. */
export type RequestBody =
  | { type: 'json'; value: unknown }
  | { type: 'form'; fields: Readonly<Record<string, string | number | boolean | undefined>> }
  | { type: 'multipart'; parts: readonly MultipartPart[] };

/** A body ready for one attempt. */
export interface EncodedBody {
  body: string | Readable | undefined;
  headers: Record<string, string>;
  /** False when a part is a stream, which cannot be read a second time for a retry. */
  replayable: boolean;
}

const encoder = new TextEncoder();

/** Encodes a body for sending. Call once per attempt: multipart bodies are single-use generators. */
export function encodeBody(body: RequestBody | undefined): EncodedBody {
  if (body === undefined) return { body: undefined, headers: {}, replayable: true };
  switch (body.type) {
    case 'json':
      return {
        body: JSON.stringify(body.value),
        headers: { 'content-type': 'application/json' },
        replayable: true,
      };
    case 'form': {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(body.fields))
        if (value !== undefined) params.append(key, String(value));
      return {
        body: params.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        replayable: true,
      };
    }
    case 'multipart':
      return encodeMultipart(body.parts);
  }
}

/** True when the parts can be encoded again for a retry. */
export function isReplayable(parts: readonly MultipartPart[]): boolean {
  return parts.every(
    (part) => !('data' in part) || part.data instanceof Uint8Array || part.data instanceof Blob,
  );
}

// WHATWG FormData escaping, as browsers and undici do it, so servers parse names the same way.
function escapeName(name: string): string {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

function partHeader(boundary: string, part: MultipartPart): Uint8Array {
  let header = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(part.name)}"`;
  if ('data' in part) {
    const type =
      part.contentType ??
      (part.data instanceof Blob && part.data.type ? part.data.type : 'application/octet-stream');
    header += `; filename="${escapeName(part.filename ?? 'blob')}"\r\nContent-Type: ${type}`;
  }
  return encoder.encode(`${header}\r\n\r\n`);
}

function dataSize(part: MultipartPart): number | undefined {
  if (!('data' in part)) return encoder.encode(part.value).byteLength;
  if (part.data instanceof Uint8Array) return part.data.byteLength;
  if (part.data instanceof Blob) return part.data.size;
  return part.size;
}

async function* streamData(data: MultipartData): AsyncGenerator<Uint8Array> {
  if (data instanceof Uint8Array) {
    yield data;
    return;
  }
  const source = data instanceof Blob ? data.stream() : data;
  for await (const chunk of source as AsyncIterable<Uint8Array>) yield chunk;
}

function encodeMultipart(parts: readonly MultipartPart[]): EncodedBody {
  const boundary = `----switchboard${nodeCrypto().randomBytes(12).toString('hex')}`;
  const headers = parts.map((part) => partHeader(boundary, part));
  const closing = encoder.encode(`--${boundary}--\r\n`);
  const crlf = encoder.encode('\r\n');

  let length: number | undefined = closing.byteLength;
  parts.forEach((part, index) => {
    const size = dataSize(part);
    length =
      length === undefined || size === undefined
        ? undefined
        : length + (headers[index] as Uint8Array).byteLength + size + 2;
  });

  async function* generate(): AsyncGenerator<Uint8Array> {
    for (const [index, part] of parts.entries()) {
      yield headers[index] as Uint8Array;
      if ('data' in part) yield* streamData(part.data);
      else yield encoder.encode(part.value);
      yield crlf;
    }
    yield closing;
  }

  const result: EncodedBody = {
    body: nodeStream().Readable.from(generate(), { objectMode: false }),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    replayable: isReplayable(parts),
  };
  if (length !== undefined) result.headers['content-length'] = String(length);
  return result;
}
