import type { Dispatcher } from 'undici';
import { timeoutMsSchema } from '../http/bounded-duration.js';
import type { TransportHooks } from '../http/hooks.js';
import { isRateLimiter, type RateLimiter, type RateLimitOptions } from '../http/rate-limiter.js';
import { retryOptionsSchema } from '../http/retry-options-schema.js';
import type { RetryOptions } from '../http/retry-policy.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';

// Defined next to the retry policy it validates (http must not import provider); exported here too.
export { retryOptionsSchema };

/**
 * The transport options every provider factory takes, with the same meaning everywhere.
 *
 * @example
 * ```ts
 * const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 20 });
 * createWhatsAppCloud({ …, retry: { maxRetries: 5 }, rateLimit: limiter, timeoutMs: 10_000, dispatcher: new ProxyAgent(proxyUrl) });
 * ```
 */
export interface ProviderTransportOptions {
  /**
   * `false`, or the retry policy (default: 3 retries with exponential backoff and full jitter on
   * 429, 5xx and connection errors, honouring `Retry-After`). A send is re-sent after an ambiguous
   * failure only with an `idempotencyKey` or `retryAmbiguous: true`.
   */
  retry?: false | RetryOptions;
  /** `false`, a rate (a new token bucket for this instance), or a limiter shared with other instances. */
  rateLimit?: false | RateLimitOptions | RateLimiter;
  /**
   * How long each attempt may take, from sending to the last byte of the response. Default 30 s; at
   * most `MAX_TIMER_MS` (about 24.8 days), like every duration option.
   */
  timeoutMs?: number;
  /** Any undici `Dispatcher`: a proxy agent, a custom pool. Default: undici's global keep-alive agent. */
  dispatcher?: Dispatcher;
  /** Observability hooks; they receive redacted data only. */
  hooks?: TransportHooks;
}

/** A rate limit as JSON. */
export const rateLimitOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    requestsPerSecond: z.number().check(z.positive()),
    burst: z.optional(z.number().check(z.gte(1))),
  }),
);

/** The transport options a config file can hold (no limiter instance, dispatcher or hooks). */
export const transportConfigShape = {
  retry: /* @__PURE__ */ lazySchema(() => z.optional(retryOptionsSchema)),
  rateLimit: /* @__PURE__ */ lazySchema(() =>
    z.optional(z.union([z.literal(false), rateLimitOptionsSchema])),
  ),
  timeoutMs: /* @__PURE__ */ lazySchema(() => z.optional(timeoutMsSchema)),
};

const HOOK_NAMES = ['onRequest', 'onResponse', 'onRetry'] as const;

/** An object whose `dispatch` is a function: what undici calls, so a wrong object fails here, not at the first send. */
const isDispatcher = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { dispatch?: unknown }).dispatch === 'function';

/** An object whose hooks, where given, are functions (a hook that is not would only warn at each request). */
const isHooks = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  HOOK_NAMES.every((name) => {
    const hook = (value as Record<string, unknown>)[name];
    return hook === undefined || typeof hook === 'function';
  });

/** Every {@link ProviderTransportOptions} field, for a provider factory's options schema. */
export const transportOptionsShape = {
  ...transportConfigShape,
  rateLimit: /* @__PURE__ */ lazySchema(() =>
    z.optional(
      z.union([
        z.literal(false),
        z.custom<RateLimiter>(isRateLimiter, 'must be a rate limiter'),
        rateLimitOptionsSchema,
      ]),
    ),
  ),
  dispatcher: /* @__PURE__ */ lazySchema(() =>
    z.optional(z.custom<Dispatcher>(isDispatcher, 'must be an undici Dispatcher (an object with dispatch)')),
  ),
  hooks: /* @__PURE__ */ lazySchema(() =>
    z.optional(
      z.custom<TransportHooks>(
        isHooks,
        'must be an object whose onRequest, onResponse and onRetry are functions',
      ),
    ),
  ),
};
