import type { ErrorCode, SendResult } from '@switchboard/core';
import type { Job } from 'bullmq';
import type { OutboxJobData } from './job-payload.js';

/** A job as the outbox sees it; see {@link Outbox.getJob}. */
export interface OutboxJobStatus {
  jobId: string;
  /** BullMQ's state: `waiting`, `delayed`, `active`, `completed`, `failed`, … */
  state: string;
  provider: string | undefined;
  attemptsMade: number;
  /** Once `completed`. */
  result: SendResult | undefined;
  /** Once `failed`: the neutral error code and why. */
  error: { code: ErrorCode; message: string } | undefined;
}

/** A job's status from its BullMQ record. */
export function describeJob(job: Job, state: string): OutboxJobStatus {
  const data = job.data as Partial<OutboxJobData> | undefined;
  return {
    jobId: String(job.id),
    state,
    provider: typeof data?.provider === 'string' ? data.provider : undefined,
    attemptsMade: job.attemptsMade,
    result: state === 'completed' ? (job.returnvalue as SendResult) : undefined,
    error: state === 'failed' ? parseFailedReason(job.failedReason) : undefined,
  };
}

/** `[code] message` (how the processor writes failures) back to code and message. */
export function parseFailedReason(reason: string | undefined): { code: ErrorCode; message: string } {
  const match = /^\[([a-z_]+)\] ([\s\S]*)$/.exec(reason ?? '');
  if (match) return { code: match[1] as ErrorCode, message: match[2] as string };
  return { code: 'unknown', message: reason ?? '' };
}
