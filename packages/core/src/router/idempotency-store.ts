import type { SendResult } from '../model/send-result.js';

/**
 * What an {@link IdempotencyStore} keeps under a key: a send in progress (`pending`), or the result
 * of the first successful send (`done`). `fingerprint` identifies the message, so the same key with
 * another message is refused instead of answered with an unrelated result. Records are plain JSON,
 * so a store may serialize them.
 */
export type IdempotencyRecord =
  | { state: 'pending'; fingerprint: string }
  | { state: 'done'; fingerprint: string; result: SendResult };

/**
 * Where idempotent sends remember their keys. Every method may return a promise, so a shared store
 * (Redis, a database) can back it; `setIfAbsent` must be atomic, since it is what makes two
 * instances receiving the same key send once. Redis fits directly:
 *
 * @example
 * ```ts
 * const store: IdempotencyStore = {
 *   get: async (key) => JSON.parse((await redis.get(`idem:${key}`)) ?? 'null') ?? undefined,
 *   setIfAbsent: async (key, record, ttlMs) =>
 *     (await redis.set(`idem:${key}`, JSON.stringify(record), 'PX', ttlMs, 'NX')) === 'OK',
 *   set: async (key, record, ttlMs) => { await redis.set(`idem:${key}`, JSON.stringify(record), 'PX', ttlMs); },
 *   delete: async (key) => { await redis.del(`idem:${key}`); },
 * };
 * ```
 */
export interface IdempotencyStore {
  /** The live record under `key`, or `undefined` when there is none or it expired. */
  get(key: string): IdempotencyRecord | undefined | Promise<IdempotencyRecord | undefined>;
  /** Stores `record` for `ttlMs` unless a live record exists; true when it stored it. Atomic. */
  setIfAbsent(key: string, record: IdempotencyRecord, ttlMs: number): boolean | Promise<boolean>;
  /** Stores `record` for `ttlMs`, replacing any record. */
  set(key: string, record: IdempotencyRecord, ttlMs: number): void | Promise<void>;
  /** Forgets `key`. */
  delete(key: string): void | Promise<void>;
}

/** Options of {@link MemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** Keys kept at most; the least recently used goes first. Default 10 000. */
  maxEntries?: number;
  /** The clock, in milliseconds; default `Date.now`. Inject one in tests. */
  now?: () => number;
}

/**
 * The default {@link IdempotencyStore}: a bounded in-process LRU whose records also expire after
 * their TTL. It serves one process; instances sharing keys need a shared store.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly maxEntries: number;
  private readonly now: () => number;
  /** Key → record and expiry time, least recently used first. */
  private readonly entries = new Map<string, { record: IdempotencyRecord; expiresAt: number }>();

  constructor(options: MemoryIdempotencyStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('maxEntries must be a positive integer');
    }
    this.maxEntries = maxEntries;
    this.now = options.now ?? Date.now;
  }

  /** Records currently held, including expired ones not yet swept. */
  get size(): number {
    return this.entries.size;
  }

  get(key: string): IdempotencyRecord | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.record;
  }

  setIfAbsent(key: string, record: IdempotencyRecord, ttlMs: number): boolean {
    if (this.get(key) !== undefined) return false;
    this.set(key, record, ttlMs);
    return true;
  }

  set(key: string, record: IdempotencyRecord, ttlMs: number): void {
    if (!(ttlMs > 0)) throw new TypeError('ttlMs must be a positive number');
    const now = this.now();
    this.entries.delete(key);
    this.entries.set(key, { record, expiresAt: now + ttlMs });
    this.sweep(now);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops expired records at the old end, then the least recently used beyond `maxEntries`. */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size > this.maxEntries || entry.expiresAt <= now) this.entries.delete(key);
      else break;
    }
  }
}
