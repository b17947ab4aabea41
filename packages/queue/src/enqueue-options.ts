import { type ProviderOptions, ValidationError } from '@switchboard/core';
import * as z from 'zod';
import type { ResolvedOutboxOptions } from './outbox-options.js';

/** Per-call options of `Outbox.enqueue`. */
export interface EnqueueOptions {
  /**
   * Names this logical send. Within `idempotencyTtlMs`, enqueueing the same key again (from any
   * process) returns the first job with `duplicate: true` and never sends twice. It also lets the
   * outbox resend after an ambiguous failure, as core's transport does.
   */
  idempotencyKey?: string;
  /** Sends no earlier than this many ms from now. */
  delayMs?: number;
  /** Which of the outbox's providers sends it; default the first. */
  provider?: string;
  /** Options only one provider understands, by provider id; must be JSON. */
  providerOptions?: ProviderOptions;
}

/** What `Outbox.enqueue` returns. */
export interface EnqueueResult {
  jobId: string;
  /** True when the idempotency key was already enqueued: `jobId` is the first job's. */
  duplicate: boolean;
}

/** Options of `Outbox.enqueueBulk`. */
export interface EnqueueBulkOptions {
  /** The campaign's id; enqueueing the same id again adds nothing already there. Default: a UUID. */
  bulkId?: string;
  provider?: string;
  delayMs?: number;
  providerOptions?: ProviderOptions;
}

const commonEnqueueOptions = {
  delayMs: z.number().int().nonnegative().optional(),
  provider: z.string().min(1).optional(),
  // Stored as JSON in the job: a value JSON cannot hold (a bigint, a function, a Date) would fail
  // or change after the claim was written, so it is refused here, before any write.
  providerOptions: z
    .record(
      z.string(),
      z.record(
        z.string(),
        z.custom(isJsonValue, 'must be a JSON value (no bigint, function, Date, undefined or NaN)'),
      ),
    )
    .optional(),
};

/** True for what survives JSON unchanged: null, booleans, finite numbers, strings, arrays and plain objects of them. */
function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => isJsonValue(item, depth + 1));
}

// Strict: a misspelt option (`delay` for `delayMs`) is refused, not silently ignored.
export const enqueueOptionsSchema = z.strictObject({
  ...commonEnqueueOptions,
  idempotencyKey: z.string().min(1).max(512).optional(),
});

export const enqueueBulkOptionsSchema = z.strictObject({
  ...commonEnqueueOptions,
  bulkId: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^:]+$/, 'must not contain ":"')
    .optional(),
});

export function unknownProvider(name: string, options: ResolvedOutboxOptions): ValidationError {
  const known = [...options.providers.keys()].join(', ');
  return new ValidationError(
    `Invalid enqueue options: provider: "${name}" is not one of this outbox's (${known})`,
    {
      provider: 'queue',
      issues: [{ path: 'provider', message: `must be one of: ${known}` }],
    },
  );
}
