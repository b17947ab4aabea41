import { describe, expect, it } from 'vitest';
import {
  ApiError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  UnsupportedFeatureError,
  ValidationError,
} from '../errors/errors.js';
import { mayHaveBeenSent } from './ambiguous-failure.js';

describe('mayHaveBeenSent', () => {
  it('is false only for an error that proves nothing was sent', () => {
    const notSent = [
      new RateLimitError('throttled', { status: 429 }),
      new ApiError('unavailable', { status: 503, code: 'provider_unavailable', retryable: true }),
      new NetworkError('refused', { requestMayHaveBeenSent: false }),
      new ValidationError('bad input'),
      new UnsupportedFeatureError('no location', { provider: 'p', capability: 'send.location' }),
      new ApiError('bad request', { status: 400 }),
    ];
    for (const error of notSent) expect(mayHaveBeenSent(error), error.message).toBe(false);
  });

  it('is true for an abort in flight, a timeout, a lost connection, a 5xx but 503 and an unreadable 2xx', () => {
    const maybeSent = [
      new DOMException('This operation was aborted', 'AbortError'),
      new TimeoutError('no answer in time'),
      new NetworkError('reset', { requestMayHaveBeenSent: true }),
      new ApiError('internal error', { status: 500, code: 'provider_unavailable', retryable: true }),
      new ApiError('not implemented', { status: 501 }),
      new ApiError('unreadable body', { status: 200 }),
    ];
    for (const error of maybeSent) expect(mayHaveBeenSent(error), String(error)).toBe(true);
  });
});
