// Fuzz support: outcomes
import { expect } from 'vitest';

/**
 * The one wall-clock bound of the fuzz tests: a hang detector, far above the time the work takes.
 * 15 s by default, because CI shares two cores with other work and a test must not depend on the
 * machine's speed; `FUZZ_HANG_MS=1000` applies the strict bound of a local run on a quiet machine.
 */
export const HANG_LIMIT_MS = Number(process.env.FUZZ_HANG_MS) > 0 ? Number(process.env.FUZZ_HANG_MS) : 15_000;

/** What a call did: its value or what it threw, and how long it took. */
export type Outcome<T> = { ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number };

/** Calls `fn`, catching what it throws, and measures it. */
export function attempt<T>(fn: () => T): Outcome<T> {
  const start = performance.now();
  try {
    const value = fn();
    return { ok: true, value, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

/** Awaits `fn()`, catching what it throws or rejects with, and measures it. */
export async function attemptAsync<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ok: true, value, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

/** Fails when the call took longer than {@link HANG_LIMIT_MS}. */
export function expectNoHang(outcome: Outcome<unknown>, what: string): void {
  expect(outcome.ms, `hang detector: ${what} took ${Math.round(outcome.ms)} ms`).toBeLessThan(HANG_LIMIT_MS);
}
