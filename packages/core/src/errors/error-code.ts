/**
 * Provider-neutral error codes. An application can branch on these without knowing
 * which provider (or transport) produced the error.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unsupported_feature',
  'auth_failed',
  'rate_limited',
  /** The 24-hour customer-service window is closed: only a template can reach the user (Meta 131047, WATI "Ticket has been expired"). */
  'session_window_closed',
  'invalid_recipient',
  'template_not_found',
  'media_invalid',
  'provider_unavailable',
  'network_error',
  'timeout',
  'webhook_verification_failed',
  'unknown',
] as const;

/** A provider-neutral error code; see {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];
