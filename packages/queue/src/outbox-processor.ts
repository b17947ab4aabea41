import {
  type ErrorCode,
  type MessagingProvider,
  type RateLimiter,
  type SendResult,
  SwitchboardError,
  validateOutboundMessage,
} from '@switchboard/core';
import { type Job, UnrecoverableError } from 'bullmq';
import type { AttemptRecord, AttemptRecords } from './attempt-record.js';
import type { BulkResults } from './bulk-results.js';
import { bulkJobRef, decodeFromJob, type OutboxJobData, outboxJobDataSchema } from './job-payload.js';
import { decideRetry, type OutboxBackoffOptions, retryDelayMs } from './retry-decision.js';

/** Told when an attempt failed and the job will be tried again. */
export interface OutboxRetryingEvent {
  jobId: string;
  provider: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** The wait before the next attempt (the provider's `retryAfterMs` when it gave one). */
  delayMs: number;
  code: ErrorCode;
  message: string;
}

/** What the processor needs of its outbox. */
export interface ProcessorContext {
  providers: ReadonlyMap<string, MessagingProvider>;
  limiterFor: (provider: string) => RateLimiter | undefined;
  attempts: AttemptRecords;
  bulk: BulkResults;
  backoff: Required<OutboxBackoffOptions>;
  onRetrying: (event: OutboxRetryingEvent) => void;
  /**
   * Keeps a job's idempotency key claimed for the TTL from now, plus `extraMs` (the wait before
   * a retry): from when the job ended, or from each retry.
   */
  extendIdempotencyClaim?: (idempotencyKey: string, jobId: string, extraMs?: number) => Promise<void>;
  /** Told of a Redis error in the bookkeeping of a job that ended anyway (the outbox's `error` event). */
  onError?: (error: Error) => void;
  /** Told of a sent campaign job whose outcome could not be recorded: the worker records it when the job completes. */
  onSentUnrecorded?: (jobId: string) => void;
}

/**
 * A final failure: BullMQ's `UnrecoverableError` (no further attempt), carrying the neutral
 * code. Its message starts with `[code]`, which is how the code survives in the job's
 * `failedReason` for readers in other processes.
 */
export class OutboxJobFailure extends UnrecoverableError {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    readonly ambiguous = false,
  ) {
    super(`[${code}] ${reason}`);
    this.name = 'OutboxJobFailure';
  }
}

/** A failed attempt to try again after `delayMs` (read by the outbox's backoff strategy). */
export class OutboxRetryLater extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly delayMs: number,
  ) {
    super(`[${code}] ${message}`);
    this.name = 'OutboxRetryLater';
  }
}

/**
 * Thrown by a worker whose lock on a job lapsed before it sent (another worker holds the job
 * now): nothing was sent by it, and the job is the other worker's to finish.
 */
export class OutboxLockLost extends Error {
  constructor(jobId: string) {
    super(
      `the lock on job ${jobId} lapsed before its send; another worker holds it, so this one did not send`,
    );
    this.name = 'OutboxLockLost';
  }
}

/**
 * Sends one job's message: check the job, recover from a crashed attempt, pace, send, record.
 * `lockToken` is BullMQ's token for this worker's lock on the job: the send goes out only while
 * that lock still holds.
 */
export async function processOutboxJob(
  context: ProcessorContext,
  job: Job,
  lockToken?: string,
): Promise<SendResult> {
  const jobId = String(job.id);
  const data = readJobData(job.data);
  if (data.bulk !== undefined) {
    // The same campaign enqueued again once this job was removed makes the job again: a recipient
    // whose outcome its campaign recorded is not sent twice, nor failed over a recorded success.
    const recorded = await context.bulk.outcomeOf(bulkJobRef(jobId, data.bulk));
    if (recorded?.ok === true && recorded.id !== undefined) {
      // The campaign keeps no provider response, hence no `raw`.
      return {
        id: recorded.id,
        provider: context.providers.get(data.provider)?.id ?? data.provider,
        to: recorded.to,
        status: 'accepted',
        raw: null,
      };
    }
    if (recorded?.ok === false && recorded.error !== undefined) {
      throw new OutboxJobFailure(recorded.error.code, recorded.error.message);
    }
  }

  const provider = context.providers.get(data.provider);
  if (provider === undefined) {
    const known = [...context.providers.keys()].join(', ');
    return fail(
      context,
      jobId,
      data,
      'validation_failed',
      `unknown provider "${data.provider}" (this outbox has: ${known})`,
    );
  }
  let message: ReturnType<typeof validateOutboundMessage>;
  try {
    message = validateOutboundMessage(provider, decodeFromJob(data.message));
  } catch (error) {
    const code = SwitchboardError.isInstance(error) ? (error as SwitchboardError).code : 'validation_failed';
    return fail(context, jobId, data, code, `the job's message no longer validates: ${messageOf(error)}`);
  }

  const previous = await context.attempts.get(jobId);
  if (previous !== undefined) {
    const recovered = recoverFrom(context, jobId, data, previous);
    if (recovered !== undefined) return recovered;
  }

  await context.limiterFor(data.provider)?.acquire(data.provider);
  const attempt = job.attemptsMade + 1;
  // The wait above may have outlasted this worker's lock: claim the send atomically, or not at all.
  const claim = await context.attempts.claimInFlight(jobId, attempt, lockToken);
  if (claim.kind === 'lock-lost') throw new OutboxLockLost(jobId);
  if (claim.kind === 'recorded') {
    const recovered = recoverFrom(context, jobId, data, claim.record);
    if (recovered !== undefined) return recovered;
    await context.attempts.markInFlight(jobId, attempt);
  }
  let result: SendResult;
  try {
    result = await provider.send(message, {
      ...(data.idempotencyKey === undefined ? {} : { idempotencyKey: data.idempotencyKey }),
      ...(data.providerOptions === undefined ? {} : { providerOptions: data.providerOptions }),
    });
  } catch (error) {
    const decision = decideRetry(error, data.idempotencyKey !== undefined);
    // The outcome is known (the provider answered or the transport gave up): no crash to recover from.
    // A Redis error here must not turn a final failure into a retry; a record left behind only makes
    // the next attempt more careful.
    await bookkeeping(context, () => context.attempts.clear(jobId));
    if (decision.kind === 'fail')
      return fail(context, jobId, data, decision.code, decision.message, decision.ambiguous);
    const maxAttempts = job.opts.attempts ?? 1;
    if (attempt >= maxAttempts) {
      return fail(
        context,
        jobId,
        data,
        decision.code,
        `${decision.message} (gave up after ${attempt} attempts)`,
      );
    }
    const delayMs = retryDelayMs(attempt, decision.retryAfterMs, context.backoff);
    const { idempotencyKey } = data;
    if (idempotencyKey !== undefined) {
      // Claimed through the wait too: the same key enqueued during a long outage is still this send.
      await bookkeeping(context, () => context.extendIdempotencyClaim?.(idempotencyKey, jobId, delayMs));
    }
    const { bulk } = data;
    if (bulk !== undefined) {
      // And the campaign, so it is not forgotten (and resent whole if enqueued again) during an outage.
      await bookkeeping(context, () => context.bulk.keepAlive(bulkJobRef(jobId, bulk), delayMs));
    }
    context.onRetrying({
      jobId,
      provider: data.provider,
      attempt,
      delayMs,
      code: decision.code,
      message: decision.message,
    });
    throw new OutboxRetryLater(decision.code, decision.message, delayMs);
  }
  await context.attempts.markSent(jobId, result);
  return succeed(context, jobId, data, result);
}

