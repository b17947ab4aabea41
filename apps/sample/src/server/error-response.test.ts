import {
  ApiError,
  AuthenticationError,
  NetworkError,
  PayloadTooLargeError,
  RateLimitError,
  SwitchboardError,
  TimeoutError,
  UnsupportedFeatureError,
  ValidationError,
  WebhookVerificationError,
} from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { errorResponse } from './error-response.js';

describe('errorResponse', () => {
  it.each([
    [new ValidationError('bad', { issues: [{ path: 'to', message: 'required' }] }), 400],
    [new PayloadTooLargeError('big', { limitBytes: 10 }), 413],
    [new UnsupportedFeatureError('no', { provider: 'wati', capability: 'send.location' }), 422],
    [new ApiError('no such template', { code: 'template_not_found', status: 404 }), 422],
    [new ApiError('window closed', { code: 'session_window_closed' }), 422],
    [new ApiError('boom', { code: 'provider_unavailable', status: 503 }), 502],
    [new AuthenticationError('token expired', { provider: 'wati', status: 401 }), 502],
    [new RateLimitError('slow down'), 429],
    [new TimeoutError('too slow'), 504],
    [new NetworkError('refused'), 502],
    [new WebhookVerificationError('bad signature'), 401],
    [new SwitchboardError('something else'), 502],
  ])('maps %o to %i with its JSON as the body', (error, status) => {
    const response = errorResponse(error);
    expect(response.status).toBe(status);
    expect(response.body).toStrictEqual({ error: error.toJSON() });
  });

  it('keeps field paths and the capability in the body', () => {
    expect(
      errorResponse(
        new ValidationError('bad', { issues: [{ path: 'buttons.0.title', message: 'too long' }] }),
      ).body,
    ).toMatchObject({
      error: {
        code: 'validation_failed',
        message: 'bad',
        issues: [{ path: 'buttons.0.title', message: 'too long' }],
      },
    });
    expect(
      errorResponse(new UnsupportedFeatureError('no', { provider: 'wati', capability: 'send.location' })).body
        .error,
    ).toMatchObject({ code: 'unsupported_feature', capability: 'send.location' });
  });

  it('sets Retry-After in whole seconds when the provider said how long to wait', () => {
    expect(errorResponse(new RateLimitError('slow', { retryAfterMs: 1500 })).headers).toStrictEqual({
      'retry-after': '2',
    });
    expect(errorResponse(new RateLimitError('slow')).headers).toStrictEqual({});
  });

  it('hides anything that is not a Switchboard error behind a generic 500', () => {
    expect(errorResponse(new Error('db password is hunter2'))).toStrictEqual({
      status: 500,
      body: { error: { code: 'internal_error', message: 'Internal server error: see the server log' } },
      headers: {},
    });
  });
});
