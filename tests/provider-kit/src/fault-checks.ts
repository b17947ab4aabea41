// Fault-suite support: drives and checks the logical sends of the fault suite
// against `raw-fault-server.ts`: what the transport hooks saw, the typed error, the retry waits
// stepped on a fake clock, and the process-level failures a send must not leave behind.
import type { RetryEvent } from '@switchboard/core';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { nextTurn, until } from './fake-waits.js';
import type { RawFaultServer } from './raw-fault-server.js';

/** What the transport's hooks reported during one logical send. */
export interface SendLog {
  /** `attempt` of each `onRequest`. */
  attempts: number[];
  /** Status of each `onResponse` (headers received). */
  responses: number[];
  retries: RetryEvent[];
}

/** An empty {@link SendLog} and the hooks that fill it. */
export function sendLog(): SendLog & {
  hooks: {
    onRequest: (event: { attempt: number }) => void;
    onResponse: (event: { status: number }) => void;
    onRetry: (event: RetryEvent) => void;
  };
} {
  const attempts: number[] = [];
  const responses: number[] = [];
  const retries: RetryEvent[] = [];
  return {
    attempts,
    responses,
    retries,
    hooks: {
      onRequest: (event) => attempts.push(event.attempt),
      onResponse: (event) => responses.push(event.status),
      onRetry: (event) => retries.push(event),
    },
  };
}

/** What a failed logical send must have thrown. */
export interface ExpectedError {
  /** The class's static `isInstance`, e.g. `RateLimitError.isInstance`. */
  is: (error: unknown) => boolean;
  code: string;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  message?: RegExp;
}

/** Checks a rejection against `expected`: class (by `isInstance`), code, retryable and the optional fields. */
export function expectError(error: unknown, expected: ExpectedError): void {
  expect(expected.is(error), `${String(error)} is not the expected error class`).toBe(true);
  const actual = error as {
    code: string;
    retryable: boolean;
    status?: number;
    retryAfterMs?: number;
    message: string;
  };
  expect({ code: actual.code, retryable: actual.retryable }).toStrictEqual({
    code: expected.code,
    retryable: expected.retryable,
  });
  if ('status' in expected) expect(actual.status).toBe(expected.status);
  if ('retryAfterMs' in expected) expect(actual.retryAfterMs).toBe(expected.retryAfterMs);
  if (expected.message) expect(actual.message).toMatch(expected.message);
}

/** The rejection of `promise`; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the send to fail');
}

/**
 * Fakes `setTimeout`, `clearTimeout` and `Date` (sockets, `setImmediate` and promises stay real),
 * with the clock on a whole second, so an HTTP-date `Retry-After` converts to an exact delay.
 */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2030-01-02T03:04:05.000Z'));
}

/**
 * Settles a send under {@link useFakeClock}, stepping the clock over each wait the transport
 * announces with `onRetry` and checking that the next attempt does not start a millisecond early.
 */
export async function stepRetries<T>(run: Promise<T>, log: SendLog): Promise<PromiseSettledResult<T>> {
  const settled = watchSettlement(run);
  let stepped = 0;
  while (settled.outcome === undefined) {
    const retry = log.retries[stepped];
    if (retry === undefined) {
      await nextTurn();
      continue;
    }
    stepped += 1;
    // `retry.attempt` failed; attempt `retry.attempt + 1` must wait the whole announced delay.
    if (retry.delayMs > 0) {
      await vi.advanceTimersByTimeAsync(retry.delayMs - 1);
      await nextTurn();
      expect(log.attempts, 'an attempt started before its Retry-After/backoff wait was over').toHaveLength(
        retry.attempt,
      );
      await vi.advanceTimersByTimeAsync(1);
    }
    await until(() => settled.outcome !== undefined || log.attempts.length > retry.attempt);
  }
  return settled.outcome;
}

/**
 * Settles a send whose attempts time out, under `useFakeWaits()`: once attempt n is where the
 * test wants it (`reached(n)`: held at the server, or its headers at the client), moves the clock by
 * exactly `timeoutMs`, then over the backoff the transport announces, and so on until the send
 * settles. No attempt depends on how fast the machine is: a real 200 ms timer raced the successful
 * attempt after a timed-out one, which a loaded 2-core CI runner can lose.
 */
export async function stepTimeouts<T>(
  run: Promise<T>,
  log: SendLog,
  timeoutMs: number,
  reached: (attempt: number) => boolean,
): Promise<PromiseSettledResult<T>> {
  const settled = watchSettlement(run);
  for (let attempt = 1; ; attempt++) {
    await until(() => settled.outcome !== undefined || reached(attempt));
    if (settled.outcome !== undefined) return settled.outcome;
    await vi.advanceTimersByTimeAsync(timeoutMs);
    await until(() => settled.outcome !== undefined || log.retries.length >= attempt);
    if (settled.outcome !== undefined) return settled.outcome;
    await vi.advanceTimersByTimeAsync((log.retries[attempt - 1] as RetryEvent).delayMs);
  }
}

/** `outcome` is set once `run` settles, without the caller awaiting it. */
function watchSettlement<T>(run: Promise<T>): { outcome: PromiseSettledResult<T> | undefined } {
  const settled: { outcome: PromiseSettledResult<T> | undefined } = { outcome: undefined };
  run.then(
    (value) => {
      settled.outcome = { status: 'fulfilled', value };
    },
    (reason: unknown) => {
      settled.outcome = { status: 'rejected', reason };
    },
  );
  return settled;
}

/**
 * Registers `unhandledRejection` and `uncaughtException` collectors for the file, and after each
 * test (one `setImmediate` turn later) fails it if any fired, or if the server got a request
 * nothing was scripted for. Resets the server and the timers after each test.
 */
export function guardSuite(server: () => RawFaultServer): void {
  const failures: unknown[] = [];
  const collect = (reason: unknown) => {
    failures.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', collect);
    process.on('uncaughtException', collect);
  });
  afterAll(() => {
    process.off('unhandledRejection', collect);
    process.off('uncaughtException', collect);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await nextTurn();
    const unscripted = [...server().unscripted];
    server().reset();
    const seen = failures.splice(0);
    expect(seen, 'unhandled rejections or uncaught exceptions').toStrictEqual([]);
    expect(unscripted, 'requests nothing was scripted for').toStrictEqual([]);
  });
}
