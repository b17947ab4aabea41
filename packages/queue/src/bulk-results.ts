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
}

/** The per-recipient outcomes of bulk campaigns, one Redis hash per campaign. */
export class BulkResults {
  constructor(
    private readonly redis: Redis,
    private readonly keys: OutboxKeys,
    private readonly ttlMs: number,
  ) {}

  /** Registers a campaign; a second call with the same id keeps the first registration. */
  async create(bulkId: string, meta: BulkMeta): Promise<void> {
    await this.redis.set(this.keys.bulkMeta(bulkId), JSON.stringify(meta), 'PX', this.ttlMs, 'NX');
  }

  async record(bulkId: string, index: number, result: BulkRecipientResult): Promise<void> {
    const key = this.keys.bulkResults(bulkId);
    await this.redis.multi().hset(key, String(index), JSON.stringify(result)).pexpire(key, this.ttlMs).exec();
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
