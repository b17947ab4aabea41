import { lazySchema } from '../internal/lazy-schema.js';
import { omitUndefined } from '../internal/omit-undefined.js';
import * as z from '../internal/zod-mini.js';
import { durationMsSchema } from './bounded-duration.js';
import type { RetryOptions } from './retry-policy.js';

/**
 * `retry` as JSON or code: `false` or retry options. Delays are bounded like every duration (see
 * `MAX_TIMER_MS`), and a key set to `undefined` is dropped, so it means the default exactly as an
 * absent key does.
 */
export const retryOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.union([
    z.literal(false, 'must be false or retry options'),
    z.pipe(
      z.strictObject({
        maxRetries: z.optional(z.number().check(z.int(), z.gte(0))),
        baseDelayMs: z.optional(durationMsSchema),
        maxDelayMs: z.optional(durationMsSchema),
        maxRetryAfterMs: z.optional(durationMsSchema),
        retryAmbiguous: z.optional(z.boolean()),
      }),
      z.transform((options): RetryOptions => omitUndefined(options)),
    ),
  ]),
);
