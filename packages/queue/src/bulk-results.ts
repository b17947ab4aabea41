import type { BulkRecipientResult, BulkResult } from '@switchboard/core';
import type { Redis } from 'ioredis';
import type { OutboxKeys } from './outbox-keys.js';

/** Where a bulk campaign stands; see `Outbox.getBulkResult`. */
export interface BulkProgress {
  bulkId: string;
  campaign: string | undefined;
  /** Recipients enqueued. */
  total: number;
  sent: number;
  failed: number;
  /** Recipients whose job has not ended yet (waiting, delayed, retrying or in flight). */
  pending: number;
  /** True once every recipient's job ended, sent or failed. */
  done: boolean;
  /** One entry per recipient in request order; `undefined` while that recipient is pending. */
  results: (BulkRecipientResult | undefined)[];
  /** The core `BulkResult`, once `done`. */
  result: BulkResult | undefined;
}

interface BulkMeta {
  total: number;
  campaign?: string;
  /**
   * Names this registration in its jobs' ids (`bulk-<id>-<token>-<index>`), so the same id
   * enqueued again after its TTL makes new jobs, never ones whose old attempt records say "sent".
   * Absent in registrations of earlier versions, whose job ids have no token.
   */
  token?: string;
  /** A hash of the validated request, so the same id cannot name two different campaigns. */
  requestHash?: string;
}

/** A campaign's registration: the one made now, or the one already there under its id. */
export interface BulkRegistration {
  token: string | undefined;
  requestHash: string | undefined;
  created: boolean;
}

/** The per-recipient outcomes of bulk campaigns, one Redis hash per campaign. */
export class BulkResults {
  constructor(
    private readonly redis: Redis,
    private readonly keys: OutboxKeys,
    private readonly ttlMs: number,
  ) {}

  /**
   * Registers a campaign for the TTL plus `delayMs` (its jobs wait that long before they run), or
   * returns the registration already under `bulkId`: a second call with the same id keeps the first.
   */
  async create(
    bulkId: string,
    meta: Required<Omit<BulkMeta, 'campaign'>> & BulkMeta,
    delayMs = 0,
  ): Promise<BulkRegistration> {
    const key = this.keys.bulkMeta(bulkId);
    const created = await this.redis.set(key, JSON.stringify(meta), 'PX', this.ttlMs + delayMs, 'NX');
    if (created !== null) return { token: meta.token, requestHash: meta.requestHash, created: true };
    const existing = await this.redis.get(key);
    // Expired between the two calls: register again.
    if (existing === null) return this.create(bulkId, meta, delayMs);
    const found = JSON.parse(existing) as BulkMeta;
    return { token: found.token, requestHash: found.requestHash, created: false };
  }

  /** Records a recipient's outcome; the campaign is then kept for the TTL from this outcome. */
  async record(bulkId: string, index: number, result: BulkRecipientResult): Promise<void> {
    const key = this.keys.bulkResults(bulkId);
    await this.redis
      .multi()
      .hset(key, String(index), JSON.stringify(result))
      .pexpire(key, this.ttlMs)
      .pexpire(this.keys.bulkMeta(bulkId), this.ttlMs)
      .exec();
  }

  /** Records a recipient's outcome unless one is recorded already. */
  async recordIfMissing(bulkId: string, index: number, result: BulkRecipientResult): Promise<void> {
    const key = this.keys.bulkResults(bulkId);
    await this.redis
      .multi()
      .hsetnx(key, String(index), JSON.stringify(result))
      .pexpire(key, this.ttlMs)
      .pexpire(this.keys.bulkMeta(bulkId), this.ttlMs)
      .exec();
  }

  async read(bulkId: string): Promise<BulkProgress | undefined> {
    const [metaText, entries] = await Promise.all([
      this.redis.get(this.keys.bulkMeta(bulkId)),
      this.redis.hgetall(this.keys.bulkResults(bulkId)),
    ]);
    if (metaText === null) return undefined;
    const meta = JSON.parse(metaText) as BulkMeta;
    const results: (BulkRecipientResult | undefined)[] = new Array(meta.total).fill(undefined);
    let sent = 0;
    let failed = 0;
    for (const [index, text] of Object.entries(entries)) {
      const position = Number(index);
      if (!(position >= 0 && position < meta.total)) continue;
      const entry = JSON.parse(text) as BulkRecipientResult;
      results[position] = entry;
      if (entry.ok) sent++;
      else failed++;
    }
    const pending = meta.total - sent - failed;
    return {
      bulkId,
      campaign: meta.campaign,
      total: meta.total,
      sent,
      failed,
      pending,
      done: pending === 0,
      results,
      result: pending === 0 ? { results: results as BulkRecipientResult[] } : undefined,
    };
  }
}
