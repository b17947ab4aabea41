import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  type BulkRequest,
  bulkRequestSchema,
  isRateLimiter,
  type OutboundMessage,
  parseOrThrow,
  type RateLimiter,
  stableJson,
  ValidationError,
  validateOutboundMessage,
} from '@switchboard/core';
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AttemptRecords } from './attempt-record.js';
import { type BulkProgress, BulkResults } from './bulk-results.js';
import {
  type EnqueueBulkOptions,
  type EnqueueOptions,
  type EnqueueResult,
  enqueueBulkOptionsSchema,
  enqueueOptionsSchema,
  unknownProvider,
} from './enqueue-options.js';
import { bulkJobId, encodeForJob, OUTBOX_JOB_VERSION, type OutboxJobData } from './job-payload.js';
import { describeJob, type OutboxJobStatus } from './job-status.js';
import type { OutboxEvents } from './outbox-events.js';
import { claimIdempotencyKey, extendIdempotencyClaim, hashKey, OutboxKeys } from './outbox-keys.js';
import type { ResolvedOutboxOptions } from './outbox-options.js';
import { type OutboxWorker, type StartWorkerOptions, startOutboxWorker } from './outbox-worker.js';
import { RedisTokenBucketRateLimiter } from './redis-token-bucket.js';

/**
 * A durable outbox: messages are validated, written to Redis (BullMQ) and sent by workers in any
 * number of processes, with retries by error class, idempotent enqueue and a shared rate limit.
 * Create it with {@link createOutbox}.
 */
export class Outbox {
  private readonly emitter = new EventEmitter();
  private readonly workers = new Set<OutboxWorker>();
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly keys: OutboxKeys;
  private readonly attempts: AttemptRecords;
  private readonly bulk: BulkResults;
  private closed = false;

  /** @internal Use {@link createOutbox}. */
  constructor(
    private readonly options: ResolvedOutboxOptions,
    private readonly redis: Redis,
    /** The BullMQ queue, for inspection (counts, dashboards). */
    readonly queue: Queue,
  ) {
    this.keys = new OutboxKeys(options.prefix, options.queueName);
    // A record must outlive any takeover of a crashed worker's job, even with a tiny idempotency TTL.
    this.attempts = new AttemptRecords(redis, this.keys, Math.max(options.idempotencyTtlMs, 60 * 60 * 1000));
    this.bulk = new BulkResults(redis, this.keys, options.idempotencyTtlMs);
  }

  /**
   * Validates `message` with core's schema and the provider's capabilities (a `ValidationError`
   * naming the field, or an `UnsupportedFeatureError`, with nothing written), then writes one job.
   *
   * @example
   * ```ts
   * const { jobId, duplicate } = await outbox.enqueue(
   *   { type: 'text', to: '+1 415 555 1234', text: 'Your order shipped' },
   *   { idempotencyKey: `order-4711-shipped` },
   * );
   * ```
   */
  async enqueue(message: OutboundMessage, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    this.assertOpen();
    const name = this.providerName(options.provider);
    const provider = this.options.providers.get(name);
    if (provider === undefined) throw unknownProvider(name, this.options);
    validateOutboundMessage(provider, message);
    parseOrThrow(enqueueOptionsSchema, options, { what: 'enqueue options', provider: 'queue' });
    const data: OutboxJobData = {
      v: OUTBOX_JOB_VERSION,
      provider: name,
      message: await encodeForJob(message),
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
      ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
    };
    const jobOptions: JobsOptions = options.delayMs === undefined ? {} : { delay: options.delayMs };
    if (options.idempotencyKey === undefined) {
      const job = await this.queue.add('send', data, jobOptions);
      return { jobId: String(job.id), duplicate: false };
    }
    // Held for the delay too; the worker extends it again when the job ends.
    const claim = await claimIdempotencyKey(
      this.redis,
      this.keys,
      options.idempotencyKey,
      this.options.idempotencyTtlMs + (options.delayMs ?? 0),
    );
    // Added in both cases: BullMQ ignores an id it already holds, and a first claimant that died
    // between its claim and its add leaves the job to be created by the next caller.
    await this.queue.add('send', data, { ...jobOptions, jobId: claim.jobId });
    return claim;
  }

