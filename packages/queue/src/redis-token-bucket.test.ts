import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type RedisServer, startRedisServer } from '@switchboard/provider-test-kit/redis-server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTokenBucketRateLimiter } from './redis-token-bucket.js';

let server: RedisServer;
const clients: Redis[] = [];
let keyCounter = 0;

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await server?.[Symbol.asyncDispose]();
});

function client(): Redis {
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  clients.push(redis);
  return redis;
}

function freshKey(): string {
  keyCounter += 1;
  return `test:bucket:${keyCounter}`;
}

/** Admissions per window of `windowMs` starting at each admission: the most any window holds. */
function busiestWindow(admittedAt: readonly number[], windowMs: number): number {
  const sorted = [...admittedAt].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] as number) < (sorted[start] as number) + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

describe('RedisTokenBucketRateLimiter', () => {
  it('shares one budget between limiter instances on separate connections (injected clock)', async () => {
    const key = freshKey();
    const clock = { now: 1_000_000 };
    const waits: number[] = [];
    const limiters = Array.from(
      { length: 3 },
      () =>
        new RedisTokenBucketRateLimiter({
          redis: client(),
          key,
          requestsPerSecond: 10,
          burst: 10,
          now: () => clock.now,
          // Records the wait the bucket asked for instead of sleeping it.
          sleep: async (ms) => {
            waits.push(ms);
          },
        }),
    );
    await Promise.all(limiters.flatMap((limiter) => Array.from({ length: 20 }, () => limiter.acquire())));
    // 60 requests at one instant: 10 from the burst, then one every 100 ms, whoever asked.
    const admitted = [...Array(10).fill(0), ...waits].sort((a, b) => a - b);
    expect(waits).toHaveLength(50);
    expect(admitted).toEqual(Array.from({ length: 60 }, (_, k) => Math.max(0, (k - 9) * 100)));
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(20);

    // 10 s of idle time later (on the injected clock) the reservations are used up and the bucket is full again.
    clock.now += 5_000 + 10_000;
    waits.length = 0;
    await Promise.all(Array.from({ length: 11 }, () => limiters[0]?.acquire()));
    expect(waits).toEqual([100]);
  });

  it('keeps per-group buckets apart from the main one', async () => {
    const key = freshKey();
    const now = () => 5_000;
    const limiter = new RedisTokenBucketRateLimiter({
      redis: client(),
      key,
      requestsPerSecond: 1,
      burst: 1,
      groups: { contacts: { requestsPerSecond: 2, burst: 2 } },
      now,
    });
    expect((await limiter.reserve()).waitMs).toBe(0);
    expect((await limiter.reserve()).waitMs).toBe(1000);
    expect((await limiter.reserve('contacts')).waitMs).toBe(0);
    expect((await limiter.reserve('contacts')).waitMs).toBe(0);
    expect((await limiter.reserve('contacts')).waitMs).toBe(500);
    // An unknown group draws on the main bucket.
    expect((await limiter.reserve('other')).waitMs).toBe(2000);
  });

  it('gives up a wait when the signal aborts', async () => {
    const limiter = new RedisTokenBucketRateLimiter({
      redis: client(),
      key: freshKey(),
      requestsPerSecond: 0.001,
      burst: 1,
    });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(undefined, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('holds the limit across worker processes on Redis TIME', async () => {
    const key = freshKey();
    const script = fileURLToPath(new URL('./__fixtures__/limiter-process.ts', import.meta.url));
    const run = promisify(execFile);
    const outputs = await Promise.all(
      Array.from({ length: 3 }, () => run(process.execPath, [script, server.url, key, '30'])),
    );
    const admitted = outputs.flatMap((output) => JSON.parse(output.stdout) as number[]);
    expect(admitted).toHaveLength(90);
    // 20/s with a burst of 5: no second of Redis time admits more than 5 + 20, whichever process asked.
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(25);
    // And the admissions are spaced by the rate: the k-th is at least (k - burst) / rate after the first.
    const sorted = [...admitted].sort((a, b) => a - b);
    const first = sorted[0] as number;
    sorted.forEach((at, k) => {
      expect(at - first).toBeGreaterThanOrEqual(Math.floor(((k - 5) * 1000) / 20));
    });
  });
});
