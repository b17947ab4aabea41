import type { ErrorCode } from '@switchboard/core';

/** Which typed error a Graph error code becomes. */
export type GraphErrorKind = 'auth' | 'rate_limit' | 'api';

/** How one Graph / WhatsApp error code is classified. */
export interface GraphErrorRule {
  code: number;
  /** Meta's title of the code (titles change; never parse them). */
  title: string;
  /** `auth` → `AuthenticationError`, `rate_limit` → `RateLimitError`, `api` → `ApiError`. */
  kind: GraphErrorKind;
  /** The provider-neutral error code (core's `ErrorCode`) this Graph code maps to. */
  category: ErrorCode;
  /** Whether the same request may succeed later without changes. */
  retryable: boolean;
  /**
   * How long to wait when neither `Retry-After` nor Meta's `X-Business-Use-Case-Usage` header says.
   * Longer than the transport's `retry.maxRetryAfterMs` (60 s by default) means the transport does
   * not wait itself: the error reaches the caller with `retryAfterMs` so it can reschedule.
   */
  defaultRetryAfterMs?: number;
  /** What to do about it, appended to the error message. */
  hint?: string;
  /** Where the classification comes from. */
  sources: readonly string[];
}

// Meta moved its docs under /documentation/business-messaging/; the old /docs/whatsapp/… addresses redirect.
const ERROR_CODES_PAGE =
  'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes';
const GRAPH_ERROR_HANDLING = 'https://developers.facebook.com/docs/graph-api/guides/error-handling';
const GRAPH_RATE_LIMITING = 'https://developers.facebook.com/docs/graph-api/overview/rate-limiting/';
// Also the page that introduces the pair rate limit (too many messages to the same user).
const THROUGHPUT = 'https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput';
const CUSTOMER_SERVICE_WINDOW =
  'https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages#customer-service-windows';
const BSUID =
  'https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

type Row = Omit<GraphErrorRule, 'code'>;

const auth = (title: string, hint: string, sources: readonly string[] = [ERROR_CODES_PAGE]): Row => ({
  title,
  kind: 'auth',
  category: 'auth_failed',
  retryable: false,
  hint,
  sources,
});

const rejected = (title: string, category: ErrorCode, hint?: string, sources = [ERROR_CODES_PAGE]): Row => ({
  title,
  kind: 'api',
  category,
  retryable: false,
  ...(hint === undefined ? {} : { hint }),
  sources,
});

const transient = (
  title: string,
  sources: readonly string[] = [ERROR_CODES_PAGE],
  defaultRetryAfterMs?: number,
): Row => ({
  title,
  kind: 'api',
  category: 'provider_unavailable',
  retryable: true,
  ...(defaultRetryAfterMs === undefined ? {} : { defaultRetryAfterMs }),
  sources,
});

const throttled = (
  title: string,
  defaultRetryAfterMs: number,
  hint: string,
  sources: readonly string[],
): Row => ({
  title,
  kind: 'rate_limit',
  category: 'rate_limited',
  retryable: true,
  defaultRetryAfterMs,
  hint,
  sources,
});

/**
 * Every Graph / WhatsApp Cloud error code Switchboard classifies, with its source. Codes missing
 * here are classified by Graph's `is_transient` flag and the HTTP status (`fallbackRule` in
 * `map-whatsapp-cloud-error.ts`): 5xx or transient → retryable `provider_unavailable`, 429 → `rate_limited`,
 * 401/403 → `auth_failed`, anything else `unknown`.
 *
 * Default waits (no `Retry-After` is documented for Graph): 130429 is a per-second throughput cap
 * (80 msg/s per number) → 1 s; 131056 allows about one message every 6 s to the same user → 6 s;
 * 4 and 80007 are rolling-window app/WABA limits whose reset Meta reports in minutes → 60 s;
 * 131048 (spam-rate restriction) and 132069 (flow throttled per hour) → 1 h, so the transport never
 * re-sends on its own and the caller gets `retryAfterMs`.
 */
