import type { MessagingProvider } from '@switchboard/core';
import { createOutbox, type Outbox, type OutboxFailedEvent, type OutboxSentEvent } from '@switchboard/queue';
import type { QueueConfig } from '../config/queue-config.js';

/** Jobs the app's own worker sends at once. */
export const SAMPLE_WORKER_CONCURRENCY = 4;

/** What the app does with the outbox's outcomes. */
export interface SampleOutboxHandlers {
  onSent(event: OutboxSentEvent): void;
  onFailed(event: OutboxFailedEvent): void;
  /** Redis or worker trouble the outbox recovers from (a lost connection while it reconnects). */
  onError(error: Error): void;
}

/**
 * The sample's outbox on `config.redisUrl`, sending through `provider`, its outcomes wired to
 * `handlers`. No worker yet: the app starts one ({@link SAMPLE_WORKER_CONCURRENCY} jobs at a time)
 * once it listens and the sandbox's webhooks reach it, so jobs left in Redis by an earlier run are
 * not sent before their statuses can arrive. More workers can serve the same queue from other
 * processes; their outcomes reach only their own process's handlers.
 *
 * @throws {RedisConnectionError} when Redis does not answer, naming the address without its password.
 */
export async function startSampleOutbox(
  config: QueueConfig,
  provider: MessagingProvider,
  handlers: SampleOutboxHandlers,
): Promise<Outbox> {
  const outbox = await createOutbox({ connection: config.redisUrl, provider, queueName: config.queueName });
  outbox.on('sent', handlers.onSent);
  outbox.on('failed', handlers.onFailed);
  outbox.on('error', handlers.onError);
  return outbox;
}
