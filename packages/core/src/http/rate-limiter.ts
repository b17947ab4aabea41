import { monotonicMs } from '../internal/monotonic-clock.js';
import { setBoundedTimeout } from './bounded-duration.js';

/**
 * Paces requests. One instance is shared by everything that should draw on the same budget, so
 * give several provider instances of one account the same limiter.
 */
export interface RateLimiter {
  /**
   * Resolves when a request of `group` may start. Groups let one limiter pace endpoint families
   * differently (WATI limits contacts and template sends separately).
   */
  acquire(group?: string, signal?: AbortSignal): Promise<void>;
}

/** A token bucket's rate: `requestsPerSecond` sustained, up to `burst` at once. */
export interface RateLimitOptions {
  requestsPerSecond: number;
  /**
   * Requests allowed at once after an idle period. Default: one second's worth, at least 1.
   *
   * While requests wait, the bucket may also hand out what its timer earned by firing late, up to
   * 2 ms worth of tokens (see {@link TokenBucketRateLimiter}): at high rates a burst of 1 can then
   * let out a few requests at once (up to 4 at 2,000/s) to keep the rate.
   */
  burst?: number;
}

/**
 * How late a timer may fire and still be caught up. Node fires timers in whole milliseconds, the wait
 * is rounded up so that a timer never fires before its token, and a busy event loop adds a little:
 * with a burst of 1 each request lost that much, and 80 requests/s ran at 75.9/s, 500/s at 375/s,
 * 2,000/s at 735/s (`docs/performance.md`, "The limiter's burst and the abort links"). A longer
 * stall, an event loop blocked for seconds, is not caught up: that would let out a burst the caller
 * did not allow.
 */
const TIMER_SLACK_MS = 2;

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A token bucket: tokens refill continuously at `requestsPerSecond` up to `burst`; each request
 * takes one. Waiters are served first come, first served. While requests wait the bucket is busy,
 * not idle, and may hold up to 2 ms worth of tokens above `burst`: what its timer earned by firing
 * late belongs to the waiters, so the rate holds with a small burst.
 *
 * @example
 * const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 10 });
 * const a = createWhatsAppCloud({ …, rateLimit: limiter });
 * const b = createWhatsAppCloud({ …, rateLimit: limiter }); // shares a's budget
 */
export class TokenBucketRateLimiter implements RateLimiter {
  readonly requestsPerSecond: number;
  readonly burst: number;
  private tokens: number;
  private refilledAt: number;
  private readonly waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RateLimitOptions) {
    if (!(options.requestsPerSecond > 0) || !Number.isFinite(options.requestsPerSecond)) {
      throw new TypeError('rateLimit.requestsPerSecond must be a positive number');
    }
    const burst = options.burst ?? Math.max(1, Math.ceil(options.requestsPerSecond));
    if (!(burst >= 1) || !Number.isFinite(burst)) throw new TypeError('rateLimit.burst must be at least 1');
    this.requestsPerSecond = options.requestsPerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = monotonicMs();
  }

  acquire(_group?: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiters.indexOf(waiter);
          if (index !== -1) this.waiters.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  private refill(): void {
    const now = monotonicMs();
    const cap =
      this.waiters.length === 0 ? this.burst : this.burst + (this.requestsPerSecond * TIMER_SLACK_MS) / 1000;
    this.tokens = Math.min(cap, this.tokens + ((now - this.refilledAt) / 1000) * this.requestsPerSecond);
    this.refilledAt = now;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1) {
      const waiter = this.waiters.shift() as Waiter;
      this.tokens -= 1;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    if (this.waiters.length === 0) return;
    // A very low rate can ask for a wait past the timer's limit; the bounded timer wakes early and
    // schedules again instead of overflowing to 1 ms and spinning.
    const waitMs = Math.ceil(((1 - this.tokens) / this.requestsPerSecond) * 1000);
    this.timer = setBoundedTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, waitMs);
  }
}

/** Per-group token buckets, with an optional bucket for requests of any other group. */
export interface GroupedRateLimitOptions {
  groups: Readonly<Record<string, RateLimitOptions>>;
  /** For requests whose group has no bucket; unpaced when absent. */
  default?: RateLimitOptions;
}

/** Paces each group of endpoints with its own token bucket. */
export class GroupedRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, TokenBucketRateLimiter>();
  private readonly fallback: TokenBucketRateLimiter | undefined;

  constructor(options: GroupedRateLimitOptions) {
    for (const [group, rate] of Object.entries(options.groups))
      this.buckets.set(group, new TokenBucketRateLimiter(rate));
    this.fallback = options.default === undefined ? undefined : new TokenBucketRateLimiter(options.default);
  }

  acquire(group?: string, signal?: AbortSignal): Promise<void> {
    const bucket = (group === undefined ? undefined : this.buckets.get(group)) ?? this.fallback;
    return bucket === undefined ? Promise.resolve() : bucket.acquire(group, signal);
  }
}

/** A limiter that waits for every one of `limiters` in turn, e.g. a gateway's account limit and an API's group limits. */
export function combineRateLimiters(...limiters: readonly RateLimiter[]): RateLimiter {
  return {
    async acquire(group?: string, signal?: AbortSignal): Promise<void> {
      for (const limiter of limiters) await limiter.acquire(group, signal);
    },
  };
}

/** True when `value` looks like a {@link RateLimiter} rather than rate options. */
export function isRateLimiter(value: unknown): value is RateLimiter {
  return typeof value === 'object' && value !== null && typeof (value as RateLimiter).acquire === 'function';
}

/**
 * Resolves a `rateLimit` option: `false` → none, options → a new bucket, a limiter → itself,
 * `undefined` → `fallback` (a provider's default).
 */
export function resolveRateLimiter(
  rateLimit: false | RateLimitOptions | RateLimiter | undefined,
  fallback?: () => RateLimiter | undefined,
): RateLimiter | undefined {
  if (rateLimit === false) return undefined;
  if (rateLimit === undefined) return fallback?.();
  if (isRateLimiter(rateLimit)) return rateLimit;
  return new TokenBucketRateLimiter(rateLimit);
}
