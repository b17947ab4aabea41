import { TokenBucketRateLimiter, UnsupportedFeatureError, ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { createMatonGateway, isMatonGateway } from './maton-gateway.js';
import { matonAccountRateLimiter } from './maton-rate-limiter.js';

const KEY = 'maton-key-gateway-0001';

describe('createMatonGateway', () => {
  it('serves each relayed API under its documented base URL, and refuses others', () => {
    const maton = createMatonGateway({ apiKey: KEY });
    expect(maton.baseUrl('whatsapp-business')).toBe('https://gateway.maton.ai/whatsapp-business');
    expect(maton.baseUrl('wati')).toBe('https://api.maton.ai/wati');
    expect(() => maton.baseUrl('twilio')).toThrow(UnsupportedFeatureError);
  });

  it('replaces a base URL per app, for proxies and emulators', () => {
    const maton = createMatonGateway({ apiKey: KEY, baseUrls: { wati: 'http://127.0.0.1:4010' } });
    expect(maton.baseUrl('wati')).toBe('http://127.0.0.1:4010');
    expect(maton.baseUrl('whatsapp-business')).toBe('https://gateway.maton.ai/whatsapp-business');
  });

  it('sends the key as a bearer token and the connection as Maton-Connection', () => {
    expect(createMatonGateway({ apiKey: `Bearer ${KEY}`, connectionId: 'conn-1' }).headers()).toEqual({
      authorization: `Bearer ${KEY}`,
      'maton-connection': 'conn-1',
    });
    expect(createMatonGateway({ apiKey: KEY }).headers()).toEqual({ authorization: `Bearer ${KEY}` });
  });

  it('lists the key as a secret, so transports redact it', () => {
    expect(createMatonGateway({ apiKey: `Bearer ${KEY}` }).secrets).toEqual([KEY]);
  });

  it("draws on the account's shared 10 requests/s budget unless told otherwise", () => {
    expect(createMatonGateway({ apiKey: KEY }).rateLimiter).toBe(matonAccountRateLimiter(KEY));
    expect(createMatonGateway({ apiKey: KEY, rateLimit: false }).rateLimiter).toBeUndefined();
    const own = new TokenBucketRateLimiter({ requestsPerSecond: 2 });
    expect(createMatonGateway({ apiKey: KEY, rateLimit: own }).rateLimiter).toBe(own);
    const rate = createMatonGateway({ apiKey: KEY, rateLimit: { requestsPerSecond: 3 } }).rateLimiter;
    expect((rate as TokenBucketRateLimiter).requestsPerSecond).toBe(3);
  });

  it('names the missing or bad option without echoing a value', () => {
    let caught: unknown;
    try {
      createMatonGateway({ apiKey: '   ', baseUrls: { wati: 'not a url' } });
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    if (!ValidationError.isInstance(caught)) return;
    expect(caught.issues.map((issue) => issue.path).sort()).toEqual(['apiKey', 'baseUrls.wati']);
    expect(caught.message).toContain('MATON_API_KEY');
    expect(caught.message).not.toContain('not a url');
  });

  it('takes only http(s) base URLs, as the providers do', () => {
    for (const url of ['ftp://127.0.0.1/wati', 'javascript:alert(1)']) {
      expect(() => createMatonGateway({ apiKey: KEY, baseUrls: { wati: url } })).toThrow(
        expect.objectContaining({ name: 'ValidationError', fields: ['baseUrls.wati'] }),
      );
    }
  });

  it('is recognised as the Maton gateway, with the control plane of each app', () => {
    const maton = createMatonGateway({ apiKey: KEY });
    expect(isMatonGateway(maton)).toBe(true);
    expect(isMatonGateway(undefined)).toBe(false);
    expect(typeof maton.connections('wati').list).toBe('function');
  });
});
