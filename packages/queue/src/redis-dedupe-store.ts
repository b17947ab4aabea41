import type { WebhookDedupeStore } from '@switchboard/core';
import type { Redis } from 'ioredis';

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

  async has(key: string): Promise<boolean> {
    return (await this.redis.exists(this.keyPrefix + key)) === 1;
  }

  async add(key: string, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) throw new TypeError('ttlMs must be a positive number');
    await this.redis.set(this.keyPrefix + key, '1', 'PX', Math.ceil(ttlMs));
  }
}
