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
 * The sample's outbox on `config.redisUrl`, sending through `provider`, with one worker in this
 * process. More workers can serve the same queue from other processes (see the README's "Scaling
 * out"); their outcomes reach only their own process's handlers.
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
  outbox.startWorker({ concurrency: SAMPLE_WORKER_CONCURRENCY });
  return outbox;
}
