import type { RateLimiter, RateLimitOptions } from '@switchboard/core';
import { sleep } from '@switchboard/core';
import type { Redis } from 'ioredis';
import { runScript } from './redis-script.js';

const TAKE_TOKEN_COMMAND = 'switchboardTakeToken';

/**
 * Takes one token from a bucket stored in Redis and answers how long the caller must wait before
 * using it. Tokens refill continuously at `rate` per millisecond up to `burst`. A caller that
 * finds no token reserves one anyway (the count goes negative), so callers are admitted at
 * exactly the bucket's pace in the order Redis saw them, without polling.
 *
 * KEYS[1] the bucket hash; ARGV: rate per ms, burst, now in ms ('' = Redis TIME), key ttl in ms.
 * Returns { wait ms, admission time ms }.
 */
const TAKE_TOKEN = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now
if ARGV[3] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[3])
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = burst
  ts = now
end
if now > ts then
  tokens = math.min(burst, tokens + (now - ts) * rate)
  ts = now
end
tokens = tokens - 1
local wait = 0
if tokens < 0 then wait = math.ceil(-tokens / rate) end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'ts', string.format('%.17g', ts))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + wait)
return { wait, ts + wait }
`;

/** Options of {@link RedisTokenBucketRateLimiter}. */
export interface RedisTokenBucketOptions extends RateLimitOptions {
  /** A client of the Redis every sharing process uses; the limiter does not close it. */
  redis: Redis;
  /**
   * The bucket's Redis key. Every limiter with the same key shares one budget, whichever
   * process it runs in: name it after the account, e.g. `switchboard:rate:maton:<account>`.
   */
  key: string;
  /**
   * Per-group rates (WATI's endpoint groups): a group listed here gets its own bucket under
   * `<key>:<group>`; other groups, and calls without one, draw on the main bucket.
   */
  groups?: Readonly<Record<string, RateLimitOptions>>;
  /** The clock, in ms. Default: Redis `TIME`, so all hosts agree without synchronised clocks. */
  now?: () => number;
  /** Waits `ms`; injectable for tests. Default: core's abortable `sleep`. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One admission decided by the bucket. */
export interface TokenReservation {
  /** How long the caller waits before its request may start, in ms. */
  waitMs: number;
  /** When the request may start, on the bucket's clock (Redis `TIME` by default), in ms. */
  admittedAt: number;
}

interface Bucket {
  key: string;
  ratePerMs: number;
  burst: number;
  ttlMs: number;
}

/**
 * A token bucket kept in Redis, so every worker of an account, in any process or host, draws on
 * one budget: N workers together stay under the provider's limit (Maton: 10 requests/s per
 * account). It implements core's `RateLimiter`, so it goes wherever a `rateLimit` is accepted:
 * a provider's options, a gateway, or an outbox.
 *
 * Each `acquire` runs one atomic Lua script (no lock, no polling): it takes a token or reserves
 * the next one and returns the wait. An aborted wait gives its slot up to nobody, so the budget
 * can only be under-used, never exceeded.
 *
 * @example
 * ```ts
 * const limiter = new RedisTokenBucketRateLimiter({ redis, key: 'rate:maton:acme', requestsPerSecond: 10 });
 * const provider = createWhatsAppCloud({ …, rateLimit: limiter }); // in every process
 * ```
 */
export class RedisTokenBucketRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly main: Bucket;
  private readonly groups = new Map<string, Bucket>();
  private readonly now: (() => number) | undefined;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: RedisTokenBucketOptions) {
    if (typeof options.key !== 'string' || options.key === '')
      throw new TypeError('key must be a non-empty string');
    this.redis = options.redis;
    this.main = bucket(options.key, options);
    for (const [group, rate] of Object.entries(options.groups ?? {}))
      this.groups.set(group, bucket(`${options.key}:${group}`, rate));
    this.now = options.now;
    this.sleep = options.sleep ?? sleep;
  }

  /** Resolves when a request of `group` may start; see {@link RedisTokenBucketRateLimiter.reserve}. */
  async acquire(group?: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    const { waitMs } = await this.reserve(group);
    if (waitMs > 0) await this.sleep(waitMs, signal);
  }

  /** Takes the next token of `group`'s bucket without waiting, and says when it may be used. */
  async reserve(group?: string): Promise<TokenReservation> {
    const target = (group === undefined ? undefined : this.groups.get(group)) ?? this.main;
    const reply = (await runScript(
      this.redis,
      TAKE_TOKEN_COMMAND,
      TAKE_TOKEN,
      [target.key],
      [
        String(target.ratePerMs),
        String(target.burst),
        this.now === undefined ? '' : String(Math.floor(this.now())),
        String(target.ttlMs),
      ],
    )) as [number, number];
    return { waitMs: Number(reply[0]), admittedAt: Number(reply[1]) };
  }
}

function bucket(key: string, rate: RateLimitOptions): Bucket {
  if (!(rate.requestsPerSecond > 0) || !Number.isFinite(rate.requestsPerSecond)) {
    throw new TypeError('rateLimit.requestsPerSecond must be a positive number');
  }
  const burst = rate.burst ?? Math.max(1, Math.ceil(rate.requestsPerSecond));
  if (!(burst >= 1) || !Number.isFinite(burst)) throw new TypeError('rateLimit.burst must be at least 1');
  const ratePerMs = rate.requestsPerSecond / 1000;
  // Idle buckets vanish once full again (plus a margin), so abandoned keys do not pile up.
  const ttlMs = Math.ceil(burst / ratePerMs) + 60_000;
  return { key, ratePerMs, burst, ttlMs };
}
