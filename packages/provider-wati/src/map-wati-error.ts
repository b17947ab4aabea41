import {
  ApiError,
  AuthenticationError,
  describeBody,
  type ErrorMapper,
  errorFields,
  httpStatusError,
} from '@switchboard/core';
import { classifyWatiFailureText, failureText } from './wati-soft-failure.js';

const CHECK_WATI_TOKEN =
  'check the WATI API token you configured (token, usually from WATI_API_TOKEN; copy it from WATI → API Docs) and that baseUrl (WATI_API_URL) is the API endpoint of the same tenant';
const CHECK_MATON_KEY =
  'check the Maton API key you configured (apiKey, usually from MATON_API_KEY) at https://maton.ai/settings, and that your Maton WATI connection (connectionId, MATON_CONNECTION_ID) is ACTIVE';

/**
 * Reads WATI's error responses (and Maton's, for the gateway transport) into typed errors:
 *
 * - 401, often a plain-text `Unauthorized` or an empty body → {@link AuthenticationError} saying which
 *   credential to check (the WATI token or the Maton key), never its value;
 * - 403 → {@link AuthenticationError} (the token lacks the permission);
 * - RFC 7807 bodies (`title`, `detail`, `errors`), `{ result: false, info }` and v3 `{ code, message }`
 *   bodies → their text in the message, classified (`session_window_closed`, `template_not_found`,
 *   `invalid_recipient`) when the text says so;
 * - 404 without a body on the direct transport → a hint that `baseUrl` must include the tenant id;
 * - 429 → {@link RateLimitError}, 5xx and HTML gateway pages → retryable `provider_unavailable`.
 */
export function createWatiErrorMapper(transport: 'maton' | 'direct'): ErrorMapper {
  return (context) => {
    const fields = errorFields(context);
    const where = `${context.method} ${context.url}`;
    const { status } = context;
    if (status === 401) {
      const who =
        transport === 'maton' ? 'Maton or WATI rejected the credentials' : 'WATI rejected the API token';
      return new AuthenticationError(
        `${who} (HTTP 401 from ${where}): ${transport === 'maton' ? CHECK_MATON_KEY : CHECK_WATI_TOKEN}`,
        fields,
      );
    }
    if (status === 403) {
      return new AuthenticationError(
        `WATI refused ${where} (HTTP 403): the credentials are valid but lack permission for this endpoint; ${
          transport === 'maton' ? CHECK_MATON_KEY : CHECK_WATI_TOKEN
        }`,
        fields,
      );
    }
    const detail = failureText(context.json);
    let message = `WATI answered HTTP ${status} to ${where}: ${detail ?? describeBody(context)}`;
    if (status === 404 && detail === undefined && transport === 'direct') {
      message +=
        ' (WATI answers 404 when baseUrl lacks the tenant id: use the full API endpoint from WATI → API Docs, e.g. https://live-mt-server.wati.io/123456)';
    }
    if (status === 400 && detail === undefined && transport === 'maton') {
      message +=
        ' (Maton answers 400 when no active WATI connection exists: create one with watiMatonConnections)';
    }
    if (detail !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
      const code = classifyWatiFailureText(detail);
      if (code !== 'unknown') return new ApiError(message, { ...fields, code, retryable: false });
    }
    return httpStatusError(context, message);
  };
}