  /**
   * Enqueues a `BulkRequest` campaign: one job per recipient (a template message), each retried,
   * paced and recorded on its own, so one bad number never holds up the rest. Validated as a
   * whole first: nothing is written when any recipient is invalid.
   *
   * @returns the campaign id for {@link Outbox.getBulkResult}.
   */
  async enqueueBulk(
    request: BulkRequest,
    options: EnqueueBulkOptions = {},
  ): Promise<{ bulkId: string; jobIds: string[] }> {
    this.assertOpen();
    const name = this.providerName(options.provider);
    const provider = this.options.providers.get(name);
    if (provider === undefined) throw unknownProvider(name, this.options);
    parseOrThrow(enqueueBulkOptionsSchema, options, { what: 'enqueueBulk options', provider: 'queue' });
    const valid = parseOrThrow(bulkRequestSchema, request, { what: 'bulk request', provider: provider.id });
    const messages = valid.recipients.map(
      (recipient): OutboundMessage => ({
        type: 'template',
        to: recipient.to,
        template: {
          ...valid.template,
          ...(recipient.parameters === undefined ? {} : { parameters: recipient.parameters }),
        },
      }),
    );
    for (const message of messages) validateOutboundMessage(provider, message);
    const bulkId = options.bulkId ?? randomUUID();
    // Keys sorted: the same campaign written with its keys in another order is the same request.
    const requestHash = hashKey(
      stableJson({ provider: name, request: valid, providerOptions: options.providerOptions ?? null }),
    );
    const registration = await this.bulk.create(
      bulkId,
      {
        total: messages.length,
        ...(valid.campaign === undefined ? {} : { campaign: valid.campaign }),
        token: randomUUID().slice(0, 8),
        requestHash,
      },
      options.delayMs,
    );
    if (
      !registration.created &&
      registration.requestHash !== undefined &&
      registration.requestHash !== requestHash
    ) {
      throw new ValidationError(
        `Invalid enqueueBulk options: bulkId: "${bulkId}" already names a different campaign (other recipients, template or options); use a new bulkId`,
        { provider: 'queue', issues: [{ path: 'bulkId', message: 'already names a different campaign' }] },
      );
    }
    const { token } = registration;
    // Enqueued again: a recipient whose job ended and was removed already has its outcome, and
    // must not get a new job (the processor checks again, for a job removed meanwhile).
    const recorded = registration.created
      ? new Set<number>()
      : await this.bulk.recordedIndexes(bulkId, token);
    const jobIds = messages.map((_message, index) => bulkJobId(bulkId, token, index));
    const jobs = messages
      .map((message, index) => ({
        name: 'send',
        data: {
          v: OUTBOX_JOB_VERSION,
          provider: name,
          message,
          bulk: { id: bulkId, index },
          ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
        } satisfies OutboxJobData,
        opts: {
          jobId: jobIds[index] as string,
          ...(options.delayMs === undefined ? {} : { delay: options.delayMs }),
        },
      }))
      .filter((_job, index) => !recorded.has(index));
    // In slices, so a 100k campaign does not build one giant MULTI.
    for (let start = 0; start < jobs.length; start += 1000) {
      await this.queue.addBulk(jobs.slice(start, start + 1000));
    }
    return { bulkId, jobIds };
  }

  /** Where a campaign stands: counts and each recipient's outcome; `undefined` for an unknown id. */
  getBulkResult(bulkId: string): Promise<BulkProgress | undefined> {
    return this.bulk.read(bulkId);
  }

  /** A job's state and outcome, from any process; `undefined` once it is gone (or never was). */
  async getJob(jobId: string): Promise<OutboxJobStatus | undefined> {
    // The state first, then the record: a job ends (state and outcome written together) between
    // two reads, so the other order could read the record while active and the state once ended,
    // and show `completed` without its result or `failed` without its error. This order at worst
    // shows the state before it ended, with the outcome it had then: none.
    const state = await this.queue.getJobState(jobId);
    if (state === 'unknown') return undefined;
    const job = await this.queue.getJob(jobId);
    if (job === undefined || job === null) return undefined;
    return describeJob(job, state);
  }

  /**
   * Starts a worker in this process: it takes jobs from Redis, `concurrency` at a time, and
   * emits `sent`, `failed` and `retrying`. Start as many as you like, in as many processes.
   */
  startWorker(options: StartWorkerOptions = {}): OutboxWorker {
    this.assertOpen();
    const worker = startOutboxWorker(
      {
        options: this.options,
        redis: this.redis,
        attempts: this.attempts,
        bulk: this.bulk,
        limiterFor: (provider) => this.limiterFor(provider),
        extendIdempotencyClaim: (idempotencyKey, jobId, extraMs = 0) =>
          extendIdempotencyClaim(
            this.redis,
            this.keys,
            idempotencyKey,
            jobId,
            this.options.idempotencyTtlMs + extraMs,
          ),
        emit: (event, ...args) => this.emit(event, ...args),
        onClosed: (closed) => this.workers.delete(closed),
      },
      options,
    );
    this.workers.add(worker);
    return worker;
  }

  /**
   * Stops this process's workers and closes the connections. Graceful: jobs in flight finish and
   * are recorded, jobs not started stay in Redis for another worker. `{ force: true }` does not
   * wait: jobs in flight are taken over by another worker once their lock expires, and the
   * attempt record makes sure none is sent twice.
   */
  async close(options: { force?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers].map((worker) => worker.close(options)));
    await this.queue.close();
    if (options.force) this.redis.disconnect();
    else await this.redis.quit().catch(() => undefined);
  }

  on<E extends keyof OutboxEvents>(event: E, listener: (...args: OutboxEvents[E]) => void): this {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<E extends keyof OutboxEvents>(event: E, listener: (...args: OutboxEvents[E]) => void): this {
    this.emitter.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  once<E extends keyof OutboxEvents>(event: E, listener: (...args: OutboxEvents[E]) => void): this {
    this.emitter.once(event, listener as (...args: unknown[]) => void);
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private emit<E extends keyof OutboxEvents>(event: E, ...args: OutboxEvents[E]): void {
    // An unobserved 'error' must not crash the process: workers reconnect on their own.
    if (event === 'error' && this.emitter.listenerCount('error') === 0) return;
    this.emitter.emit(event, ...args);
  }

  private limiterFor(provider: string): RateLimiter | undefined {
    const { rateLimit } = this.options;
    if (rateLimit === false) return undefined;
    if (isRateLimiter(rateLimit)) return rateLimit;
    let limiter = this.limiters.get(provider);
    if (limiter === undefined) {
      limiter = new RedisTokenBucketRateLimiter({
        redis: this.redis,
        key: this.keys.rateLimit(provider),
        ...rateLimit,
      });
      this.limiters.set(provider, limiter);
    }
    return limiter;
  }

  private providerName(requested: string | undefined): string {
    return requested ?? this.options.defaultProvider;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The outbox is closed');
  }
}
