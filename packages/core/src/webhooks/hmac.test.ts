import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, hmacSha256Hex, verifyHmacSignature } from './hmac.js';

const secret = 'app-secret';
const utf8 = new TextEncoder();

function sign(payload: Uint8Array | string, key = secret): string {
  return createHmac('sha256', key).update(payload).digest('hex');
}

describe('hmacSha256Hex', () => {
  it('matches node:crypto for a known vector, for bytes and strings alike', () => {
    const body = '{"object":"whatsapp_business_account","entry":[]}';
    expect(hmacSha256Hex(secret, body)).toBe(sign(body));
    expect(hmacSha256Hex(secret, utf8.encode(body))).toBe(sign(body));
    // RFC 4231 test case 2.
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('verifyHmacSignature', () => {
  const payload = utf8.encode('{"hello":"world"}');
  const valid = `sha256=${sign(payload)}`;

  it('accepts the right signature, in lower or upper case hex', () => {
    expect(verifyHmacSignature({ secret, payload, signature: valid })).toBe(true);
    expect(verifyHmacSignature({ secret, payload, signature: `sha256=${sign(payload).toUpperCase()}` })).toBe(
      true,
    );
  });

  it('rejects a signature made with another secret or over other bytes', () => {
    expect(verifyHmacSignature({ secret: 'other-secret', payload, signature: valid })).toBe(false);
    expect(verifyHmacSignature({ secret, payload: utf8.encode('{"hello":"World"}'), signature: valid })).toBe(
      false,
    );
  });

  it('rejects a missing signature, a missing or different prefix, and malformed digests', () => {
    const digest = sign(payload);
    for (const signature of [
      undefined,
      null,
      '',
      digest,
      `sha1=${digest}`,
      `SHA256=${digest}`,
      'sha256=',
      `sha256=${digest.slice(0, 62)}`,
      `sha256=${digest}00`,
      `sha256=${digest.slice(0, 63)}g`,
      `sha256= ${digest.slice(1)}`,
    ]) {
      expect(verifyHmacSignature({ secret, payload, signature }), String(signature)).toBe(false);
    }
  });

  it('supports another prefix, or none', () => {
    const digest = sign(payload);
    expect(verifyHmacSignature({ secret, payload, signature: digest, prefix: '' })).toBe(true);
    expect(verifyHmacSignature({ secret, payload, signature: `v1,${digest}`, prefix: 'v1,' })).toBe(true);
    expect(verifyHmacSignature({ secret, payload, signature: valid, prefix: 'v1,' })).toBe(false);
  });

  it('refuses to verify with an empty secret', () => {
    expect(() =>
      verifyHmacSignature({ secret: '', payload, signature: `sha256=${sign(payload, '')}` }),
    ).toThrow(TypeError);
  });

  it('must run over the raw bytes: re-serialized JSON with escaped non-ASCII no longer verifies', () => {
    // Meta escapes non-ASCII text, so the bytes on the wire are `caf\u00e9 \ud83d\ude00`, not `café 😀`.
    const raw = String.raw`{"entry":[{"text":{"body":"caf\u00e9 \ud83d\ude00"}}]}`;
    const signature = `sha256=${sign(raw)}`;
    const reserialized = JSON.stringify(JSON.parse(raw));

    expect(reserialized).toContain('café 😀');
    expect(verifyHmacSignature({ secret, payload: utf8.encode(raw), signature })).toBe(true);
    expect(verifyHmacSignature({ secret, payload: utf8.encode(reserialized), signature })).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('compares strings of any length', () => {
    expect(constantTimeEqual('verify-token', 'verify-token')).toBe(true);
    expect(constantTimeEqual('verify-token', 'verify-tokeN')).toBe(false);
    expect(constantTimeEqual('verify-token', 'verify-token-longer')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('café', 'cafe\u0301')).toBe(false);
  });
});
