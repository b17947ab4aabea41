export type { AttemptRecord } from './attempt-record.js';
export type { BulkProgress } from './bulk-results.js';
export {
  createOutbox,
  type EnqueueBulkOptions,
  type EnqueueOptions,
  type EnqueueResult,
  Outbox,
  type OutboxEvents,
  type OutboxFailedEvent,
  type OutboxJobStatus,
  type OutboxSentEvent,
} from './outbox.js';
export type { OutboxOptions } from './outbox-options.js';
export type { OutboxRetryingEvent } from './outbox-processor.js';
export type { OutboxWorker, StartWorkerOptions } from './outbox-worker.js';
export { RedisConnectionError, type RedisConnectionErrorOptions } from './queue-errors.js';
export {
  assertRedisReachable,
  describeRedisConnection,
  openRedis,
  type RedisConnectionOptions,
} from './redis-connection.js';
export { RedisDedupeStore, type RedisDedupeStoreOptions } from './redis-dedupe-store.js';
export {
  type RedisTokenBucketOptions,
  RedisTokenBucketRateLimiter,
  type TokenReservation,
} from './redis-token-bucket.js';
export type { OutboxBackoffOptions } from './retry-decision.js';
