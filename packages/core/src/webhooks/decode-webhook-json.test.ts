import { describe, expect, it } from 'vitest';
import { validationError } from '../__fixtures__/rejection.js';
import { decodeWebhookJson } from './decode-webhook-json.js';
import { readRawBody } from './raw-body.js';

const options = { provider: 'wati', what: 'WATI webhook' };

describe('decodeWebhookJson', () => {
  it('decodes UTF-8 JSON, multi-byte characters included', () => {
    const body = new TextEncoder().encode('{"text":"Olá 👋"}');
    expect(decodeWebhookJson(body, options)).toEqual({ text: 'Olá 👋' });
  });

  it('refuses a body that is not UTF-8 instead of replacing its bytes', () => {
    const body = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const error = validationError(() => decodeWebhookJson(body, options));
    expect(error.message).toBe('Invalid WATI webhook: the body is not UTF-8 text');
    expect(error.fields).toEqual(['body']);
    expect(error.provider).toBe('wati');
  });

  it('refuses malformed JSON', () => {
    expect(validationError(() => decodeWebhookJson(new TextEncoder().encode('{"a":'), options)).message).toBe(
      'Invalid WATI webhook: the body is not valid JSON',
    );
  });
});

describe('readRawBody of a body already in memory', () => {
  it('applies no default limit, so a handler with a larger limit can pass the bytes on', async () => {
    const big = new Uint8Array(2 * 1024 * 1024);
    await expect(readRawBody({ body: big, headers: {} })).resolves.toMatchObject({ bytes: big });
  });

  it('still applies a limit the caller sets', async () => {
    await expect(readRawBody({ body: new Uint8Array(10), headers: {} }, { maxBytes: 5 })).rejects.toThrow(
      /exceeds the limit/,
    );
  });
});
