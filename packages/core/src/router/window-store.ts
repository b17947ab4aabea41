/**
 * Where a window tracker keeps, per conversation key, when the customer-service window closes
 * (epoch ms). Methods may return promises, so a shared store can back it (Redis: `SET key value PX
 * ttl` / `GET key`).
 */
export interface WindowStore {
  get(key: string): number | undefined | Promise<number | undefined>;
  /** Stores `closesAt` for `ttlMs`, replacing any value. */
  set(key: string, closesAt: number, ttlMs: number): void | Promise<void>;
}

/** Options of {@link MemoryWindowStore}. */
export interface MemoryWindowStoreOptions {
  /** Conversations kept at most; the least recently used goes first. Default 100 000. */
  maxEntries?: number;
  /** The clock, in milliseconds; default `Date.now`. */
  now?: () => number;
}

/** The default {@link WindowStore}: a bounded in-process LRU whose entries expire after their TTL. */
export class MemoryWindowStore implements WindowStore {
  readonly maxEntries: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, { closesAt: number; expiresAt: number }>();

  constructor(options: MemoryWindowStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('maxEntries must be a positive integer');
    }
    this.maxEntries = maxEntries;
    this.now = options.now ?? Date.now;
  }

  get(key: string): number | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.closesAt;
  }

  set(key: string, closesAt: number, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { closesAt, expiresAt: this.now() + Math.max(1, ttlMs) });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }
}
