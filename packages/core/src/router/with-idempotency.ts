import { ValidationError } from '../errors/errors.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { lazySchema } from '../internal/lazy-schema.js';
import { nodeCrypto } from '../internal/node-builtins.js';
import * as z from '../internal/zod-mini.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { SendResult } from '../model/send-result.js';
import type { MessagingProvider, SendOptions } from '../provider/messaging-provider.js';
import { validateSendOptions } from '../provider/send-options.js';
import { type IdempotencyStore, MemoryIdempotencyStore } from './idempotency-store.js';
import { overrideSend } from './override-send.js';
import { IdempotencyInProgressError } from './router-errors.js';

/** Options of {@link withIdempotency}. */
export interface IdempotencyOptions {
  /** Where keys are remembered; default a {@link MemoryIdempotencyStore} of this wrapper. */
  store?: IdempotencyStore;
  /** How long the first result answers a repeated key. Default 24 h. */
  ttlMs?: number;
  /**
   * How long a send in progress holds its key. A process that dies mid-send leaves its key
   * `pending`; after this time the key can be sent again. Default 5 min.
   */
  pendingTtlMs?: number;
}

const optionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    store: z.optional(
      z.custom<IdempotencyStore>(
        (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          ['get', 'setIfAbsent', 'set', 'delete'].every(
            (method) => typeof (value as Record<string, unknown>)[method] === 'function',
          ),
        'must have get, setIfAbsent, set and delete methods',
      ),
    ),
    ttlMs: z.optional(z.number().check(z.int(), z.positive())),
    pendingTtlMs: z.optional(z.number().check(z.int(), z.positive())),
  }),
);

/** Hashes the message as given, so a repeated key can be checked against the first message. */
export function messageFingerprint(message: unknown): string {
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof Uint8Array)
      return `bytes:${nodeCrypto().createHash('sha256').update(value).digest('hex')}`;
    if (typeof Blob !== 'undefined' && value instanceof Blob) return `blob:${value.size}:${value.type}`;
    return value;
  });
  return nodeCrypto()
    .createHash('sha256')
    .update(json ?? 'undefined')
    .digest('hex');
}

/** The send function of an idempotent provider, shared by `withIdempotency` and the router. */
export type IdempotentSend = (message: OutboundMessage, options?: SendOptions) => Promise<SendResult>;

/**
 * Wraps a send function so that a repeated `idempotencyKey` returns the first successful result
 * instead of sending again; see {@link withIdempotency}.
 */
export function idempotentSend(
  providerId: string,
  send: IdempotentSend,
  options: IdempotencyOptions = {},
): IdempotentSend {
  const parsed = parseOrThrow(optionsSchema, options, { what: 'idempotency options', provider: providerId });
  const store = parsed.store ?? new MemoryIdempotencyStore();
  const ttlMs = parsed.ttlMs ?? 24 * 60 * 60 * 1000;
  const pendingTtlMs = parsed.pendingTtlMs ?? 5 * 60 * 1000;
  // Sends in progress in this process, so concurrent calls with one key share one send.
  const inFlight = new Map<string, { fingerprint: string; result: Promise<SendResult> }>();

  const mismatch = (key: string): ValidationError =>
    new ValidationError(
      `idempotencyKey "${key}" was already used for another message; use a new key for a new message`,
      {
        provider: providerId,
        issues: [{ path: 'idempotencyKey', message: 'already used for another message' }],
      },
    );

  async function sendOnce(
    key: string,
    fingerprint: string,
    message: OutboundMessage,
    sendOptions: SendOptions,
  ): Promise<SendResult> {
    const claimed = await store.setIfAbsent(key, { state: 'pending', fingerprint }, pendingTtlMs);
    if (!claimed) {
      const record = await store.get(key);
      if (record?.state === 'done') {
        if (record.fingerprint !== fingerprint) throw mismatch(key);
        return record.result;
      }
      if (record?.state === 'pending') {
        if (record.fingerprint !== fingerprint) throw mismatch(key);
        throw new IdempotencyInProgressError(
          `A send with idempotencyKey "${key}" is in progress elsewhere; nothing was sent by this call`,
          { provider: providerId, retryAfterMs: 1000 },
        );
      }
      // The record expired between the two calls: claim it again.
      return sendOnce(key, fingerprint, message, sendOptions);
    }
    let result: SendResult;
    try {
      result = await send(message, sendOptions);
    } catch (error) {
      // Only successes are remembered: a failed send may be retried with the same key.
      await store.delete(key);
      throw error;
    }
    await store.set(key, { state: 'done', fingerprint, result }, ttlMs);
    return result;
  }

  return async (message, givenOptions) => {
    const sendOptions = validateSendOptions(providerId, givenOptions);
    const key = sendOptions.idempotencyKey;
    if (key === undefined) return send(message, sendOptions);
    const fingerprint = messageFingerprint(message);
    const running = inFlight.get(key);
    if (running !== undefined) {
      if (running.fingerprint !== fingerprint) throw mismatch(key);
      return running.result;
    }
    const result = sendOnce(key, fingerprint, message, sendOptions);
    inFlight.set(key, { fingerprint, result });
    try {
      return await result;
    } finally {
      inFlight.delete(key);
    }
  };
}

/**
 * `provider` with idempotent sends: a `send` carrying an `idempotencyKey` already seen within
 * `ttlMs` returns the first send's result (the same `SendResult`, same id) without sending again;
 * concurrent sends with one key make one request. A repeated key with a different message throws a
 * `ValidationError` on `idempotencyKey`. Failed sends are not remembered, so a retry with the same
 * key sends. Sends without a key pass through. The key is still given to the provider, which lets
 * its transport retry an ambiguous failure (see `SendOptions.idempotencyKey`).
 *
 * @example
 * ```ts
 * const provider = withIdempotency(createWati(options), { store: redisStore, ttlMs: 86_400_000 });
 * await provider.send(message, { idempotencyKey: `order-${order.id}-shipped` });
 * await provider.send(message, { idempotencyKey: `order-${order.id}-shipped` }); // same result, no second send
 * ```
 */
export function withIdempotency<P extends MessagingProvider>(
  provider: P,
  options: IdempotencyOptions = {},
): P {
  const send = idempotentSend(
    provider.id,
    (message, sendOptions) => provider.send(message, sendOptions),
    options,
  );
  return overrideSend(provider, send);
}
