// The errors of every package, and zod issues as a ValidationError. Published on its own as
// `@switchboard/core/errors`: it loads no zod and no HTTP client, so a webhook-only entry can use it.
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
