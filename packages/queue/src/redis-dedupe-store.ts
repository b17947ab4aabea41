import { randomUUID } from 'node:crypto';
import type { WebhookDedupeStore } from '@switchboard/core';
import type { Redis } from 'ioredis';
import { runScript } from './redis-script.js';

/** The value of a handled key; a claimed one holds its claimer's token instead. */
const HANDLED = '1';

/** Deletes KEYS[1] only while it still holds this claimer's token (ARGV[1]). */
const RELEASE_OWN_CLAIM = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Takes KEYS[1] for the claimer of token ARGV[1] for ARGV[2] ms unless it is taken: 1 when taken
 * now, or already by this token (ioredis ran the script again after a dropped connection lost its
 * reply; a plain `SET NX` would then say "taken by another" and the event wait out its lease).
 */
const CLAIM = `
local existing = redis.call('GET', KEYS[1])
if existing == ARGV[1] then return 1 end
if existing then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Options of {@link RedisDedupeStore}. */
export interface RedisDedupeStoreOptions {
  /** A client of the Redis every app instance uses; the store does not close it. */
  redis: Redis;
  /** Prefix of the keys, default `switchboard:webhook:`. */
  keyPrefix?: string;
}

/**
 * Core's `WebhookDedupeStore` in Redis: several app instances behind a load balancer share what
 * was handled, so a redelivered webhook (WATI retries up to 144 times) is handled once whichever
 * instance receives it. Each key expires on its own (`SET … PX`), so the store needs no sweeping.
 *
 * `claim` (`SET … NX PX`) lets one instance take an event it is about to handle, so a redelivery
 * arriving at another instance meanwhile is not handled twice; `release` gives it up (with a
 * token, so an instance never drops a claim that lapsed and was taken by another).
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler(provider, onEvent, { dedupe: new RedisDedupeStore({ redis }) });
 * ```
 */
export class RedisDedupeStore implements WebhookDedupeStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;

  constructor(options: RedisDedupeStoreOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix ?? 'switchboard:webhook:';
  }

  /** Tokens of the claims this instance holds, by key. */
  private readonly claims = new Map<string, string>();

  /** True once `key` was handled (`add`); a key only claimed is not handled yet. */
  async has(key: string): Promise<boolean> {
    return (await this.redis.get(this.keyPrefix + key)) === HANDLED;
  }

  async add(key: string, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) throw new TypeError('ttlMs must be a positive number');
    // Forgotten first: if the write fails, the claim lapses in Redis after its lease anyway.
    this.claims.delete(key);
    await this.redis.set(this.keyPrefix + key, HANDLED, 'PX', Math.ceil(ttlMs));
  }

  async claim(key: string, leaseMs: number): Promise<boolean> {
    if (!(leaseMs > 0)) throw new TypeError('leaseMs must be a positive number');
    const token = randomUUID();
    const taken = await runScript(
      this.redis,
      'switchboardClaimWebhookEvent',
      CLAIM,
      [this.keyPrefix + key],
      [token, Math.ceil(leaseMs)],
    );
    if (Number(taken) !== 1) return false;
    this.claims.set(key, token);
    return true;
  }

  async release(key: string): Promise<void> {
    const token = this.claims.get(key);
    if (token === undefined) return;
    this.claims.delete(key);
    await runScript(
      this.redis,
      'switchboardReleaseWebhookClaim',
      RELEASE_OWN_CLAIM,
      [this.keyPrefix + key],
      [token],
    );
  }
}
