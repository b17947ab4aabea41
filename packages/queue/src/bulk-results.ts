import type { BulkRecipientResult, BulkResult } from '@switchboard/core';
import type { Redis } from 'ioredis';
import type { BulkJobRef } from './job-payload.js';
import type { OutboxKeys } from './outbox-keys.js';
import { runScript } from './redis-script.js';

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

/**
 * Lua: whether the campaign's registration (KEYS[2]) is still the one of token `token` ('' for a
 * registration without one); a registration made again under the same id has another.
 */
const IS_THIS_REGISTRATION = `
local function isThisRegistration(token)
  local meta = redis.call('GET', KEYS[2])
  if not meta then return false end
  local ok, decoded = pcall(cjson.decode, meta)
  if not ok or type(decoded) ~= 'table' then return false end
  local own = decoded.token
  if type(own) ~= 'string' then own = '' end
  return own == token
end
`;

/**
 * Writes a recipient's outcome into its registration's results and keeps them for the TTL from
 * now; the campaign's registration too, when it is still the one the results belong to (one that
 * expired and was made again under the same id keeps its own lifetime).
 * KEYS: the registration's results, the campaign's registration. ARGV: index, result JSON, TTL ms,
 * the registration's token ('' for one without), '1' to keep an outcome already recorded.
 */
const RECORD = `${IS_THIS_REGISTRATION}
if ARGV[5] == '1' then
  redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if isThisRegistration(ARGV[4]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
return 0
`;

/**
 * Keeps a registration's results and the campaign's registration (while it is still that one) for
 * at least ARGV[2] ms from now; a key kept longer already is left alone, a missing one is not made.
 * KEYS: the registration's results, the campaign's registration. ARGV: the token ('' for none), ms.
 */
const KEEP_ALIVE = `${IS_THIS_REGISTRATION}
local wanted = tonumber(ARGV[2])
local function keep(key)
  local left = redis.call('PTTL', key)
  if left >= 0 and left < wanted then redis.call('PEXPIRE', key, wanted) end
end
keep(KEYS[1])
if isThisRegistration(ARGV[1]) then keep(KEYS[2]) end
return 0
`;

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

  /**
   * Records a recipient's outcome in its registration's results (unless one is there already,
   * with `onlyIfMissing`); the campaign is then kept for the TTL from this outcome.
   */
  async record(ref: BulkJobRef, result: BulkRecipientResult, onlyIfMissing = false): Promise<void> {
    await runScript(
      this.redis,
      'switchboardRecordBulkOutcome',
      RECORD,
      [this.keys.bulkResults(ref.id, ref.token), this.keys.bulkMeta(ref.id)],
      [
        String(ref.index),
        JSON.stringify(result),
        String(this.ttlMs),
        ref.token ?? '',
        onlyIfMissing ? '1' : '0',
      ],
    );
  }

  /**
   * Keeps the campaign (its registration and results) for the TTL plus `extraMs` from now, unless
   * it is kept longer already: a recipient waiting `extraMs` to be retried must find it still there.
   */
  async keepAlive(ref: BulkJobRef, extraMs: number): Promise<void> {
    await runScript(
      this.redis,
      'switchboardKeepBulkAlive',
      KEEP_ALIVE,
      [this.keys.bulkResults(ref.id, ref.token), this.keys.bulkMeta(ref.id)],
      [ref.token ?? '', String(this.ttlMs + extraMs)],
    );
  }

  /** The outcome recorded for a recipient of a registration, if any. */
  async outcomeOf(ref: BulkJobRef): Promise<BulkRecipientResult | undefined> {
    const text = await this.redis.hget(this.keys.bulkResults(ref.id, ref.token), String(ref.index));
    return text === null ? undefined : (JSON.parse(text) as BulkRecipientResult);
  }

  /** The indexes of a registration's recipients whose outcome is recorded. */
  async recordedIndexes(bulkId: string, token: string | undefined): Promise<Set<number>> {
    const fields = await this.redis.hkeys(this.keys.bulkResults(bulkId, token));
    return new Set(fields.map(Number));
  }

  async read(bulkId: string): Promise<BulkProgress | undefined> {
    const metaText = await this.redis.get(this.keys.bulkMeta(bulkId));
    if (metaText === null) return undefined;
    const meta = JSON.parse(metaText) as BulkMeta;
    const entries = await this.redis.hgetall(this.keys.bulkResults(bulkId, meta.token));
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
