import { type ErrorCode, mayHaveBeenProcessed, mayHaveBeenSent, SwitchboardError } from '@switchboard/core';

/** What the outbox does with a failed send attempt. */
export type RetryDecision =
  | { kind: 'retry'; code: ErrorCode; message: string; retryAfterMs: number | undefined }
  | { kind: 'fail'; code: ErrorCode; message: string; ambiguous: boolean };

/**
 * Decides by the error's class, the same rule as core's transport:
 * - final errors (validation, `session_window_closed`, `invalid_recipient`, auth, anything with
 *   `retryable: false`) fail at once, as ambiguous when core's `mayHaveBeenSent` says the message
 *   may have gone out (an unreadable 2xx, a 303);
 * - retryable errors that prove nothing was sent (429, 503, a connection that never opened) retry;
 * - an ambiguous failure (a timeout or reset after the request was written, a 500) may have
 *   delivered the message: it is retried only when the job carries an idempotency key, the
 *   caller's explicit acceptance that the recipient might get it twice.
 * Errors that are not Switchboard errors are bugs or unknown states: final, code `unknown`, and
 * ambiguous, since nothing says the message did not go out.
 */
export function decideRetry(error: unknown, hasIdempotencyKey: boolean): RetryDecision {
  if (!SwitchboardError.isInstance(error)) {
    return { kind: 'fail', code: 'unknown', message: messageOf(error), ambiguous: true };
  }
  const typed = error as SwitchboardError;
  if (!typed.retryable) {
    const ambiguous = mayHaveBeenSent(typed);
    const message = ambiguous
      ? `${typed.message} (it may have been sent: check its status before resending)`
      : typed.message;
    return { kind: 'fail', code: typed.code, message, ambiguous };
  }
  if (mayHaveBeenProcessed(typed) && !hasIdempotencyKey) {
    return {
      kind: 'fail',
      code: typed.code,
      message: `${typed.message} (it may have been sent anyway, so it is not resent: enqueue with an idempotencyKey to allow resending)`,
      ambiguous: true,
    };
  }
  return { kind: 'retry', code: typed.code, message: typed.message, retryAfterMs: typed.retryAfterMs };
}

/** Backoff settings of an outbox. */
export interface OutboxBackoffOptions {
  /** First retry waits up to this, doubling each attempt. Default 1000 ms. */
  baseDelayMs?: number;
  /** Cap of the exponential backoff. Default 60 000 ms. */
  maxDelayMs?: number;
  /** Cap of a provider's `Retry-After`: a longer one is waited only this long. Default 15 minutes. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_BACKOFF: Required<OutboxBackoffOptions> = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 15 * 60_000,
};

/**
 * The delay before retry number `attempt` (1 = the first retry): the provider's `retryAfterMs`
 * when it gave one, else exponential backoff with full jitter.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  backoff: Required<OutboxBackoffOptions>,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), backoff.maxRetryAfterMs);
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
