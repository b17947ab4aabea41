import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { runScript } from './redis-script.js';

/** The Redis keys the outbox keeps next to BullMQ's, under `<prefix>:<queueName>:switchboard:`. */
export class OutboxKeys {
  readonly base: string;
  private readonly queueBase: string;

  constructor(prefix: string, queueName: string) {
    this.queueBase = `${prefix}:${queueName}`;
    this.base = `${this.queueBase}:switchboard`;
  }

  /** BullMQ's lock of an active job: its value is the token of the worker that holds the job. */
  jobLock(jobId: string): string {
    return `${this.queueBase}:${jobId}:lock`;
  }

  idempotency(key: string): string {
    return `${this.base}:idem:${hashKey(key)}`;
  }

  attempt(jobId: string): string {
    return `${this.base}:attempt:${jobId}`;
  }

  bulkMeta(bulkId: string): string {
    return `${this.base}:bulk:${bulkId}`;
  }

  /**
   * The outcomes of one registration of a campaign (`token`); registrations of earlier versions
   * have none. A `bulkId` has no `:`, so no campaign's keys can be another's.
   */
  bulkResults(bulkId: string, token: string | undefined): string {
    const key = `${this.base}:bulk:${bulkId}:results`;
    return token === undefined ? key : `${key}:${token}`;
  }

  rateLimit(providerName: string): string {
    return `${this.base}:rate:${providerName}`;
  }
}

/** Hex SHA-256 of an idempotency key: any key fits a job id (which may not contain `:`). */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}

/**
 * Atomically claims an idempotency key for `ARGV[1]` (a candidate job id) for `ARGV[2]` ms, or
 * returns the job id that claimed it first. Returns { job id, 1 if it was already claimed }. A
 * claim already naming `ARGV[1]` (unique to one call) is this call's own, run again by ioredis
 * after a dropped connection lost its reply: not a duplicate.
 */
const CLAIM_KEY = `
local existing = redis.call('GET', KEYS[1])
if existing == ARGV[1] then return { existing, 0 } end
if existing then return { existing, 1 } end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return { ARGV[1], 0 }
`;

/** Extends the claim of `KEYS[1]` to `ARGV[2]` ms from now, if it still names job `ARGV[1]`. */
const EXTEND_CLAIM = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/**
 * Keeps `idempotencyKey` claimed for job `jobId` for another `ttlMs` from now: the TTL counts
 * from when the job ended, not from its enqueue, so a job that waited (a delay, a backlog,
 * retries) is still protected for the whole TTL once it ran. A claim that lapsed or now names
 * another job is left alone.
 */
export async function extendIdempotencyClaim(
  redis: Redis,
  keys: OutboxKeys,
  idempotencyKey: string,
  jobId: string,
  ttlMs: number,
): Promise<void> {
  await runScript(
    redis,
    'switchboardExtendIdempotencyClaim',
    EXTEND_CLAIM,
    [keys.idempotency(idempotencyKey)],
    [jobId, String(ttlMs)],
  );
}

/**
 * The job id for `idempotencyKey`: the first claim within the TTL wins, every later one gets the
 * same id back with `duplicate: true`. The id is derived from the key plus a per-claim token, so
 * the same key after the TTL makes a new job, not a collision with the old one still retained.
 */
export async function claimIdempotencyKey(
  redis: Redis,
  keys: OutboxKeys,
  idempotencyKey: string,
  ttlMs: number,
): Promise<{ jobId: string; duplicate: boolean }> {
  const candidate = `idem-${hashKey(idempotencyKey)}-${randomUUID().slice(0, 8)}`;
  const [jobId, claimed] = (await runScript(
    redis,
    'switchboardClaimIdempotencyKey',
    CLAIM_KEY,
    [keys.idempotency(idempotencyKey)],
    [candidate, String(ttlMs)],
  )) as [string, number];
  return { jobId, duplicate: Number(claimed) === 1 };
}
