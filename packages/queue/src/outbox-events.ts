import type { ErrorCode, SendResult } from '@switchboard/core';
import type { OutboxRetryingEvent } from './outbox-processor.js';

/** Told once a job was sent and recorded. */
export interface OutboxSentEvent {
  jobId: string;
  provider: string;
  result: SendResult;
}

/** Told once a job failed for good. */
export interface OutboxFailedEvent {
  jobId: string;
  provider: string | undefined;
  code: ErrorCode;
  message: string;
  attemptsMade: number;
}

/** The events of an {@link Outbox}; they fire in the process whose worker ran the job. */
export interface OutboxEvents {
  sent: [event: OutboxSentEvent];
  failed: [event: OutboxFailedEvent];
  retrying: [event: OutboxRetryingEvent];
  /** Redis or worker trouble (a lost connection while it reconnects, …). */
  error: [error: Error];
}
