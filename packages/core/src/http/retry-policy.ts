import { parseOrThrow } from '../errors/from-zod.js';
import * as z from '../internal/zod-mini.js';
import { setBoundedTimeout } from './bounded-duration.js';
import { retryOptionsSchema } from './retry-options-schema.js';

/**
 * How failed requests are retried; `false` disables retries. Each delay is at most `MAX_TIMER_MS`,
 * and a key set to `undefined` means its default.
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** First backoff ceiling; doubles each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of one backoff wait. Default 30 s. */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` the transport waits for itself; a longer one ends the retries and the
   * error carries `retryAfterMs` so the caller can reschedule. Default 60 s.
   */
  maxRetryAfterMs?: number;
  /**
   * Retry non-idempotent requests (sends) even after an ambiguous failure, accepting a possible
   * duplicate. Default false; giving an `idempotencyKey` has the same effect for one call.
   */
  retryAmbiguous?: boolean;
}

/** Retry options with every default filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetryOptions = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  retryAmbiguous: false,
};

/**
 * Validates retry options and fills in defaults; `false` becomes zero retries, and a key set to
 * `undefined` keeps its default.
 *
 * @throws {ValidationError} naming the field (e.g. `retry.maxDelayMs`) of a malformed option.
 */
export function resolveRetryOptions(retry: false | RetryOptions | undefined): ResolvedRetryOptions {
  // Nothing to validate, so no schema is built: on a cold start, the first zod parse compiles zod's
  // code, and this one alone cost a first send 3.7 M instructions when `retry` was not given.
  if (retry === undefined) return { ...DEFAULT_RETRY };
  const parsed = parseOrThrow(z.optional(retryOptionsSchema), retry, {
    what: 'retry options',
    pathPrefix: ['retry'],
  });
  if (parsed === false) return { ...DEFAULT_RETRY, maxRetries: 0 };
  // The schema dropped keys set to undefined, so spreading cannot replace a default with undefined.
  return { ...DEFAULT_RETRY, ...parsed };
}

/**
 * Exponential backoff with full jitter: a uniform wait between 0 and
 * `min(maxDelayMs, baseDelayMs * 2^retry)`, so many clients do not retry in lockstep.
 */
export function backoffDelay(
  retry: number,
  options: ResolvedRetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Parses a `Retry-After` header: delta-seconds or an HTTP-date. Returns milliseconds from `now`,
 * or `undefined` when absent or unparsable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP-date always names its day or month; bare numbers like "-5" are not dates.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Resolves after `ms` (clamped to `MAX_TIMER_MS`, so an overlong wait cannot overflow the timer and
 * end after 1 ms), or rejects with the signal's reason when it aborts first.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setBoundedTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
