import {
  ApiError,
  AuthenticationError,
  describeBody,
  errorFields,
  type HttpErrorContext,
  httpStatusError,
  type SwitchboardError,
} from '@switchboard/core';
import { MATON_SETTINGS_URL } from './maton-apis.js';

const CHECK_KEY = `check the Maton API key you configured (apiKey, usually from MATON_API_KEY) at ${MATON_SETTINGS_URL}`;

function connectionHint(api: string): string {
  return `Maton answers so when the API key has no ACTIVE ${api} connection: list or create one with createMatonConnections({ apiKey, app: '${api}' }) from @switchboard/maton (open a new connection's authorizationUrl to authorize it), or check connectionId (MATON_CONNECTION_ID)`;
}

/** Maton refused the API key itself: say which option to check, never its value. */
export function matonKeyRejected(context: HttpErrorContext): AuthenticationError {
  return new AuthenticationError(
    `Maton rejected the API key (HTTP 401 from ${context.method} ${context.url}): ${CHECK_KEY}`,
    errorFields(context),
  );
}

/**
 * Classifies a response the Maton gateway produced itself for a request to `api`: the adapter calls
 * it for bodies that are not the upstream API's own errors (a Graph error body, a WATI failure).
 *
 * - 401 → {@link AuthenticationError}: the Maton key (and the connection) to check;
 * - 400 → no usable connection for the app: an {@link AuthenticationError} when Maton says so, else
 *   a `validation_failed` {@link ApiError}, both with the way to create or pick a connection;
 * - 5xx → retryable `provider_unavailable`, with the hint that an expired authorization causes it too;
 * - anything else → `undefined`: the adapter's own reading applies.
 */
export function mapMatonError(context: HttpErrorContext, api: string): SwitchboardError | undefined {
  const where = `${context.method} ${context.url}`;
  if (context.status === 401) {
    return new AuthenticationError(
      `Maton rejected the credentials (HTTP 401 from ${where}): ${CHECK_KEY}, and that your Maton ${api} connection (connectionId, MATON_CONNECTION_ID) is ACTIVE`,
      errorFields(context),
    );
  }
  if (context.status === 400) {
    const message = `Maton answered HTTP 400 to ${where}: ${describeBody(context)}. ${connectionHint(api)}`;
    if (/connection/i.test(context.bodyText)) return new AuthenticationError(message, errorFields(context));
    return new ApiError(message, { ...errorFields(context), code: 'validation_failed', retryable: false });
  }
  if (context.status >= 500) {
    return httpStatusError(
      context,
      `Maton answered HTTP ${context.status} to ${where}: ${describeBody(context)}. If it persists, the ${api} connection's authorization may have expired: check it at ${MATON_SETTINGS_URL}`,
    );
  }
  return undefined;
}

/** What to check when the upstream API refuses the credential Maton holds for the connection. */
export function matonUpstreamCredentialHint(api: string): string {
  return `the credential Maton holds for your ${api} connection is invalid or expired: re-authorize the connection (createMatonConnections({ apiKey, app: '${api}' }).get(connectionId) → authorizationUrl, from @switchboard/maton) or check it at ${MATON_SETTINGS_URL}`;
}
