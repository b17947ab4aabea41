import { ApiError, AuthenticationError, RateLimitError } from '../errors/errors.js';
import type { SwitchboardError } from '../errors/switchboard-error.js';

/** Everything known about an HTTP error response, secrets already redacted. */
export interface HttpErrorContext {
  provider: string;
  method: string;
  /** Request URL, redacted. */
  url: string;
  status: number;
  /** Response headers, lowercased names. */
  headers: Readonly<Record<string, string>>;
  /** Response body as text, redacted. */
  bodyText: string;
  /** True when `bodyText` is only the start of a longer body (error bodies are read up to 1 MiB). */
  bodyTruncated?: boolean;
  /** The body parsed as JSON, or `undefined` when it is not JSON (an HTML error page, plain text). */
  json: unknown;
  /** From the `Retry-After` header. */
  retryAfterMs: number | undefined;
}

/**
 * Turns an error response into a typed error. Providers pass one to the transport to read their
 * error bodies; returning `undefined` falls back to {@link httpStatusError}.
 */
export type ErrorMapper = (context: HttpErrorContext) => SwitchboardError | undefined;

const BODY_EXCERPT_LENGTH = 2048;

/**
 * The first few KiB of a response body, for error messages and `ApiError.responseBody`;
 * `truncated` when `text` is itself only the start of the body.
 */
export function bodyExcerpt(text: string, truncated = false): string {
  if (truncated) return `${text.slice(0, BODY_EXCERPT_LENGTH)}… (over ${text.length} chars)`;
  return text.length <= BODY_EXCERPT_LENGTH
    ? text
    : `${text.slice(0, BODY_EXCERPT_LENGTH)}… (${text.length} chars)`;
}

/** A short, single-line description of a non-JSON body (e.g. the `<title>` of an HTML page). */
export function describeBody(context: Pick<HttpErrorContext, 'bodyText' | 'headers'>): string {
  const type = context.headers['content-type']?.split(';')[0]?.trim() || 'no content type';
  const title = /<title>([^<]{1,200})<\/title>/i.exec(context.bodyText)?.[1]?.trim();
  if (title) return `${type} page "${title}"`;
  const text = context.bodyText.replace(/\s+/g, ' ').trim();
  if (text === '') return 'an empty body';
  return `${type} "${text.length > 200 ? `${text.slice(0, 200)}…` : text}"`;
}

/** Common fields of an error built from an HTTP response. */
export function errorFields(context: HttpErrorContext): {
  provider: string;
  status: number;
  url: string;
  responseBody: string;
  retryAfterMs?: number;
  requestId?: string;
} {
  const requestId = context.headers['x-request-id'] ?? context.headers['x-fb-trace-id'];
  return {
    provider: context.provider,
    status: context.status,
    url: context.url,
    responseBody: bodyExcerpt(context.bodyText, context.bodyTruncated),
    ...(context.retryAfterMs === undefined ? {} : { retryAfterMs: context.retryAfterMs }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

/**
 * The error for a redirect (3xx), which the transport never follows: following it would send the
 * request's credentials wherever it points. It usually means a wrong base URL (`http://` where the
 * API answers `https://`, a moved tenant URL). Not retryable. Only a 307 or 308 proves the request
 * was not acted on (it asks for the same request elsewhere); a server may answer a POST it acted on
 * with a 301, 302 or 303.
 */
export function redirectError(context: HttpErrorContext): SwitchboardError {
  const location = context.headers.location;
  const to = location === undefined ? 'without a Location' : `to ${location}`;
  return new ApiError(
    `${context.provider} answered HTTP ${context.status} to ${context.method} ${context.url}, a redirect ${to}, which Switchboard does not follow: check the base URL`,
    { ...errorFields(context), code: 'unknown', retryable: false },
  );
}

/**
 * The typed error for an HTTP status when the provider's body says nothing more specific:
 * 401/403 → {@link AuthenticationError}, 429 → {@link RateLimitError}, 5xx → retryable
 * {@link ApiError} (`provider_unavailable`), other 4xx → {@link ApiError}.
 */
export function httpStatusError(context: HttpErrorContext, message?: string): SwitchboardError {
  const fields = errorFields(context);
  const where = `${context.method} ${context.url}`;
  const text =
    message ?? `${context.provider} answered HTTP ${context.status} to ${where}: ${describeBody(context)}`;
  const { status } = context;
  if (status === 401 || status === 403) return new AuthenticationError(text, fields);
  if (status === 429) return new RateLimitError(text, fields);
  if (status >= 500) return new ApiError(text, { ...fields, code: 'provider_unavailable', retryable: true });
  if (status === 408) return new ApiError(text, { ...fields, code: 'timeout', retryable: true });
  if (status === 400 || status === 422)
    return new ApiError(text, { ...fields, code: 'validation_failed', retryable: false });
  return new ApiError(text, { ...fields, code: 'unknown', retryable: false });
}
