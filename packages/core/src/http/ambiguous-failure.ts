import { NetworkError, RateLimitError } from '../errors/errors.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { CircuitOpenError, IdempotencyInProgressError } from '../router/router-errors.js';

/**
 * True unless the failure proves the server did not act on the request: a rate-limit refusal, a
 * 503, a connection that never opened, or a router call that tried no provider (every circuit
 * open, or the same idempotency key in progress elsewhere). After any other failure (a timeout, a reset after the
 * request was written, a 500) a send may have gone out, so repeating it may deliver it twice.
 *
 * @example
 * if (error.retryable && !mayHaveBeenProcessed(error)) await provider.send(message); // safe to resend
 */
export function mayHaveBeenProcessed(error: SwitchboardError): boolean {
  if (RateLimitError.isInstance(error)) return false;
  if (CircuitOpenError.isInstance(error) || IdempotencyInProgressError.isInstance(error)) return false;
  if (NetworkError.isInstance(error)) return error.requestMayHaveBeenSent;
  // 503 means the server refused to take the request on.
  return error.status !== 503;
}

/**
 * Whether a call that failed with `error` may still have sent its message, for any error, retryable
 * or not: false only when the error proves nothing was sent, either a refusal to take the request
 * on ({@link mayHaveBeenProcessed}: a rate limit, a 503, no connection, every circuit open) or a
 * request refused as invalid (a 4xx, a 307 or 308 redirect, or no status at all: validation before
 * any request). An abort in flight (any error that is not a Switchboard error), a timeout, another
 * 5xx, another redirect (a server may answer a POST it acted on with a 301, 302 or 303) or an
 * unreadable 2xx may have sent it. Bulk results use it to tell "safe to resend" from "check before resending".
 */
export function mayHaveBeenSent(error: unknown): boolean {
  if (!SwitchboardError.isInstance(error)) return true;
  if (error.retryable) return mayHaveBeenProcessed(error);
  const { status } = error;
  if (status === undefined) return false;
  // A 307 or 308 asks for the same request elsewhere: the server did not act on it. Other redirects
  // prove nothing (frameworks answer a handled POST with a 302 or 303).
  const redirectToRepeat = status === 307 || status === 308;
  return (status >= 200 && status < 400 && !redirectToRepeat) || (status >= 500 && status !== 503);
}
