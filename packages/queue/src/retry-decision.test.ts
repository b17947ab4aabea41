import {
  ApiError,
  AuthenticationError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, decideRetry, retryDelayMs } from './retry-decision.js';

describe('decideRetry', () => {
  it('fails final errors at once, whatever the key', () => {
    for (const error of [
      new ValidationError('bad'),
      new AuthenticationError('no'),
      new ApiError('closed', { code: 'session_window_closed', retryable: false }),
      new ApiError('who', { code: 'invalid_recipient', retryable: false }),
    ]) {
      expect(decideRetry(error, true)).toMatchObject({ kind: 'fail', code: error.code, ambiguous: false });
    }
  });

  it('retries what proves nothing was sent, with the provider’s wait', () => {
    expect(decideRetry(new RateLimitError('slow down', { retryAfterMs: 3000 }), false)).toEqual({
      kind: 'retry',
      code: 'rate_limited',
      message: 'slow down',
      retryAfterMs: 3000,
    });
    expect(
      decideRetry(
        new ApiError('busy', { status: 503, code: 'provider_unavailable', retryable: true }),
        false,
      ),
    ).toMatchObject({ kind: 'retry' });
    expect(decideRetry(new NetworkError('refused', { requestMayHaveBeenSent: false }), false)).toMatchObject({
      kind: 'retry',
    });
  });

  it('resends an ambiguous failure only with an idempotency key', () => {
    for (const error of [
      new TimeoutError('no answer'),
      new NetworkError('reset'),
      new ApiError('oops', { status: 500, code: 'provider_unavailable', retryable: true }),
    ]) {
      expect(decideRetry(error, false)).toMatchObject({ kind: 'fail', ambiguous: true });
      expect(decideRetry(error, true)).toMatchObject({ kind: 'retry' });
    }
  });

  it('fails what is not a Switchboard error as unknown, and ambiguous: nothing says it was not sent', () => {
    expect(decideRetry(new TypeError('bug'), true)).toEqual({
      kind: 'fail',
      code: 'unknown',
      message: 'bug',
      ambiguous: true,
    });
  });

  it('fails a final error that may have been sent as ambiguous, saying so', () => {
    for (const error of [
      new ApiError('unreadable answer', { status: 200, code: 'unknown', retryable: false }),
      new ApiError('see other', { status: 303, code: 'unknown', retryable: false }),
    ]) {
      const decision = decideRetry(error, true);
      expect(decision).toMatchObject({ kind: 'fail', ambiguous: true });
      expect(decision.message).toContain('it may have been sent');
    }
  });
});

describe('retryDelayMs', () => {
  it('honours retryAfterMs up to maxRetryAfterMs', () => {
    expect(retryDelayMs(1, 2500, DEFAULT_BACKOFF)).toBe(2500);
    expect(retryDelayMs(1, 10 ** 9, DEFAULT_BACKOFF)).toBe(DEFAULT_BACKOFF.maxRetryAfterMs);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const top = () => 0.999999;
    expect(retryDelayMs(1, undefined, DEFAULT_BACKOFF, top)).toBe(999);
    expect(retryDelayMs(3, undefined, DEFAULT_BACKOFF, top)).toBe(3999);
    expect(retryDelayMs(30, undefined, DEFAULT_BACKOFF, top)).toBe(59_999);
    expect(retryDelayMs(3, undefined, DEFAULT_BACKOFF, () => 0)).toBe(0);
  });
});
