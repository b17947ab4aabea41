import type { ErrorCode } from '../errors/error-code.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { mayHaveBeenProcessed } from '../http/ambiguous-failure.js';

/** What the router does after one provider failed a send. */
export type FailoverDecision =
  /** The error proves the provider did not send: try the next provider. */
  | 'fail_over'
  /** The message may have gone out; the caller gave an `idempotencyKey`, accepting a duplicate. */
  | 'fail_over_ambiguous'
  /** The error is final, or ambiguous without an `idempotencyKey`: the router throws it. */
  | 'throw';

/**
 * Codes that say the provider could not take the request right now. They fail over only when the
 * error also proves nothing was sent (see {@link failoverDecision}).
 */
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set([
  'rate_limited',
  'provider_unavailable',
  'network_error',
  'timeout',
]);

/**
 * The router's rule for one failed send, as a pure function so every row of the table in the
 * README is tested on its own:
 *
 * - `unsupported_feature` fails over: it is thrown before any request, so nothing was sent, and
 *   another provider may have the capability;
 * - a retryable `rate_limited`, `provider_unavailable` or `network_error` that proves the request
 *   was not acted on (`mayHaveBeenProcessed` is false: a rate-limit refusal, a 503, a connection
 *   that never opened) fails over;
 * - an ambiguous failure (a timeout, a reset after the request was written, a 500/502/504) fails
 *   over only when the caller gave an `idempotencyKey`, the caller's acceptance of a duplicate;
 * - everything else is final and thrown: `validation_failed`, `invalid_recipient`,
 *   `template_not_found`, `media_invalid`, `session_window_closed` (the window belongs to the
 *   customer and the business number, and another provider does not open it), `auth_failed`
 *   (a configuration problem to fix, not to hide), `unknown`, and anything that is not a
 *   Switchboard error (a bug, which must surface).
 */
export function failoverDecision(
  error: unknown,
  options: { idempotencyKey?: string | undefined } = {},
): FailoverDecision {
  if (!SwitchboardError.isInstance(error)) return 'throw';
  if (error.code === 'unsupported_feature') return 'fail_over';
  if (!TRANSIENT_CODES.has(error.code) || !error.retryable) return 'throw';
  if (!mayHaveBeenProcessed(error)) return 'fail_over';
  return options.idempotencyKey === undefined ? 'throw' : 'fail_over_ambiguous';
}

/**
 * True for failures that say the provider is down (as opposed to throttling this caller or
 * refusing this message): they count towards opening its circuit breaker.
 */
export function isUnavailability(error: unknown): boolean {
  if (!SwitchboardError.isInstance(error)) return false;
  return error.code === 'provider_unavailable' || error.code === 'network_error' || error.code === 'timeout';
}
