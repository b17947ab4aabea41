import { SwitchboardError } from '../errors/switchboard-error.js';
import { mayHaveBeenProcessed } from '../http/ambiguous-failure.js';
import type { BulkRecipientError, BulkRecipientResult, BulkResult } from '../model/send-result.js';
import { type BulkStreamOptions, type BulkStreamResult, SettledQueue } from './bulk-stream.js';

/**
 * Turns any failure into the plain error data of a bulk result entry. `retryable` is true only
 * when resending cannot duplicate the message: a send that failed ambiguously (a timeout, a 500)
 * may have gone out, and a bulk results file must not invite a blind resend of it.
 */
export function toBulkRecipientError(error: unknown): BulkRecipientError {
  if (SwitchboardError.isInstance(error)) {
    const typed = error as SwitchboardError;
    const ambiguous = typed.retryable && mayHaveBeenProcessed(typed);
    return {
      code: typed.code,
      message: ambiguous
        ? `${typed.message} (it may have been sent anyway: check its status webhooks before resending)`
        : typed.message,
      retryable: typed.retryable && !ambiguous,
      ...(typed.providerCode === undefined ? {} : { providerCode: typed.providerCode }),
      ...(typed.status === undefined ? {} : { status: typed.status }),
    };
  }
  return {
    code: 'unknown',
    message: error instanceof Error ? error.message : String(error),
    retryable: false,
  };
}

/** Options of {@link fanOut}. */
export interface FanOutOptions {
  /** Sends in flight at once; the transport's rate limiter still paces them. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after each recipient, for progress reporting. */
  onResult?: (result: BulkRecipientResult, index: number) => void;
}

const ABORTED: BulkRecipientError = {
  code: 'unknown',
  message: 'not sent: the bulk send was aborted',
  retryable: true,
};

/**
 * Sends to every recipient one by one (a few at a time) for providers without native bulk, and
 * yields each recipient's result as soon as it settles (with its `index`; `raw` only when
 * `options.raw`). One recipient's failure does not stop the others; an abort does (remaining
 * recipients are reported as not sent). At most about twice `concurrency` settled results wait for
 * the consumer, so memory stays flat however many recipients there are; leaving the loop early
 * stops the sends (those in flight are aborted).
 */
export async function* fanOutStream<R extends { to: string }>(
  recipients: readonly R[],
  send: (recipient: R, signal: AbortSignal) => Promise<{ id: string; raw?: unknown }>,
  options: BulkStreamOptions = {},
): AsyncGenerator<BulkStreamResult, void, undefined> {
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, recipients.length));
  const queue = new SettledQueue<BulkStreamResult>(concurrency * 2);
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  let next = 0;
  const worker = async () => {
    while (next < recipients.length && !queue.isStopped) {
      const index = next++;
      const { to } = recipients[index] as R;
      let result: BulkStreamResult;
      if (options.signal?.aborted) {
        result = { index, to, ok: false, error: ABORTED };
      } else {
        try {
          const sent = await send(recipients[index] as R, signal);
          result = options.raw
            ? { index, to, ok: true, id: sent.id, raw: sent.raw }
            : { index, to, ok: true, id: sent.id };
        } catch (error) {
          result = { index, to, ok: false, error: toBulkRecipientError(error) };
        }
      }
      await queue.push(result);
    }
  };
  const workers = Promise.all(Array.from({ length: concurrency }, worker)).finally(() => queue.close());
  try {
    yield* queue.drain();
    await workers;
  } finally {
    stop.abort(new Error('the consumer of the bulk stream stopped reading'));
  }
}

/**
 * Sends to every recipient one by one (a few at a time) for providers without native bulk,
 * collecting a per-recipient result in recipient order. One recipient's failure does not stop the
 * others; an abort does (remaining recipients are reported as not sent). {@link fanOutStream} is the
 * same without holding every result.
 */
export async function fanOut<R extends { to: string }>(
  recipients: readonly R[],
  send: (recipient: R, signal: AbortSignal | undefined) => Promise<{ id: string }>,
  options: FanOutOptions = {},
): Promise<BulkResult> {
  const results: BulkRecipientResult[] = new Array(recipients.length);
  const stream = fanOutStream(recipients, (recipient, signal) => send(recipient, signal), {
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  for await (const { index, ...result } of stream) {
    results[index] = result;
    options.onResult?.(result, index);
  }
  return { results };
}
