import { TokenBucketRateLimiter } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { MATON_REQUESTS_PER_SECOND, matonAccountRateLimiter } from './maton-rate-limiter.js';

describe('matonAccountRateLimiter', () => {
  it('gives every caller with one API key the same 10 requests/s bucket, and another key its own', () => {
    const first = matonAccountRateLimiter('maton-key-aaaaaa');
    expect(matonAccountRateLimiter('maton-key-aaaaaa')).toBe(first);
    expect(matonAccountRateLimiter('maton-key-bbbbbb')).not.toBe(first);
    expect(first).toBeInstanceOf(TokenBucketRateLimiter);
    expect((first as TokenBucketRateLimiter).requestsPerSecond).toBe(MATON_REQUESTS_PER_SECOND);
  });
});
