import type { SwitchboardErrorOptions } from './switchboard-error.js';
import { hasErrorKind, SwitchboardError } from './switchboard-error.js';

/** One problem found while validating input, with the path of the offending field. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `buttons.1.title`; empty for the whole value. */
  path: string;
  message: string;
}

/** Options of {@link ValidationError}. */
export interface ValidationErrorOptions extends SwitchboardErrorOptions {
  issues?: FieldIssue[];
}

/**
 * Input that cannot be sent as given. Thrown before any network request, with the path of every
 * offending field in `issues`.
 */
export class ValidationError extends SwitchboardError {
  protected static override readonly kind: string = 'ValidationError';
  override readonly name: string = 'ValidationError';

  /** True for a {@link ValidationError} (or subclass) from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is ValidationError {
    return hasErrorKind(error, 'ValidationError');
  }
  readonly issues: readonly FieldIssue[];

  constructor(message: string, options: ValidationErrorOptions = {}) {
    super(message, { code: 'validation_failed', retryable: false, ...options });
    this.issues = options.issues ?? [];
  }

  /** Paths of all offending fields, e.g. `['to', 'buttons.0.title']`. */
  get fields(): string[] {
    return this.issues.map((issue) => issue.path);
  }

  protected override extraJSON(): Record<string, unknown> {
    return { issues: this.issues };
  }
}

/** Options of the errors built from an HTTP response: {@link ApiError}, {@link AuthenticationError}, {@link RateLimitError}. */
export interface ApiErrorOptions extends SwitchboardErrorOptions {
  /** The request URL with secrets redacted. */
  url?: string;
  /** The start of the response body with secrets redacted (at most a few KiB). */
  responseBody?: string;
}

/** `url` and `responseBody` for `toJSON`, when present. */
function responseJSON(error: {
  url: string | undefined;
  responseBody: string | undefined;
}): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (error.url !== undefined) extra.url = error.url;
  if (error.responseBody !== undefined) extra.responseBody = error.responseBody;
  return extra;
}

/** The credentials were missing, invalid, expired or lack a permission. */
export class AuthenticationError extends SwitchboardError {
  protected static override readonly kind: string = 'AuthenticationError';
  override readonly name: string = 'AuthenticationError';
  /** True for a {@link AuthenticationError} (or subclass) from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is AuthenticationError {
    return hasErrorKind(error, 'AuthenticationError');
  }

  /** The request URL with secrets redacted, when the error came from a response. */
  readonly url: string | undefined;
  /** The start of the response body with secrets redacted. */
  readonly responseBody: string | undefined;

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(message, { code: 'auth_failed', retryable: false, ...options });
    this.url = options.url;
    this.responseBody = options.responseBody;
  }

  protected override extraJSON(): Record<string, unknown> {
    return responseJSON(this);
  }
}

/** The provider (or Switchboard's own limiter) throttled the request; see `retryAfterMs`. */
export class RateLimitError extends SwitchboardError {
  protected static override readonly kind: string = 'RateLimitError';
  override readonly name: string = 'RateLimitError';
  /** True for a {@link RateLimitError} (or subclass) from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is RateLimitError {
    return hasErrorKind(error, 'RateLimitError');
  }

  /** The request URL with secrets redacted, when the error came from a response. */
  readonly url: string | undefined;
  /** The start of the response body with secrets redacted. */
  readonly responseBody: string | undefined;

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(message, { code: 'rate_limited', retryable: true, ...options });
    this.url = options.url;
    this.responseBody = options.responseBody;
  }

  protected override extraJSON(): Record<string, unknown> {
    return responseJSON(this);
  }
}

/**
 * The provider answered with an error, or with a body Switchboard could not understand
 * (for example an HTML error page from a gateway).
 */
export class ApiError extends SwitchboardError {
  protected static override readonly kind: string = 'ApiError';
  override readonly name: string = 'ApiError';

