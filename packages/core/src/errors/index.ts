// The errors of every package, and zod issues as a ValidationError. Published on its own as
// `@switchboard/core/errors`: it loads neither the zod package nor an HTTP client, so a webhook-only
// entry can use it. Built as a facade of `@switchboard/core/internal` (see `../internal.ts`).
export { ERROR_CODES, type ErrorCode } from './error-code.js';
export {
  ApiError,
  type ApiErrorOptions,
  AuthenticationError,
  type FieldIssue,
  NetworkError,
  type NetworkErrorOptions,
  RateLimitError,
  TimeoutError,
  UnsupportedFeatureError,
  type UnsupportedFeatureErrorOptions,
  ValidationError,
  type ValidationErrorOptions,
  WebhookVerificationError,
} from './errors.js';
export {
  describeObjectIssue,
  fieldIssues,
  formatPath,
  type ParseOptions,
  parseOrThrow,
  type SafeParsable,
  validationErrorFromZod,
} from './from-zod.js';
export { SwitchboardError, type SwitchboardErrorOptions } from './switchboard-error.js';
