import { parseOrThrow } from '../errors/from-zod.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';

/**
 * The longest delay a Node.js timer honours: 2^31 − 1 ms, about 24.8 days. `setTimeout` fires a
 * longer delay after 1 ms instead (with a `TimeoutOverflowWarning`), so a longer timeout would fail
 * every request at once and a longer wait would retry at once. Every duration option is bounded by
 * it, and every timer core sets goes through {@link setBoundedTimeout}.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const TOO_LONG = `must be at most ${MAX_TIMER_MS} ms (about 24.8 days)`;

/** A duration option in milliseconds: a finite number from 0 to {@link MAX_TIMER_MS}. */
export const durationMsSchema = /* @__PURE__ */ lazySchema(() =>
  z.number().check(z.gte(0), z.lte(MAX_TIMER_MS, TOO_LONG)),
);

/** A timeout option in milliseconds: above 0 and at most {@link MAX_TIMER_MS}. */
export const timeoutMsSchema = /* @__PURE__ */ lazySchema(() =>
  z.number().check(z.positive(), z.lte(MAX_TIMER_MS, TOO_LONG)),
);

/**
 * Validates a timeout given in code (not through a provider's options schema).
 *
 * @throws {ValidationError} naming `field` when `value` is not a number in (0, {@link MAX_TIMER_MS}].
 */
export function parseTimeoutMs(value: unknown, field: string): number {
  return parseOrThrow(timeoutMsSchema, value, { what: 'options', pathPrefix: [field] });
}

/**
 * Clamps a computed wait into what a timer honours: NaN and negative waits become 0, longer ones
 * {@link MAX_TIMER_MS}. Waking early after 24.8 days is harmless; waking after 1 ms is not.
 */
export function clampTimerMs(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(ms, MAX_TIMER_MS);
}

/** `setTimeout` with its delay clamped by {@link clampTimerMs}, so it never fires early by overflowing. */
export function setBoundedTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  return setTimeout(callback, clampTimerMs(ms));
}
