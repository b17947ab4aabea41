import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  UnsupportedFeatureError,
  ValidationError,
} from '../errors/errors.js';
import type { SwitchboardError } from '../errors/switchboard-error.js';
import { type FailoverDecision, failoverDecision, isUnavailability } from './failover-rule.js';
import { CircuitOpenError, IdempotencyInProgressError } from './router-errors.js';

interface Row {
  label: string;
  error: SwitchboardError | Error;
  /** Without an idempotency key, then with one. */
  expected: [FailoverDecision, FailoverDecision];
}

const fo = 'fail_over';
const amb = 'fail_over_ambiguous';

// Every row of the README's table, as the errors the adapters and the transport really produce.
const rows: Row[] = [
  { label: '429 rate limit', error: new RateLimitError('slow', { status: 429 }), expected: [fo, fo] },
  {
    label: '503 provider_unavailable',
    error: new ApiError('down', { status: 503, code: 'provider_unavailable', retryable: true }),
    expected: [fo, fo],
  },
  {
    label: 'connection refused (never opened)',
    error: new NetworkError('refused', { requestMayHaveBeenSent: false }),
    expected: [fo, fo],
  },
  {
    label: 'unsupported_feature',
    error: new UnsupportedFeatureError('no', { provider: 'wati', capability: 'send.location' }),
    expected: [fo, fo],
  },
  { label: 'every circuit open (inner router)', error: new CircuitOpenError('open'), expected: [fo, fo] },
  { label: 'timeout after write', error: new TimeoutError('slow'), expected: ['throw', amb] },
  { label: 'reset after write', error: new NetworkError('reset'), expected: ['throw', amb] },
  {
    label: '500 provider_unavailable',
    error: new ApiError('oops', { status: 500, code: 'provider_unavailable', retryable: true }),
    expected: ['throw', amb],
  },
  {
    label: '502 gateway page',
    error: new ApiError('bad gateway', { status: 502, code: 'provider_unavailable', retryable: true }),
    expected: ['throw', amb],
  },
  {
    label: 'TLS failure (not retryable)',
    error: new NetworkError('tls', { requestMayHaveBeenSent: false, retryable: false }),
    expected: ['throw', 'throw'],
  },
  { label: 'validation_failed', error: new ValidationError('bad'), expected: ['throw', 'throw'] },
  ...(
    ['invalid_recipient', 'template_not_found', 'session_window_closed', 'media_invalid', 'unknown'] as const
  ).map(
    (code): Row => ({
      label: code,
      error: new ApiError(code, { status: 400, code, retryable: false }),
      expected: ['throw', 'throw'],
    }),
  ),
  {
    label: 'auth_failed',
    error: new AuthenticationError('token', { status: 401 }),
    expected: ['throw', 'throw'],
  },
  {
    label: 'idempotency key in progress',
    error: new IdempotencyInProgressError('busy'),
    expected: ['throw', 'throw'],
  },
  { label: 'a plain Error (a bug)', error: new TypeError('x is undefined'), expected: ['throw', 'throw'] },
];

describe('failoverDecision', () => {
  it.each(rows)('$label → $expected.0 without a key, $expected.1 with one', ({ error, expected }) => {
    expect(failoverDecision(error)).toBe(expected[0]);
    expect(failoverDecision(error, { idempotencyKey: 'order-1' })).toBe(expected[1]);
  });
});

describe('isUnavailability', () => {
  it.each([
    ['a 503', new ApiError('down', { status: 503, code: 'provider_unavailable', retryable: true }), true],
    ['a refused connection', new NetworkError('refused', { requestMayHaveBeenSent: false }), true],
    ['a timeout', new TimeoutError('slow'), true],
    ['a rate limit', new RateLimitError('slow'), false],
    ['a rejected message', new ValidationError('bad'), false],
    ['a plain Error', new Error('x'), false],
  ])('%s → %s', (_label, error, expected) => {
    expect(isUnavailability(error)).toBe(expected);
  });
});
