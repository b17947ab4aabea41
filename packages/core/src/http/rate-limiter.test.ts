import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  combineRateLimiters,
  GroupedRateLimiter,
  isRateLimiter,
  resolveRateLimiter,
  TokenBucketRateLimiter,
} from './rate-limiter.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'hrtime'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function track(promise: Promise<void>): { done: boolean; error: unknown } {
  const state = { done: false, error: undefined as unknown };
  promise.then(
    () => {
      state.done = true;
    },
    (error) => {
      state.error = error;
    },
  );
  return state;
}

describe('TokenBucketRateLimiter', () => {
  it('allows a burst, then one request per interval, first come first served', async () => {
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 10, burst: 2 });
    const results = Array.from({ length: 4 }, () => track(limiter.acquire()));
    await vi.advanceTimersByTimeAsync(0);
    expect(results.map((r) => r.done)).toStrictEqual([true, true, false, false]);
    await vi.advanceTimersByTimeAsync(100);
    expect(results.map((r) => r.done)).toStrictEqual([true, true, true, false]);
    await vi.advanceTimersByTimeAsync(100);
    expect(results.every((r) => r.done)).toBe(true);
  });

  it('refills up to burst after idling, not beyond', async () => {
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 10, burst: 3 });
    for (let i = 0; i < 3; i++) await limiter.acquire();
    await vi.advanceTimersByTimeAsync(10_000);
    const results = Array.from({ length: 4 }, () => track(limiter.acquire()));
    await vi.advanceTimersByTimeAsync(0);
    expect(results.filter((r) => r.done)).toHaveLength(3);
  });

  it('holds its rate with a burst of 1, though its timers fire in whole milliseconds', async () => {
    // 80/s is one request each 12.5 ms: a timer can wait 12 or 13 ms, never 12.5.
    const slow = new TokenBucketRateLimiter({ requestsPerSecond: 80, burst: 1 });
    const paced = Array.from({ length: 900 }, () => track(slow.acquire()));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(paced.filter((r) => r.done)).toHaveLength(801);
    // 2,000/s is one each 0.5 ms: the 1 ms timer hands over two at a time.
    const fast = new TokenBucketRateLimiter({ requestsPerSecond: 2000, burst: 1 });
    const quick = Array.from({ length: 2100 }, () => track(fast.acquire()));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(quick.filter((r) => r.done)).toHaveLength(2001);
  });

  it('catches up a late timer by 2 ms worth of tokens, not a stalled event loop', async () => {
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let now = 0;
    vi.spyOn(process.hrtime, 'bigint').mockImplementation(() => BigInt(now) * 1_000_000n);
    try {
      const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1000, burst: 1 });
      const results = Array.from({ length: 20 }, () => track(limiter.acquire()));
      await vi.advanceTimersByTimeAsync(0);
      expect(results.filter((r) => r.done)).toHaveLength(1);
      now = 1_000; // the event loop was blocked for a second; the 1 ms timer fires now
      await vi.runOnlyPendingTimersAsync();
      // A strict bucket of one would let out 1; the 2 ms of slack add 2 at 1,000/s; 1,000 are not.
      expect(results.filter((r) => r.done)).toHaveLength(1 + 3);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('rejects a waiter whose signal aborts and serves the next one', async () => {
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1, burst: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = track(limiter.acquire(undefined, controller.signal));
    const next = track(limiter.acquire());
    controller.abort(new Error('stop'));
    await vi.advanceTimersByTimeAsync(0);
    expect((aborted.error as Error).message).toBe('stop');
    await vi.advanceTimersByTimeAsync(1000);
    expect(next.done).toBe(true);
  });

  it('validates its options', () => {
    expect(() => new TokenBucketRateLimiter({ requestsPerSecond: 0 })).toThrow(/requestsPerSecond/);
    expect(() => new TokenBucketRateLimiter({ requestsPerSecond: 5, burst: 0 })).toThrow(/burst/);
  });
});

describe('GroupedRateLimiter', () => {
  it('paces each group separately and leaves unknown groups unpaced without a default', async () => {
    const limiter = new GroupedRateLimiter({
      groups: {
        contacts: { requestsPerSecond: 1, burst: 1 },
        templateSend: { requestsPerSecond: 3, burst: 3 },
      },
    });
    const contacts = [track(limiter.acquire('contacts')), track(limiter.acquire('contacts'))];
    const sends = [1, 2, 3].map(() => track(limiter.acquire('templateSend')));
    const other = [1, 2, 3, 4].map(() => track(limiter.acquire('other')));
    await vi.advanceTimersByTimeAsync(0);
    expect(contacts.map((r) => r.done)).toStrictEqual([true, false]);
    expect(sends.every((r) => r.done)).toBe(true);
    expect(other.every((r) => r.done)).toBe(true);
  });

  it('uses the default bucket for groups without their own', async () => {
    const limiter = new GroupedRateLimiter({ groups: {}, default: { requestsPerSecond: 1, burst: 1 } });
    const results = [track(limiter.acquire('x')), track(limiter.acquire(undefined))];
    await vi.advanceTimersByTimeAsync(0);
    expect(results.map((r) => r.done)).toStrictEqual([true, false]);
  });
});

describe('combining and resolving', () => {
  it('combineRateLimiters waits for every limiter', async () => {
    const account = new TokenBucketRateLimiter({ requestsPerSecond: 1, burst: 1 });
    const group = new GroupedRateLimiter({ groups: { contacts: { requestsPerSecond: 10, burst: 10 } } });
    const limiter = combineRateLimiters(account, group);
    const results = [track(limiter.acquire('contacts')), track(limiter.acquire('contacts'))];
    await vi.advanceTimersByTimeAsync(0);
    expect(results.map((r) => r.done)).toStrictEqual([true, false]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(results[1]?.done).toBe(true);
  });

  it('resolveRateLimiter handles false, options, instances and defaults', () => {
    const shared = new TokenBucketRateLimiter({ requestsPerSecond: 5 });
    expect(resolveRateLimiter(false, () => shared)).toBeUndefined();
    expect(resolveRateLimiter(shared)).toBe(shared);
    expect(resolveRateLimiter(undefined, () => shared)).toBe(shared);
    expect(resolveRateLimiter(undefined)).toBeUndefined();
    const created = resolveRateLimiter({ requestsPerSecond: 2, burst: 4 });
    expect(created).toBeInstanceOf(TokenBucketRateLimiter);
    expect((created as TokenBucketRateLimiter).burst).toBe(4);
    expect(isRateLimiter({ requestsPerSecond: 1 })).toBe(false);
  });
});