  /** True for a {@link ApiError} (or subclass) from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is ApiError {
    return hasErrorKind(error, 'ApiError');
  }
  readonly url: string | undefined;
  readonly responseBody: string | undefined;

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(message, options);
    this.url = options.url;
    this.responseBody = options.responseBody;
  }

  protected override extraJSON(): Record<string, unknown> {
    return responseJSON(this);
  }
}

/** Options of {@link UnsupportedFeatureError}. */
export interface UnsupportedFeatureErrorOptions extends SwitchboardErrorOptions {
  provider: string;
  /** The capability the provider lacks, e.g. `send.location`. */
  capability: string;
}

/** The provider cannot serve this call. Thrown before any network request. */
export class UnsupportedFeatureError extends SwitchboardError {
  protected static override readonly kind: string = 'UnsupportedFeatureError';
  override readonly name: string = 'UnsupportedFeatureError';

  /** True for a {@link UnsupportedFeatureError} (or subclass) from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is UnsupportedFeatureError {
    return hasErrorKind(error, 'UnsupportedFeatureError');
  }
  readonly capability: string;

  constructor(message: string, options: UnsupportedFeatureErrorOptions) {
    super(message, { code: 'unsupported_feature', retryable: false, ...options });
    this.capability = options.capability;
  }

  protected override extraJSON(): Record<string, unknown> {
    return { capability: this.capability };
  }
}

/** Options of {@link NetworkError}. */
export interface NetworkErrorOptions extends SwitchboardErrorOptions {
  /**
   * False when the failure happened before the request could reach the server (DNS, refused
   * connection), so a retry cannot duplicate a send.
   */
  requestMayHaveBeenSent?: boolean;
}

/** The connection failed (DNS, refused, reset, TLS) before a complete response arrived. */
export class NetworkError extends SwitchboardError {
  protected static override readonly kind: string = 'NetworkError';
  override readonly name: string = 'NetworkError';

  /** True for a {@link NetworkError} (or subclass) from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is NetworkError {
    return hasErrorKind(error, 'NetworkError');
  }
  readonly requestMayHaveBeenSent: boolean;

  constructor(message: string, options: NetworkErrorOptions = {}) {
    super(message, { code: 'network_error', retryable: true, ...options });
    this.requestMayHaveBeenSent = options.requestMayHaveBeenSent ?? true;
  }

  protected override extraJSON(): Record<string, unknown> {
    return { requestMayHaveBeenSent: this.requestMayHaveBeenSent };
  }
}

/** No complete response arrived within `timeoutMs`. The request may still have been processed. */
export class TimeoutError extends SwitchboardError {
  protected static override readonly kind: string = 'TimeoutError';
  override readonly name: string = 'TimeoutError';
  /** Makes the class nominal: without own fields it would be structurally a `SwitchboardError`. */
  declare private readonly timeoutErrorBrand: undefined;

  /** True for a {@link TimeoutError} (or subclass) from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is TimeoutError {
    return hasErrorKind(error, 'TimeoutError');
  }

  constructor(message: string, options: SwitchboardErrorOptions = {}) {
    super(message, { code: 'timeout', retryable: true, ...options });
  }
}

/** A webhook delivery failed verification (missing or wrong signature, wrong verify token or secret). */
export class WebhookVerificationError extends SwitchboardError {
  protected static override readonly kind: string = 'WebhookVerificationError';
  override readonly name: string = 'WebhookVerificationError';
  /** Makes the class nominal: without own fields it would be structurally a `SwitchboardError`. */
  declare private readonly webhookVerificationErrorBrand: undefined;

  /** True for a {@link WebhookVerificationError} (or subclass) from any copy of the package; see {@link SwitchboardError.isInstance}. */
  static override isInstance(error: unknown): error is WebhookVerificationError {
    return hasErrorKind(error, 'WebhookVerificationError');
  }

  constructor(message: string, options: SwitchboardErrorOptions = {}) {
    super(message, { code: 'webhook_verification_failed', retryable: false, ...options });
  }
}
