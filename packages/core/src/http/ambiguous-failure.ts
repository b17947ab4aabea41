import { NetworkError, RateLimitError } from '../errors/errors.js';
import type { SwitchboardError } from '../errors/switchboard-error.js';
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
