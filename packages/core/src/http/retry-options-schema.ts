import * as z from 'zod';
import { omitUndefined } from '../internal/omit-undefined.js';
import { durationMsSchema } from './bounded-duration.js';
import type { RetryOptions } from './retry-policy.js';

/**
 * `retry` as JSON or code: `false` or retry options. Delays are bounded like every duration (see
 * `MAX_TIMER_MS`), and a key set to `undefined` is dropped, so it means the default exactly as an
 * absent key does.
 */
export const retryOptionsSchema = z.union([
  z.literal(false, 'must be false or retry options'),
  z
    .strictObject({
      maxRetries: z.number().int().min(0).optional(),
      baseDelayMs: durationMsSchema.optional(),
      maxDelayMs: durationMsSchema.optional(),
      maxRetryAfterMs: durationMsSchema.optional(),
      retryAmbiguous: z.boolean().optional(),
    })
    // Typed as the public RetryOptions so declarations of schemas built on this one can name it.
    .transform((options): RetryOptions => omitUndefined(options)),
]);
