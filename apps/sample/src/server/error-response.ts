import {
  ApiError,
  AuthenticationError,
  type ErrorCode,
  NetworkError,
  PayloadTooLargeError,
  RateLimitError,
  SwitchboardError,
  TimeoutError,
  UnsupportedFeatureError,
  ValidationError,
  WebhookVerificationError,
} from '@switchboard/core';
import { HttpError } from './http-error.js';

/** An HTTP answer for an error. */
export interface ErrorResponse {
  status: number;
  body: { error: Record<string, unknown> };
  headers: Record<string, string>;
}

/**
 * Provider rejections that are about the request's content, not the provider's health: the client
 * can fix them, so they are 422 rather than 502.
 */
const REQUEST_PROBLEMS: ReadonlySet<ErrorCode> = new Set([
  'validation_failed',
  'invalid_recipient',
  'template_not_found',
  'media_invalid',
  'session_window_closed',
]);

/**
 * Maps an error to the API's answer. The body is `{ error: error.toJSON() }`, which Switchboard keeps
 * free of secrets; anything else becomes a bare 500 (the caller logs it).
 *
 * | error | status |
 * |---|---|
 * | `HttpError` (wrong method, wrong content type) | its status: 405, 415 |
 * | `PayloadTooLargeError` | 413 |
 * | `ValidationError` | 400, with `issues: [{ path, message }]` |
 * | `UnsupportedFeatureError` | 422, with `capability` |
 * | `ApiError` about the request (`invalid_recipient`, `template_not_found`, `media_invalid`, `session_window_closed`) | 422 |
 * | `AuthenticationError` (the app's provider credentials were refused) | 502 `auth_failed` |
 * | `RateLimitError` | 429 with `Retry-After` when known |
 * | `TimeoutError` | 504 |
 * | `NetworkError`, other `ApiError`s and Switchboard errors | 502 |
 * | `WebhookVerificationError` | 401 |
 * | anything else | 500 `internal_error` |
 */
export function errorResponse(error: unknown): ErrorResponse {
  if (error instanceof HttpError) {
    return { status: error.status, body: { error: error.toJSON() }, headers: { ...error.headers } };
  }
  if (!SwitchboardError.isInstance(error)) {
    return {
      status: 500,
      body: { error: { code: 'internal_error', message: 'Internal server error: see the server log' } },
      headers: {},
    };
  }
  const body = { error: error.toJSON() };
  const headers: Record<string, string> = {};
  if (RateLimitError.isInstance(error) && error.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  }
  return { status: statusOf(error), body, headers };
}

function statusOf(error: SwitchboardError): number {
  if (PayloadTooLargeError.isInstance(error)) return 413;
  if (ValidationError.isInstance(error)) return 400;
  if (UnsupportedFeatureError.isInstance(error)) return 422;
  // Our client is fine; the provider refused the app's own credentials: a bad gateway, not a 401.
  if (AuthenticationError.isInstance(error)) return 502;
  if (RateLimitError.isInstance(error)) return 429;
  if (TimeoutError.isInstance(error)) return 504;
  if (NetworkError.isInstance(error)) return 502;
  if (WebhookVerificationError.isInstance(error)) return 401;
  if (ApiError.isInstance(error) && REQUEST_PROBLEMS.has(error.code)) return 422;
  return 502;
}
