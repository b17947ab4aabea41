import type { BulkStreamOptions } from '../bulk/bulk-stream.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import type { SendOptions } from './messaging-provider.js';
import { providerOptionsSchema } from './provider-options.js';

/**
 * True for an `AbortSignal`, what a send can be aborted with. An `AbortController` passed where its
 * `signal` belongs is not one, nor is an object that only looks like one: the sends combine signals
 * with `AbortSignal.any` and call `throwIfAborted`, which take real signals only.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return value instanceof AbortSignal;
}

/** An `idempotencyKey`: what a router's idempotency store keys by, so it is bounded there too. */
export const idempotencyKeySchema = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.minLength(1), z.maxLength(512)),
);

const signalSchema = /* @__PURE__ */ lazySchema(() =>
  z.optional(
    z.custom<AbortSignal>(isAbortSignal, 'must be an AbortSignal (controller.signal, not the controller)'),
  ),
);

const sendOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    signal: signalSchema,
    idempotencyKey: z.optional(idempotencyKeySchema),
    providerOptions: z.optional(providerOptionsSchema),
  }),
);

const bulkOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    signal: signalSchema,
    providerOptions: z.optional(providerOptionsSchema),
    raw: z.optional(z.boolean()),
    concurrency: z.optional(z.int().check(z.gte(1))),
  }),
);

/**
 * `send`'s options, checked like the message: an object with only `signal` (an `AbortSignal`),
 * `idempotencyKey` (1–512 characters) and `providerOptions` (an object of objects, by provider id;
 * each provider checks its own namespace). Left out, they cost nothing.
 *
 * Why: a signal that is not one (the controller instead of its `signal`) used to fail inside the
 * transport, after other requests with it may have gone out; a key that is not a string turned on
 * retries after an ambiguous failure without being a key.
 *
 * @throws {ValidationError} naming the field (`signal`, `idempotencyKey`, an unknown key), before any request.
 */
export function validateSendOptions(providerId: string, options: unknown): SendOptions {
  if (options === undefined) return {};
  return parseOrThrow(sendOptionsSchema, options, {
    what: 'send options',
    provider: providerId,
  }) as SendOptions;
}

/**
 * `sendBulk`'s and `sendBulkStream`'s options, checked: `signal`, `providerOptions`, `raw` (a
 * boolean) and `concurrency` (a whole number from 1). Left out, they cost nothing.
 *
 * @throws {ValidationError} naming the field, before any request.
 */
export function validateBulkOptions(providerId: string, options: unknown): BulkStreamOptions {
  if (options === undefined) return {};
  return parseOrThrow(bulkOptionsSchema, options, {
    what: 'bulk options',
    provider: providerId,
  }) as BulkStreamOptions;
}