/**
 * What an earlier attempt's record decides: a recorded result completes the job without a second
 * send; an attempt in flight fails it as ambiguous unless the job has an idempotency key, which
 * allows resending (`undefined`: go on and send).
 */
function recoverFrom(
  context: ProcessorContext,
  jobId: string,
  data: OutboxJobData,
  record: AttemptRecord,
): Promise<SendResult> | undefined {
  if (record.state === 'sent') return succeed(context, jobId, data, record.result);
  if (data.idempotencyKey !== undefined) return undefined;
  return fail(
    context,
    jobId,
    data,
    'unknown',
    'a worker stopped while this send was in flight; it may have been sent, so it is not resent (enqueue with an idempotencyKey to allow resending)',
    true,
  );
}

function readJobData(value: unknown): OutboxJobData {
  const parsed = outboxJobDataSchema.safeParse(value);
  if (parsed.success) return parsed.data as OutboxJobData;
  const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
  throw new OutboxJobFailure(
    'validation_failed',
    `the job is not an outbox job of this version (fields: ${where})`,
  );
}

async function succeed(
  context: ProcessorContext,
  jobId: string,
  data: OutboxJobData,
  result: SendResult,
): Promise<SendResult> {
  // Sent is final too: a Redis error here must not fail (or retry) a delivered message. (A
  // campaign's result missed here is written when the worker sees the job completed.)
  const { idempotencyKey, bulk } = data;
  if (idempotencyKey !== undefined) {
    await bookkeeping(context, () => context.extendIdempotencyClaim?.(idempotencyKey, jobId));
  }
  if (bulk !== undefined) {
    const outcome = { to: result.to, ok: true as const, id: result.id };
    const recorded = await bookkeeping(context, () => context.bulk.record(bulkJobRef(jobId, bulk), outcome));
    if (!recorded) context.onSentUnrecorded?.(jobId);
  }
  return result;
}

async function fail(
  context: ProcessorContext,
  jobId: string,
  data: OutboxJobData,
  code: ErrorCode,
  reason: string,
  ambiguous = false,
): Promise<never> {
  // The failure is final whatever Redis does now: a bookkeeping error thrown from here would make
  // BullMQ try the job again, and resend what may have been sent. (A campaign's result missed here
  // is written when the worker sees the job failed.) An outcome already recorded stays.
  const { idempotencyKey, bulk } = data;
  if (idempotencyKey !== undefined) {
    await bookkeeping(context, () => context.extendIdempotencyClaim?.(idempotencyKey, jobId));
  }
  if (bulk !== undefined) {
    const outcome = {
      to: recipientOf(data.message),
      ok: false as const,
      error: { code, message: reason, retryable: false },
    };
    await bookkeeping(context, () => context.bulk.record(bulkJobRef(jobId, bulk), outcome, true));
  }
  throw new OutboxJobFailure(code, reason, ambiguous);
}

/**
 * Runs a Redis write whose failure must not change how the job ends; reports it instead.
 * @returns whether the write went through
 */
async function bookkeeping(
  context: ProcessorContext,
  write: () => Promise<void> | undefined,
): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    context.onError?.(error instanceof Error ? error : new Error(String(error)));
    return false;
  }
}

function recipientOf(message: unknown): string {
  const to = (message as { to?: unknown } | null)?.to;
  return typeof to === 'string' ? to : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
