import {
  isRateLimiter,
  type MessagingProvider,
  parseOrThrow,
  type RateLimiter,
  type RateLimitOptions,
  rateLimitOptionsSchema,
} from '@switchboard/core';
import type { RedisOptions } from 'ioredis';
import * as z from 'zod';
import type { RedisConnectionOptions } from './redis-connection.js';
import { DEFAULT_BACKOFF, type OutboxBackoffOptions } from './retry-decision.js';

/** Options of {@link createOutbox}. Give `provider` or `providers`. */
export interface OutboxOptions {
  /** Redis: a `redis://` URL or ioredis options. */
  connection: RedisConnectionOptions;
  /** The one provider jobs are sent with. */
  provider?: MessagingProvider;
  /**
   * Several providers (or accounts) by a name of your choice; `enqueue(…, { provider: name })`
   * picks one, the first is the default. Providers are never imported by the outbox: pass them in.
   */
  providers?: Readonly<Record<string, MessagingProvider>>;
  /** The BullMQ queue name (no `:`). Default `switchboard-outbox`. */
  queueName?: string;
  /** Prefix of every Redis key. Default `switchboard`. */
  prefix?: string;
  /**
   * Paces sends across every worker of this queue, in every process: rate options make a Redis
   * token bucket per provider name (`<prefix>:<queueName>:switchboard:rate:<name>`), a limiter
   * instance (e.g. a `RedisTokenBucketRateLimiter` keyed by account) is used as is with the
   * provider name as group. Default: none here (the providers' own limiters still apply, per process).
   */
  rateLimit?: false | RateLimitOptions | RateLimiter;
  /** Jobs a worker runs at once, unless `startWorker` says otherwise. Default 4. */
  concurrency?: number;
  /**
   * How long an idempotency key is remembered, and how long finished jobs (and bulk results)
   * are kept. Default 24 hours.
   */
  idempotencyTtlMs?: number;
  /** Attempts per job, the first included. Default 5. */
  attempts?: number;
  /** Backoff between attempts, when the provider did not say how long to wait. */
  backoff?: OutboxBackoffOptions;
  /** Extra ioredis options for the outbox's own connections (e.g. `connectionName`). */
  redisOptions?: RedisOptions;
}

const providerSchema = z.custom<MessagingProvider>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as MessagingProvider).send === 'function' &&
    typeof (value as MessagingProvider).id === 'string' &&
    (value as MessagingProvider).capabilities instanceof Set,
  'must be a MessagingProvider',
);

const positiveInteger = z.number().int().positive();

const optionsSchema = z
  .object({
    connection: z.union([
      z.string().regex(/^(redis|rediss|valkey|valkeys):\/\//, 'must be a redis:// or rediss:// URL'),
      z.record(z.string(), z.unknown()),
    ]),
    provider: providerSchema.optional(),
    providers: z
      .record(
        z
          .string()
          .min(1)
          .regex(/^[^:]+$/, 'must not contain ":"'),
        providerSchema,
      )
      .optional(),
    queueName: z
      .string()
      .min(1)
      .regex(/^[^:]+$/, 'must not contain ":"')
      .optional(),
    prefix: z.string().min(1).optional(),
    rateLimit: z
      .union([
        z.literal(false),
        z.custom<RateLimiter>(isRateLimiter, 'must be a rate limiter'),
        rateLimitOptionsSchema,
      ])
      .optional(),
    concurrency: positiveInteger.max(1000).optional(),
    idempotencyTtlMs: positiveInteger.optional(),
    attempts: positiveInteger.max(100).optional(),
    backoff: z
      .strictObject({
        baseDelayMs: z.number().nonnegative().optional(),
        maxDelayMs: z.number().nonnegative().optional(),
        maxRetryAfterMs: z.number().nonnegative().optional(),
      })
      .optional(),
    redisOptions: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((value) => (value.provider === undefined) !== (value.providers === undefined), {
    message: 'give either provider or providers',
    path: ['providers'],
  })
  .refine((value) => value.providers === undefined || Object.keys(value.providers).length > 0, {
    message: 'must name at least one provider',
    path: ['providers'],
  });

/** {@link OutboxOptions} checked, with defaults applied. */
export interface ResolvedOutboxOptions {
  connection: RedisConnectionOptions;
  providers: ReadonlyMap<string, MessagingProvider>;
  defaultProvider: string;
  queueName: string;
  prefix: string;
  rateLimit: false | RateLimitOptions | RateLimiter;
  concurrency: number;
  idempotencyTtlMs: number;
  attempts: number;
  backoff: Required<OutboxBackoffOptions>;
  redisOptions: RedisOptions;
}

/** Validates the options (a `ValidationError` naming the field) and applies the defaults. */
export function resolveOutboxOptions(options: OutboxOptions): ResolvedOutboxOptions {
  parseOrThrow(optionsSchema, options, { what: 'outbox options', provider: 'queue' });
  const providers = new Map<string, MessagingProvider>(
    options.provider === undefined
      ? Object.entries(options.providers ?? {})
      : [[options.provider.id, options.provider]],
  );
  return {
    connection: options.connection,
    providers,
    defaultProvider: [...providers.keys()][0] as string,
    queueName: options.queueName ?? 'switchboard-outbox',
    prefix: options.prefix ?? 'switchboard',
    rateLimit: options.rateLimit ?? false,
    concurrency: options.concurrency ?? 4,
    idempotencyTtlMs: options.idempotencyTtlMs ?? 24 * 60 * 60 * 1000,
    attempts: options.attempts ?? 5,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    redisOptions: options.redisOptions ?? {},
  };
}
