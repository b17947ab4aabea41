import {
  ApiError,
  AuthenticationError,
  describeBody,
  type ErrorMapper,
  errorFields,
  type HttpErrorContext,
  httpStatusError,
  type ProviderGateway,
  type SwitchboardError,
} from '@switchboard/core';
import { WATI_GATEWAY_API } from './wati-options.js';
import { classifyWatiFailureText, failureText } from './wati-soft-failure.js';

const CHECK_WATI_TOKEN =
  'check the WATI API token you configured (token, usually from WATI_API_TOKEN; copy it from WATI → API Docs) and that baseUrl (WATI_API_URL) is the API endpoint of the same tenant';

/** Options of {@link createWatiErrorMapper}. */
export interface WatiErrorMapperOptions {
  /** The gateway requests go through, if any: it classifies the errors it produces itself. */
  gateway?: ProviderGateway | undefined;
}

function authError(context: HttpErrorContext, message: string): AuthenticationError {
  return new AuthenticationError(message, errorFields(context));
}

/** An error response whose body is WATI's own (it carries WATI's failure text). */
function fromWatiBody(context: HttpErrorContext, detail: string, credentialHint: string): SwitchboardError {
  const where = `${context.method} ${context.url}`;
  const { status } = context;
  if (status === 401) {
    return authError(
      context,
      `WATI rejected the credentials (HTTP 401 from ${where}): ${detail}; ${credentialHint}`,
    );
  }
  if (status === 403) {
    return authError(
      context,
      `WATI refused ${where} (HTTP 403): ${detail}; the credentials are valid but lack permission for this endpoint; ${credentialHint}`,
    );
  }
  const message = `WATI answered HTTP ${status} to ${where}: ${detail}`;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    const code = classifyWatiFailureText(detail);
    if (code !== 'unknown') return new ApiError(message, { ...errorFields(context), code, retryable: false });
  }
  return httpStatusError(context, message);
}

/** An error response without a WATI body that no gateway claimed. */
function fromStatus(
  context: HttpErrorContext,
  gateway: ProviderGateway | undefined,
  credentialHint: string,
): SwitchboardError {
  const where = `${context.method} ${context.url}`;
  const { status } = context;
  if (status === 401) {
    const who = gateway === undefined ? 'WATI rejected the API token' : 'WATI rejected the credentials';
    return authError(context, `${who} (HTTP 401 from ${where}): ${credentialHint}`);
  }
  if (status === 403) {
    return authError(
      context,
      `WATI refused ${where} (HTTP 403): the credentials are valid but lack permission for this endpoint; ${credentialHint}`,
    );
  }
  let message = `WATI answered HTTP ${status} to ${where}: ${describeBody(context)}`;
  if (status === 404 && gateway === undefined) {
    message +=
      ' (WATI answers 404 when baseUrl lacks the tenant id: use the full API endpoint from WATI → API Docs, e.g. https://live-mt-server.wati.io/123456)';
  }
  return httpStatusError(context, message);
}

/**
 * Reads error responses into typed errors, in this order:
 *
 * 1. WATI's own error bodies (RFC 7807 `title`/`detail`/`errors`, `{ result: false, info }`, v3
 *    `{ code, message }`): their text in the message, classified (`session_window_closed`,
 *    `template_not_found`, `invalid_recipient`) when the text says so; 401/403 →
 *    {@link AuthenticationError} saying which credential to check (the WATI token, or through a
 *    gateway the credential the gateway holds: `gateway.upstreamCredentialHint`);
 * 2. through a gateway, the errors the gateway produced itself (`gateway.mapError`: for Maton, its
 *    key refused, no connection, its own outage);
 * 3. else by status: 401 (often a plain-text `Unauthorized` or an empty body) and 403 →
 *    {@link AuthenticationError}, never quoting a credential; a bare 404 without a gateway → a hint
 *    that `baseUrl` must include the tenant id; 429 → `RateLimitError`; 5xx and HTML pages →
 *    retryable `provider_unavailable`.
 *
 * @example
 * ```ts
 * const mapError = createWatiErrorMapper({ gateway: createMatonGateway({ apiKey }) });
 * ```
 */
export function createWatiErrorMapper(options: WatiErrorMapperOptions = {}): ErrorMapper {
  const { gateway } = options;
  const credentialHint =
    gateway === undefined ? CHECK_WATI_TOKEN : gateway.upstreamCredentialHint(WATI_GATEWAY_API);
  return (context) => {
    const detail = failureText(context.json);
    if (detail !== undefined) return fromWatiBody(context, detail, credentialHint);
    return gateway?.mapError(context, WATI_GATEWAY_API) ?? fromStatus(context, gateway, credentialHint);
  };
}
