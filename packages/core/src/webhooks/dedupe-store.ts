/**
 * Remembers which webhook events were already handled, so a redelivery is not handled twice.
 * Keys come from `webhookEventKey`; both methods may be synchronous or return a promise.
 *
 * The default, {@link MemoryDedupeStore}, serves one process. When several instances share a
 * webhook URL, back the store with something they all see; Redis fits directly:
 *
 * @example
 * ```ts
 * const store: WebhookDedupeStore = {
 *   has: async (key) => (await redis.exists(`webhook:${key}`)) === 1,
 *   add: async (key, ttlMs) => { await redis.set(`webhook:${key}`, '1', 'PX', ttlMs); },
 * };
 * const handler = createWebhookHandler(provider, onEvent, { dedupe: store });
 * ```
 */
export interface WebhookDedupeStore {
  /** True when `key` was added and has not expired. */
  has(key: string): boolean | Promise<boolean>;
  /** Remembers `key` for `ttlMs` milliseconds; adding it again restarts that time. */
  add(key: string, ttlMs: number): void | Promise<void>;
  /**
   * Atomically takes `key` for `leaseMs` unless it is already added or taken: `true` for the one
   * caller that got it. Give a store shared by several instances this method (and {@link release}),
   * so two instances receiving the same delivery at once (a redelivery while the first is still
   * running) do not both handle it: `has` then `add` leaves that gap. `add` turns the claim into the
   * handled mark; a claim never added (its holder crashed) lapses after `leaseMs`. `has` must stay
   * false for a key that is only claimed: the handler answers a redelivery of an event being handled
   * elsewhere with 503 (so the provider retries) only when `has` says it was not handled yet.
   */
  claim?(key: string, leaseMs: number): boolean | Promise<boolean>;
  /** Gives up this store's claim on `key` (its handling failed), so a redelivery is handled again. */
  release?(key: string): void | Promise<void>;
}

/** Options of {@link MemoryDedupeStore}. */
export interface MemoryDedupeStoreOptions {
  /** Keys kept at most; the least recently used goes first. Default 10 000. */
  maxEntries?: number;
  /** The clock, in milliseconds; default `Date.now`. Inject one in tests. */
  now?: () => number;
}

/**
 * An in-process {@link WebhookDedupeStore}: a bounded LRU whose entries also expire after the TTL
 * given to `add`. Every operation is O(1) (amortized for the expiry sweep), relying on `Map`
 * keeping insertion order: re-inserting a key makes it the most recent.
 *
 * @example
 * ```ts
 * const store = new MemoryDedupeStore({ maxEntries: 50_000 });
 * const handler = createWebhookHandler(provider, onEvent, { dedupe: store });
 * ```
 */
export class MemoryDedupeStore implements WebhookDedupeStore {
  readonly maxEntries: number;
  private readonly now: () => number;
  /** Key → expiry time, least recently used first. */
  private readonly entries = new Map<string, number>();

  constructor(options: MemoryDedupeStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('maxEntries must be a positive integer');
    }
    this.maxEntries = maxEntries;
    this.now = options.now ?? Date.now;
  }

  /** Keys currently held, including expired ones not yet swept. */
  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    const expiresAt = this.entries.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt <= this.now()) {
      this.entries.delete(key);
      return false;
    }
    // A redelivered key is in use: keep it away from eviction.
    this.entries.delete(key);
    this.entries.set(key, expiresAt);
    return true;
  }

  add(key: string, ttlMs: number): void {
    if (!(ttlMs > 0)) throw new TypeError('ttlMs must be a positive number');
    const now = this.now();
    this.entries.delete(key);
    this.entries.set(key, now + ttlMs);
    this.sweep(now);
  }

  /** Drops expired keys at the old end, then the least recently used beyond `maxEntries`. */
  private sweep(now: number): void {
    for (const [key, expiresAt] of this.entries) {
      if (this.entries.size > this.maxEntries || expiresAt <= now) this.entries.delete(key);
      else break;
    }
  }
}
