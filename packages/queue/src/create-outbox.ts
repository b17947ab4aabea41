import { Queue } from 'bullmq';
import { Outbox } from './outbox.js';
import { type OutboxOptions, resolveOutboxOptions } from './outbox-options.js';
import { assertRedisReachable, openRedis } from './redis-connection.js';

/**
 * Creates an outbox after checking that Redis answers: a wrong address or a Redis that is down
 * fails here with a `RedisConnectionError` naming the address (password redacted), not later.
 *
 * @example
 * ```ts
 * const outbox = await createOutbox({
 *   connection: process.env.REDIS_URL!,
 *   provider: createWhatsAppCloud({ … }),
 *   rateLimit: { requestsPerSecond: 10 }, // shared by every worker of this queue
 * });
 * outbox.on('sent', ({ jobId, result }) => log(jobId, result.id));
 * outbox.startWorker({ concurrency: 8 });
 * await outbox.enqueue({ type: 'text', to: '+14155551234', text: 'hi' }, { idempotencyKey: 'welcome-42' });
 * ```
 */
export async function createOutbox(options: OutboxOptions): Promise<Outbox> {
  const resolved = resolveOutboxOptions(options);
  await assertRedisReachable(resolved.connection);
  const redis = openRedis(resolved.connection, resolved.redisOptions);
  const keepSeconds = Math.ceil(resolved.idempotencyTtlMs / 1000);
  const queue = new Queue(resolved.queueName, {
    connection: redis,
    prefix: resolved.prefix,
    defaultJobOptions: {
      attempts: resolved.attempts,
      backoff: { type: 'switchboard' },
      // Kept at least as long as their idempotency key, so a duplicate enqueue finds its job.
      removeOnComplete: { age: keepSeconds },
      removeOnFail: { age: keepSeconds },
    },
  });
  queue.on('error', () => undefined);
  return new Outbox(resolved, redis, queue);
}