const RULES: Readonly<Record<number, Row>> = {
  // Graph API authorization, permission and generic errors.
  0: auth(
    'AuthException: unable to authenticate the app user',
    'the access token is invalid or expired: generate a new one',
    [ERROR_CODES_PAGE, GRAPH_ERROR_HANDLING],
  ),
  1: transient('API Unknown: invalid request or possible server error', [
    ERROR_CODES_PAGE,
    GRAPH_ERROR_HANDLING,
  ]),
  2: transient('API Service: temporary downtime or overload', [ERROR_CODES_PAGE, GRAPH_ERROR_HANDLING]),
  3: auth(
    'API Method: capability or permissions issue',
    'the app lacks the capability or permission for this call',
  ),
  4: throttled(
    'API Too Many Calls: the app reached its API call rate limit',
    MINUTE,
    'the app hit its Graph call limit; slow down',
    [ERROR_CODES_PAGE, GRAPH_RATE_LIMITING],
  ),
  10: auth(
    'Permission Denied',
    'the token lacks the whatsapp_business_messaging/management permission or the asset is not shared with the app',
  ),
  33: rejected(
    'Parameter value is not valid: the business phone number has been deleted',
    'validation_failed',
  ),
  100: rejected('Invalid parameter', 'validation_failed', undefined, [
    ERROR_CODES_PAGE,
    GRAPH_ERROR_HANDLING,
  ]),
  190: auth(
    'Access token has expired',
    'the access token expired or was revoked: generate a new one (a System User token does not expire)',
    [ERROR_CODES_PAGE, GRAPH_ERROR_HANDLING],
  ),
  368: auth(
    'Temporarily blocked for policies violations',
    'the account is blocked for policy violations; check the WhatsApp Manager and wait for the enforcement to end',
  ),
  80007: throttled(
    'Rate limit issues: the WhatsApp Business Account reached its rate limit',
    MINUTE,
    'the business account hit its rate limit; slow down',
    [ERROR_CODES_PAGE, GRAPH_RATE_LIMITING],
  ),
  // WhatsApp Cloud API messaging errors.
  130429: throttled(
    'Rate limit hit: Cloud API message throughput reached',
    SECOND,
    'the phone number sends too fast (default 80 messages/s)',
    [ERROR_CODES_PAGE, THROUGHPUT],
  ),
  130472: rejected("User's number is part of an experiment", 'invalid_recipient'),
  130497: rejected(
    'Business account is restricted from messaging users in this country',
    'invalid_recipient',
  ),
  131000: transient('Something went wrong'),
  131005: auth('Access denied', 'the token lacks a permission for this request'),
  131008: rejected('Required parameter is missing', 'validation_failed'),
  131009: rejected('Parameter value is not valid', 'validation_failed'),
  131016: transient('Service unavailable'),
  131021: rejected(
    'Recipient cannot be sender',
    'invalid_recipient',
    'send to a number other than the business number',
  ),
  131026: rejected(
    'Message undeliverable',
    'invalid_recipient',
    'the recipient cannot receive it (not on WhatsApp, outdated app, or terms not accepted)',
  ),
  131030: rejected(
    'Recipient phone number not in allowed list',
    'invalid_recipient',
    'add the number to the allowed list of the test phone number in the App Dashboard',
  ),
  131031: auth(
    'Account has been locked',
    'the business account is locked or restricted (policy violation, or a wrong two-step verification PIN)',
  ),
  131037: rejected(
    'WhatsApp provided number needs display name approval',
    'unknown',
    'get the display name approved first',
  ),
  131042: rejected(
    'Business eligibility payment issue',
    'unknown',
    'fix the payment method of the business account',
  ),
  131045: rejected(
    'Incorrect certificate: phone number registration error',
    'unknown',
    'register the phone number again',
  ),
  131047: rejected(
    'Re-engagement message',
    'session_window_closed',
    'more than 24 hours passed since the user last wrote: send an approved template instead',
    [ERROR_CODES_PAGE, CUSTOMER_SERVICE_WINDOW],
  ),
  131048: throttled(
    'Spam rate limit hit',
    HOUR,
    'too many messages from this number were blocked or reported; check its quality rating in WhatsApp Manager before sending more',
    [ERROR_CODES_PAGE],
  ),
  131049: rejected(
    'Meta chose not to deliver this message to maintain healthy ecosystem engagement',
    'unknown',
    'per-user marketing limit: do not resend the same marketing template to this user for at least 24 hours',
    [ERROR_CODES_PAGE],
  ),
  131050: rejected(
    'User has stopped marketing messages from your business',
    'invalid_recipient',
    'treat it as an opt-out of marketing messages',
  ),
  131051: rejected('Unsupported message type', 'validation_failed'),
  131052: rejected('Media download error', 'media_invalid', 'ask the user to send the file again'),
  131053: rejected(
    'Media upload error',
    'media_invalid',
    'check the file type and size against limits.media',
  ),
  131056: throttled(
    '(Business, Consumer) pair rate limit hit',
    6 * SECOND,
    'too many messages to the same recipient in a short time (about one every 6 seconds)',
    [ERROR_CODES_PAGE, THROUGHPUT],
  ),
  131057: transient('Account in maintenance mode'),
  131060: rejected('Message unavailable', 'unknown'),
  131062: rejected(
    'Business-scoped user id recipients are not supported for this message',
    'invalid_recipient',
    undefined,
    [BSUID],
  ),
  // Template errors.
  // 132000 is template_not_found, as Maton's whatsapp-business reference describes it ("Template
  // not found or not approved"), although Meta's error-code page titles it "Template Param Count
  // Mismatch": the hint covers both causes.
  132000: rejected(
    'Template param count mismatch',
    'template_not_found',
    'the template was not found, is not approved, or the number of parameters does not match it',
  ),
  132001: rejected(
    'Template does not exist',
    'template_not_found',
    'check the template name and language and that it is approved',
  ),
  132005: rejected('Template hydrated text too long', 'validation_failed'),
  132007: rejected('Template format character policy violated', 'validation_failed'),
  132012: rejected(
    'Template parameter format mismatch',
    'validation_failed',
    'named templates need named parameters and positional templates positional ones',
  ),
  132015: rejected(
    'Template is paused',
    'template_not_found',
    'the template was paused for low quality; edit it or use another',
  ),
  132016: rejected(
    'Template is disabled',
    'template_not_found',
    'the template was paused too often and is disabled; use another',
  ),
  132068: rejected('Flow is blocked', 'validation_failed', undefined, [ERROR_CODES_PAGE]),
  132069: throttled('Flow is throttled', HOUR, 'this flow was already sent 10 times in the last hour', [
    ERROR_CODES_PAGE,
  ]),
  // Phone number registration errors.
  133000: rejected(
    'Incomplete deregistration',
    'unknown',
    'deregister the number again before registering it',
  ),
  133004: transient('Server temporarily unavailable'),
  133005: auth('Two step verification PIN mismatch', 'check the two-step verification PIN'),
  133006: auth('Phone number re-verification needed', 'verify the phone number again'),
  133008: throttled('Too many two step verification PIN guesses', HOUR, 'wait before trying the PIN again', [
    ERROR_CODES_PAGE,
  ]),
  133009: throttled(
    'Two step verification PIN guessed too fast',
    MINUTE,
    'wait before trying the PIN again',
    [ERROR_CODES_PAGE],
  ),
  133010: rejected('Phone number not registered', 'unknown', 'register the phone number with the Cloud API'),
  133015: transient(
    'Please wait a few minutes before attempting to register this phone number',
    [ERROR_CODES_PAGE],
    5 * MINUTE,
  ),
  133016: throttled(
    'Account register/deregister rate limit exceeded',
    HOUR,
    'wait before registering again',
    [ERROR_CODES_PAGE],
  ),
  135000: rejected('Generic user error', 'validation_failed'),
};

/** Codes 200–299 are Graph's "API Permission" family. */
const PERMISSION_RANGE: Row = auth('API Permission', 'the token lacks a permission for this call', [
  ERROR_CODES_PAGE,
  GRAPH_ERROR_HANDLING,
]);

/** Every classified code, for documentation and tests. */
export const GRAPH_ERROR_RULES: readonly GraphErrorRule[] = Object.entries(RULES).map(([code, row]) => ({
  code: Number(code),
  ...row,
}));

/**
 * The rule of a Graph error code, or `undefined` for a code Switchboard does not know.
 *
 * @example
 * graphErrorRule(131047)?.category; // 'session_window_closed'
 */
export function graphErrorRule(code: number): GraphErrorRule | undefined {
  const row = RULES[code] ?? (code >= 200 && code <= 299 ? PERMISSION_RANGE : undefined);
  return row === undefined ? undefined : { code, ...row };
}
