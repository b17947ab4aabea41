import { parseOrThrow } from '../errors/from-zod.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import type {
  BulkRecipientError,
  BulkRecipientResult,
  BulkRequest,
  BulkResult,
} from '../model/send-result.js';
import type { BulkSendOptions, MessagingProvider } from '../provider/messaging-provider.js';
import { validateBulkOptions } from '../provider/send-options.js';

/**
 * One recipient's outcome as a streaming bulk send reports it: the {@link BulkRecipientResult}
 * fields, the recipient's position in the request, and, only when asked for with `raw: true`, the
 * provider's response to it.
 */
export type BulkStreamResult = BulkRecipientResult & {
  /** The recipient's position in `request.recipients`: results arrive as they settle, not in order. */
  index: number;
  /**
   * The provider's response that settled this recipient (a batch's response is shared by its
   * recipients). Present only with `raw: true`: 100,000 responses kept alive would cost ~200 MB.
   */
  raw?: unknown;
};

/**
 * The error of a recipient that a bulk send did not attempt because its `signal` was aborted:
 * nothing went out, so resending it is safe (`retryable: true`). Every provider and the router
 * report an abort with this error; {@link isBulkSendAborted} recognizes it.
 */
export const BULK_SEND_ABORTED: BulkRecipientError = {
  code: 'unknown',
  message: 'not sent: the bulk send was aborted',
  retryable: true,
};

/**
 * True for {@link BULK_SEND_ABORTED}, also after a trip through JSON (a results file): the recipient
 * was not attempted.
 */
export function isBulkSendAborted(error: BulkRecipientError | undefined): boolean {
  return (
    error !== undefined &&
    error.code === BULK_SEND_ABORTED.code &&
    error.message === BULK_SEND_ABORTED.message &&
    error.retryable
  );
}

/**
 * Options of a streaming bulk send (`sendBulkStream`, {@link streamBulk}); `signal` aborts:
 * recipients not yet sent are reported as failed with {@link BULK_SEND_ABORTED}.
 */
export interface BulkStreamOptions extends BulkSendOptions {
  /** Keep each recipient's provider response in `raw`. Default false. */
  raw?: boolean;
  /**
   * Sends in flight at once where the provider fans out one send per recipient (WhatsApp Cloud);
   * the rate limiter still paces them. A whole number from 1; default 4. Native batch sends go one
   * batch at a time, but check the option alike, so a bad value fails on every provider.
   */
  concurrency?: number;
}

const concurrencySchema = /* @__PURE__ */ lazySchema(() => z.optional(z.int().check(z.gte(1))));

/**
 * The `concurrency` of a streaming bulk send, checked: a whole number from 1, default 4. (`NaN`,
 * which `Number(process.env.X)` gives for an unset variable, would otherwise start no send at all.)
 *
 * @throws {ValidationError} naming `concurrency` when it is given and is not such a number.
 */
export function bulkConcurrency(options: Pick<BulkStreamOptions, 'concurrency'>, provider?: string): number {
  const concurrency = parseOrThrow(concurrencySchema, options.concurrency, {
    what: 'bulk options',
    pathPrefix: ['concurrency'],
    ...(provider === undefined ? {} : { provider }),
  });
  return concurrency ?? 4;
}

/**
 * Settled results waiting for the consumer, at most `highWater` of them: a producer that would
 * exceed it waits until the consumer takes one, so a slow consumer slows the sends instead of
 * growing memory.
 */
export class SettledQueue<T> {
  private readonly items: T[] = [];
  private consumer: (() => void) | undefined;
  private readonly producers: Array<() => void> = [];
  private closed = false;
  private stopped = false;

  constructor(private readonly highWater: number) {}

  /** Adds an item once there is room for it (at once unless `highWater` items are waiting). */
  async push(item: T): Promise<void> {
    while (this.items.length >= this.highWater && !this.stopped) {
      await new Promise<void>((resolve) => this.producers.push(resolve));
    }
    if (this.stopped) return;
    this.items.push(item);
    this.wakeConsumer();
  }

  /** No more items will come. */
  close(): void {
    this.closed = true;
    this.wakeConsumer();
  }

  /** True once the consumer went away: producers should stop sending. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** The consumer went away: release every waiting producer and drop what is queued. */
  stop(): void {
    this.stopped = true;
    this.items.length = 0;
    for (const release of this.producers.splice(0)) release();
  }

  /** Yields items as they come until {@link close}; stops the producers when the loop exits early. */
  async *drain(): AsyncGenerator<T, void, undefined> {
    try {
      while (true) {
        const item = this.items.shift();
        if (item !== undefined) {
          this.producers.shift()?.();
          yield item;
        } else if (this.closed) {
          return;
        } else {
          await new Promise<void>((resolve) => {
            this.consumer = resolve;
          });
        }
      }
    } finally {
      this.stop();
    }
  }

  private wakeConsumer(): void {
    const consumer = this.consumer;
    this.consumer = undefined;
    consumer?.();
  }
}

/**
 * Collects a streaming bulk send into a {@link BulkResult} in recipient order, without `raw`: what
 * `sendBulk` returns. Holds one small entry per recipient; use the stream itself to hold none.
 */
export async function collectBulk(stream: AsyncIterable<BulkStreamResult>): Promise<BulkResult> {
  const results: BulkRecipientResult[] = [];
  for await (const { index, raw: _raw, ...result } of stream) results[index] = result;
  return { results };
}

/**
 * Sends one template to many recipients and yields each recipient's result as it settles, holding
 * none of them: the provider's `sendBulkStream`, or, for a provider without one, its `sendBulk`
 * result yielded entry by entry. Validation errors are thrown by the first `next()` (the first turn
 * of `for await`), before anything is sent.
 *
 * @example
 * ```ts
 * for await (const result of streamBulk(provider, { template, recipients })) {
 *   await results.appendFile(`${JSON.stringify(result)}\n`);
 * }
 * ```
 */
export function streamBulk(
  provider: MessagingProvider,
  request: BulkRequest,
  options?: BulkStreamOptions,
): AsyncIterable<BulkStreamResult> {
  if (provider.sendBulkStream !== undefined) return provider.sendBulkStream(request, options);
  return (async function* () {
    // A provider without a stream reads only `signal` and `providerOptions`; the rest is checked here.
    const { signal, providerOptions } = validateBulkOptions(provider.id, options);
    const { results } = await provider.sendBulk(request, {
      ...(signal === undefined ? {} : { signal }),
      ...(providerOptions === undefined ? {} : { providerOptions }),
    });
    for (const [index, result] of results.entries()) yield { ...result, index };
  })();
}
