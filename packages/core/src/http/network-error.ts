import { NetworkError, TimeoutError } from '../errors/errors.js';
import type { SwitchboardError } from '../errors/switchboard-error.js';
import { AttemptTimeout, RequestNotStarted } from './dispatch-request.js';
import { UndiciUnavailable } from './global-dispatcher.js';
import { redactText } from './redaction.js';

// Codes only a connection that was never made gives: no byte of the request reached the server.
// (EHOSTUNREACH and ENETUNREACH are not here: an established socket reports them too, once TCP
// gives up on a route lost mid-request; they mean "not sent" only before undici started.)
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TLS = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/;
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Context of a failed attempt, for the error message. */
export interface FailureContext {
  provider: string;
  method: string;
  url: string;
  secrets: readonly string[];
  /** The attempt's timeout, for the message of a timeout. */
  timeoutMs?: number;
}

/** Classifies a transport-level failure (no HTTP response) as a typed error. */
export function networkFailure(error: unknown, context: FailureContext): SwitchboardError {
  const detail = redactText(error instanceof Error ? error.message : String(error), context.secrets);
  const where = `${context.method} ${context.url}`;
  if (error instanceof UndiciUnavailable) {
    return new NetworkError(`Did not send ${where} to ${context.provider}: ${detail}`, {
      provider: context.provider,
      retryable: false,
      requestMayHaveBeenSent: false,
      cause: error.cause,
    });
  }
  if (error instanceof RequestNotStarted && error.refused) {
    return new NetworkError(
      `Did not send ${where} to ${context.provider}: the request was refused before sending: ${detail}`,
      { provider: context.provider, retryable: false, requestMayHaveBeenSent: false, cause: error.cause },
    );
  }
  // Failed before undici wrote a byte (a connection that could not be made): whatever the error,
  // the request did not reach the server.
  const notStarted = error instanceof RequestNotStarted;
  const failure = notStarted ? error.cause : error;
  const code = errorCode(failure);
  if (error instanceof AttemptTimeout && !error.requestStarted) {
    // The attempt's time ran out before undici started the request (connecting, or queued).
    const limit = context.timeoutMs === undefined ? 'in time' : `within ${context.timeoutMs} ms`;
    return new NetworkError(
      `Could not reach ${context.provider} at ${where} ${limit}: no connection was ready, so nothing was sent`,
      { provider: context.provider, requestMayHaveBeenSent: false, cause: error },
    );
  }
  if (!notStarted && code !== undefined && TIMEOUTS.has(code)) {
    const phase = code === 'UND_ERR_BODY_TIMEOUT' ? 'finish its response to' : 'answer';
    const limit = context.timeoutMs === undefined ? 'in time' : `within ${context.timeoutMs} ms`;
    return new TimeoutError(`${context.provider} did not ${phase} ${where} ${limit} (${code})`, {
      provider: context.provider,
      cause: error,
    });
  }
  if (code !== undefined && TLS.test(code)) {
    return new NetworkError(`TLS failure talking to ${context.provider} at ${where}: ${detail}`, {
      provider: context.provider,
      retryable: false,
      requestMayHaveBeenSent: false,
      cause: failure,
    });
  }
  const notSent = notStarted || (code !== undefined && NOT_SENT.has(code));
  return new NetworkError(
    `Could not ${notSent ? 'reach' : 'complete the request to'} ${context.provider} at ${where}: ${detail}${code ? ` (${code})` : ''}`,
    { provider: context.provider, requestMayHaveBeenSent: !notSent, cause: failure },
  );
}
