import type { BulkRecipientResult, RateLimiter, SendResult } from '@switchboard/core';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AttemptRecords } from './attempt-record.js';
import type { BulkResults } from './bulk-results.js';
import { bulkJobRef } from './job-payload.js';
import { parseFailedReason } from './job-status.js';
import type { OutboxEvents } from './outbox-events.js';
import type { ResolvedOutboxOptions } from './outbox-options.js';
import { OutboxRetryLater, processOutboxJob } from './outbox-processor.js';
import { retryDelayMs } from './retry-decision.js';

/** Options of `Outbox.startWorker`. */
export interface StartWorkerOptions {
  /** Jobs run at once by this worker; default the outbox's `concurrency`. */
  concurrency?: number;
  /** A name stored on the jobs this worker runs, for dashboards. */
  name?: string;
  /**
   * How long a job stays claimed by a worker that stopped renewing it (a crashed process) before
   * another worker takes it over. Default 30 s.
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs of crashed workers. Default 30 s. */
  stalledIntervalMs?: number;
}

/** A running worker; `Outbox.close` closes it too. */
export interface OutboxWorker {
  /** The underlying BullMQ worker, for inspection. */
  readonly worker: Worker;
  /** Stops taking jobs; see `Outbox.close` for `force`. */
  close(options?: { force?: boolean }): Promise<void>;
}

/** What a worker needs of its outbox. */
export interface WorkerContext {
  options: ResolvedOutboxOptions;
  redis: Redis;
  attempts: AttemptRecords;
  bulk: BulkResults;
  limiterFor: (provider: string) => RateLimiter | undefined;
  extendIdempotencyClaim: (idempotencyKey: string, jobId: string, extraMs?: number) => Promise<void>;
  emit: <E extends keyof OutboxEvents>(event: E, ...args: OutboxEvents[E]) => void;
  onClosed: (worker: OutboxWorker) => void;
}

/** Starts a BullMQ worker running {@link processOutboxJob} and turns its events into the outbox's. */
export function startOutboxWorker(context: WorkerContext, options: StartWorkerOptions): OutboxWorker {
  const { options: outbox } = context;
  const lockDuration = options.lockDurationMs ?? 30_000;
  // Sent campaign jobs whose outcome the processor could not record (Redis failed): the
  // `completed` handler records them. Every other sent job was recorded before it completed.
  const sentUnrecorded = new Set<string>();
  const worker = new Worker(
    outbox.queueName,
    (job: Job, token?: string) =>
      processOutboxJob(
        {
          providers: outbox.providers,
          limiterFor: context.limiterFor,
          attempts: context.attempts,
          bulk: context.bulk,
          backoff: outbox.backoff,
          onRetrying: (event) => context.emit('retrying', event),
          extendIdempotencyClaim: context.extendIdempotencyClaim,
          onError: (error) => context.emit('error', error),
          onSentUnrecorded: (jobId) => sentUnrecorded.add(jobId),
        },
        job,
        token,
      ),
    {
      connection: context.redis,
      prefix: outbox.prefix,
      concurrency: options.concurrency ?? outbox.concurrency,
      lockDuration,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A crashed attempt is made safe by the attempt record, so a job may be taken over more
      // than once (several crashes in a row) without being failed for it.
      maxStalledCount: 5,
      ...(options.name === undefined ? {} : { name: options.name }),
      settings: {
        // The processor computed the delay (Retry-After or jittered backoff) when it decided to retry.
        backoffStrategy: (attemptsMade, _type, error) =>
          error instanceof OutboxRetryLater
            ? error.delayMs
            : retryDelayMs(attemptsMade, undefined, outbox.backoff),
      },
    },
  );
  // Outcomes the worker's events write (when the processor could not), awaited by `close` so that no
  // event is told after it. A job that failed is always checked: it may have failed outside the
  // processor (the limiter or Redis threw).
  const pending = new Set<Promise<void>>();
  const report = (error: unknown) =>
    context.emit('error', error instanceof Error ? error : new Error(String(error)));
  /**
   * Tells `announce` once a campaign's recipient shows `outcome` (recorded unless the processor
   * recorded one): a listener reading the campaign then sees this recipient ended.
   */
  const recordThenTell = (job: Job, outcome: BulkRecipientResult, announce: () => void) => {
    const bulk = (job.data as { bulk?: { id?: unknown; index?: unknown } } | undefined)?.bulk;
    if (typeof bulk?.id !== 'string' || typeof bulk.index !== 'number') {
      announce();
      return;
    }
    const ref = bulkJobRef(String(job.id), { id: bulk.id, index: bulk.index });
    const told = context.bulk.record(ref, outcome, true).catch(report).then(announce).catch(report);
    pending.add(told);
    void told.finally(() => pending.delete(told));
  };
  worker.on('completed', (job, result: SendResult) => {
    const jobId = String(job.id);
    const announce = () => context.emit('sent', { jobId, provider: providerOf(job) ?? '', result });
    if (sentUnrecorded.delete(jobId))
      recordThenTell(job, { to: result.to, ok: true, id: result.id }, announce);
    else announce();
  });
  worker.on('failed', (job, error) => {
    // BullMQ reports every failed attempt; only one that finished the job is a failure.
    if (job === undefined || job.finishedOn === undefined) return;
    const { code, message } = parseFailedReason(job.failedReason ?? error.message);
    // A campaign's recipient whose job failed outside the processor's own failure path (the
    // limiter or Redis threw on the last attempt) still gets its result, or the campaign would
    // stay pending forever.
    const to = (job.data as { message?: { to?: unknown } }).message?.to;
    const outcome = {
      to: typeof to === 'string' ? to : '',
      ok: false as const,
      error: { code, message, retryable: false },
    };
    recordThenTell(job, outcome, () =>
      context.emit('failed', {
        jobId: String(job.id),
        provider: providerOf(job),
        code,
        message,
        attemptsMade: job.attemptsMade,
      }),
    );
  });
  worker.on('error', (error) => context.emit('error', error));

  let closing: Promise<void> | undefined;
  const handle: OutboxWorker = {
    worker,
    close(closeOptions = {}) {
      closing ??= worker
        .close(closeOptions.force ?? false)
        .then(() => Promise.allSettled([...pending]))
        .then(() => undefined)
        .finally(() => context.onClosed(handle));
      return closing;
    },
  };
  return handle;
}

function providerOf(job: Job): string | undefined {
  const provider = (job.data as { provider?: unknown } | undefined)?.provider;
  return typeof provider === 'string' ? provider : undefined;
}
