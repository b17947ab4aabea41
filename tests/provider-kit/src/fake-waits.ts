// Fault-suite support: steps the transport's waits (retry backoff, rate-limiter
// tokens) in fake time while the loopback server's real I/O keeps flowing, so no test sleeps or
// depends on how fast the machine is.
import type { TransportHooks } from '@switchboard/core';
import { vi } from 'vitest';

/**
 * Fakes `setTimeout`, `clearTimeout` and `process.hrtime` (what core's retry sleep, token buckets
 * and response timings read), and `performance` (which {@link requestStarts} reads; one fake clock
 * drives both), and nothing else: sockets, `setImmediate` and promises stay real. Time then stands still
 * until the test moves it with `vi.advanceTimersByTimeAsync`. Undo with `vi.useRealTimers()`, and
 * create rate-limited providers after this call, so their buckets start on the fake clock.
 */
export function useFakeWaits(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime', 'performance'] });
}

/** One real turn of the event loop: every promise callback already queued has run when it resolves. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Resolves once `condition()` holds, checking after each real turn of the event loop. For a state
 * reached through real I/O (a response arriving); fake time does not move meanwhile.
 */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await nextTurn();
}

/**
 * Records when each request started (after the rate limiter let it go), in ms of the clock since
 * this call: under {@link useFakeWaits}, only the timers the test steps through move that clock.
 * Pass `hooks` to the provider.
 */
export function requestStarts(): { hooks: TransportHooks; ms: () => number[] } {
  const origin = performance.now();
  const starts: number[] = [];
  return {
    hooks: { onRequest: () => starts.push(performance.now() - origin) },
    ms: () => starts,
  };
}
