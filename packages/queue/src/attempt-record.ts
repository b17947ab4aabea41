import { randomUUID } from 'node:crypto';
import type { SendResult } from '@switchboard/core';
import type { Redis } from 'ioredis';
import type { OutboxKeys } from './outbox-keys.js';
import { runScript } from './redis-script.js';

/**
 * Writes the in-flight record of job `KEYS[2]` only while this worker holds the job's lock
 * (`KEYS[1]` holds `ARGV[1]`; an empty `ARGV[1]` skips that check) and no record exists. Returns
 * `lost` when the lock is another worker's, the existing record when there is one, else `ok`. A
 * record equal to `ARGV[2]` (which names this one claim) is this call's own, written by a first run
 * whose reply a dropped connection lost before ioredis sent the script again: `ok` too.
 */
const CLAIM_IN_FLIGHT = `
if ARGV[1] ~= '' and redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'lost' end
local existing = redis.call('GET', KEYS[2])
if existing == ARGV[2] then return 'ok' end
if existing then return existing end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 'ok'
`;

/** What {@link AttemptRecords.claimInFlight} found. */
export type InFlightClaim =
  | { kind: 'claimed' }
  /** Another worker holds the job now (this one's lock lapsed): this one must not send. */
  | { kind: 'lock-lost' }
  /** A record appeared since this worker read it: another worker's attempt. */
  | { kind: 'recorded'; record: AttemptRecord };

/**
 * What the last attempt of a job left in Redis. It is what makes a crash safe: BullMQ hands a job
 * whose worker died (SIGKILL, lost lock) to another worker, which reads this first.
 * - `sent`: the send succeeded but the worker died before BullMQ recorded it: the job completes
 *   with the recorded result, without a second send.
 * - `in-flight`: the worker died during the request: the provider may have the message, so the
 *   job is resent only with an idempotency key, as for any ambiguous failure.
 * - none: the worker died before sending (e.g. waiting for the rate limiter): sending is safe.
 */
export type AttemptRecord =
  /** `claim` names the call that wrote it (see `claimInFlight`); absent when written otherwise. */
  { state: 'in-flight'; attempt: number; claim?: string } | { state: 'sent'; result: SendResult };

export class AttemptRecords {
  constructor(
    private readonly redis: Redis,
    private readonly keys: OutboxKeys,
    /** How long a record outlives its job's attempt; at least as long as jobs are kept. */
    private readonly ttlMs: number,
  ) {}

  async get(jobId: string): Promise<AttemptRecord | undefined> {
    const text = await this.redis.get(this.keys.attempt(jobId));
    return text === null ? undefined : parseRecord(text);
  }

  async markInFlight(jobId: string, attempt: number): Promise<void> {
    await this.set(jobId, { state: 'in-flight', attempt });
  }

  /**
   * Marks the job in flight, atomically with two checks, right before its send: that this worker
   * still holds the job's lock (`lockToken`, BullMQ's token for it), and that no other attempt
   * left a record meanwhile. A worker whose lock lapsed while it waited (a pause, a slow Redis)
   * may have had its job taken over by another worker: sending then would send it twice.
   */
  async claimInFlight(jobId: string, attempt: number, lockToken: string | undefined): Promise<InFlightClaim> {
    const found = (await runScript(
      this.redis,
      'switchboardClaimInFlight',
      CLAIM_IN_FLIGHT,
      [this.keys.jobLock(jobId), this.keys.attempt(jobId)],
      [
        lockToken ?? '',
        JSON.stringify({ state: 'in-flight', attempt, claim: randomUUID() } satisfies AttemptRecord),
        String(this.ttlMs),
      ],
    )) as string;
    if (found === 'ok') return { kind: 'claimed' };
    if (found === 'lost') return { kind: 'lock-lost' };
    return { kind: 'recorded', record: parseRecord(found) };
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

function parseRecord(text: string): AttemptRecord {
  try {
    return JSON.parse(text) as AttemptRecord;
  } catch {
    // An unreadable record is treated as in flight: never resend on a guess.
    return { state: 'in-flight', attempt: 0 };
  }
}
