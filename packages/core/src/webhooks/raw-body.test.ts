import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { PayloadTooLargeError } from './payload-too-large-error.js';
import { DEFAULT_MAX_BODY_BYTES, readRawBody, toRawWebhookRequest } from './raw-body.js';

const utf8 = new TextEncoder();

/** A body of `chunks` chunks of `chunkSize` bytes that counts how many chunks were pulled. */
function countingStream(
  chunks: number,
  chunkSize: number,
): { stream: ReadableStream<Uint8Array>; pulls: () => number; cancelled: () => boolean } {
  let pulls = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls += 1;
        controller.enqueue(new Uint8Array(chunkSize).fill(pulls % 256));
        if (pulls === chunks) controller.close();
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => pulls, cancelled: () => cancelled };
}

function streamingRequest(
  stream: ReadableStream<Uint8Array>,
  headers?: ConstructorParameters<typeof Headers>[0],
): Request {
  return new Request('https://hooks.example.com/in', {
    method: 'POST',
    body: stream,
    duplex: 'half',
    ...(headers === undefined ? {} : { headers }),
  } as RequestInit);
}

describe('readRawBody', () => {
  it('returns the exact bytes, headers and URL of a Fetch Request', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xc3, 0xa9, 0x00, 0xff, 0x22, 0x7d]);
    const request = new Request('https://hooks.example.com/in?x=1', {
      method: 'POST',
      headers: { 'x-hub-signature-256': 'sha256=abc' },
      body: bytes,
    });
    const result = await readRawBody(request);
    expect(result.bytes).toStrictEqual(bytes);
    expect(result.headers.get('x-hub-signature-256')).toBe('sha256=abc');
    expect(result.url).toBe('https://hooks.example.com/in?x=1');
  });

  it('joins the chunks of a streamed body in order', async () => {
    const { stream } = countingStream(5, 3);
    const result = await readRawBody(streamingRequest(stream));
    expect([...result.bytes]).toStrictEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
  });

  it('reads a request without a body as empty', async () => {
    const result = await readRawBody(new Request('https://hooks.example.com/in', { method: 'POST' }));
    expect(result.bytes.byteLength).toBe(0);
  });

  it('stops reading as soon as the limit is exceeded', async () => {
    const source = countingStream(1000, 1024);
    const error = await readRawBody(streamingRequest(source.stream), { maxBytes: 4096 }).catch(
      (e: unknown) => e,
    );
    expect(PayloadTooLargeError.isInstance(error)).toBe(true);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'PayloadTooLargeError',
      limitBytes: 4096,
      code: 'validation_failed',
    });
    expect((error as PayloadTooLargeError).toJSON()).toMatchObject({ limitBytes: 4096 });
    // Four chunks fit, the fifth crosses the limit; nothing after it is pulled.
    expect(source.pulls()).toBeLessThanOrEqual(6);
    expect(source.cancelled()).toBe(true);
  });

  it('refuses a declared content-length over the limit without reading at all', async () => {
    const source = countingStream(10, 1024);
    const request = streamingRequest(source.stream, { 'content-length': String(10 * 1024) });
    await expect(readRawBody(request, { maxBytes: 1024 })).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(source.pulls()).toBe(0);
  });

  it('accepts a body of exactly the limit', async () => {
    const request = new Request('https://hooks.example.com/in', { method: 'POST', body: new Uint8Array(64) });
    await expect(readRawBody(request, { maxBytes: 64 })).resolves.toMatchObject({
      bytes: new Uint8Array(64),
    });
  });

  it('refuses a body that was already read', async () => {
    const request = new Request('https://hooks.example.com/in', { method: 'POST', body: 'x' });
    await request.text();
    await expect(readRawBody(request)).rejects.toThrow(TypeError);
  });

  it('encodes a string body as UTF-8 and converts a header record', async () => {
    const result = await readRawBody({
      body: '{"text":"café 😀"}',
      headers: { 'X-Hub-Signature-256': 'sha256=abc', accept: ['a', 'b'], absent: undefined },
      url: '/webhooks/wati/secret-path',
    });
    expect(result.bytes).toStrictEqual(utf8.encode('{"text":"café 😀"}'));
    expect(result.headers.get('x-hub-signature-256')).toBe('sha256=abc');
    expect(result.headers.get('accept')).toBe('a, b');
    expect(result.headers.has('absent')).toBe(false);
    expect(result.url).toBe('/webhooks/wati/secret-path');
  });

  it('keeps byte bodies and Headers as given, and applies a limit to them only when one is set', async () => {
    const bytes = utf8.encode('{"a":1}');
    const headers = new Headers({ 'x-a': '1' });
    const result = await readRawBody({ body: bytes, headers });
    expect(result.bytes).toBe(bytes);
    expect(result.headers).toBe(headers);
    expect(result.url).toBeUndefined();
    await expect(readRawBody({ body: 'x'.repeat(11), headers: {} }, { maxBytes: 10 })).rejects.toMatchObject({
      limitBytes: 10,
    });
    // Bytes in memory were already read under the caller's own limit (a webhook handler's maxBodyBytes).
    const large = new Uint8Array(DEFAULT_MAX_BODY_BYTES + 1);
    await expect(readRawBody({ body: large, headers: {} })).resolves.toMatchObject({ bytes: large });
  });
});

describe('toRawWebhookRequest', () => {
  it('gives both input forms one shape', async () => {
    const fromRequest = await toRawWebhookRequest(
      new Request('https://hooks.example.com/in', { method: 'POST', headers: { 'x-a': '1' }, body: 'hi' }),
    );
    const fromRaw = await toRawWebhookRequest({ body: 'hi', headers: { 'x-a': '1' } });
    for (const normalized of [fromRequest, fromRaw]) {
      expect(normalized.body).toStrictEqual(utf8.encode('hi'));
      expect(normalized.headers).toBeInstanceOf(Headers);
      expect(normalized.headers.get('x-a')).toBe('1');
    }
    expect(fromRequest.url).toBe('https://hooks.example.com/in');
    expect('url' in fromRaw).toBe(false);
  });
});
