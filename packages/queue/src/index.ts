export type { AttemptRecord } from './attempt-record.js';
export type { BulkProgress } from './bulk-results.js';
export { createOutbox } from './create-outbox.js';
export type { EnqueueBulkOptions, EnqueueOptions, EnqueueResult } from './enqueue-options.js';
export type { OutboxJobStatus } from './job-status.js';
export { Outbox } from './outbox.js';
export type { OutboxEvents, OutboxFailedEvent, OutboxSentEvent } from './outbox-events.js';
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
