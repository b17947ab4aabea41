import type { SendResult } from '@switchboard/core';
import type { Redis } from 'ioredis';
import type { OutboxKeys } from './outbox-keys.js';

/**
 * What the last attempt of a job left in Redis. It is what makes a crash safe: BullMQ hands a job
 * whose worker died (SIGKILL, lost lock) to another worker, which reads this first.
 * - `sent`: the send succeeded but the worker died before BullMQ recorded it: the job completes
 *   with the recorded result, without a second send.
 * - `in-flight`: the worker died during the request: the provider may have the message, so the
 *   job is resent only with an idempotency key, as for any ambiguous failure.
 * - none: the worker died before sending (e.g. waiting for the rate limiter): sending is safe.
 */
export type AttemptRecord = { state: 'in-flight'; attempt: number } | { state: 'sent'; result: SendResult };

export class AttemptRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: OutboxKeys,
    /** How long a record outlives its job's attempt; at least as long as jobs are kept. */
    private readonly ttlMs: number,
  ) {}

  async get(jobId: string): Promise<AttemptRecord | undefined> {
    const text = await this.redis.get(this.keys.attempt(jobId));
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as AttemptRecord;
    } catch {
      // An unreadable record is treated as in flight: never resend on a guess.
      return { state: 'in-flight', attempt: 0 };
    }
  }

  async markInFlight(jobId: string, attempt: number): Promise<void> {
    await this.set(jobId, { state: 'in-flight', attempt });
  }

  async markSent(jobId: string, result: SendResult): Promise<void> {
    await this.set(jobId, { state: 'sent', result });
  }

  async clear(jobId: string): Promise<void> {
    await this.redis.del(this.keys.attempt(jobId));
  }

  private async set(jobId: string, record: AttemptRecord): Promise<void> {
    await this.redis.set(this.keys.attempt(jobId), JSON.stringify(record), 'PX', this.ttlMs);
  }
}
