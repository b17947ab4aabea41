import { SwitchboardError } from '../errors/switchboard-error.js';
import { mayHaveBeenProcessed } from '../http/ambiguous-failure.js';
import type { BulkRecipientError, BulkRecipientResult, BulkResult } from '../model/send-result.js';
import {
  BULK_SEND_ABORTED,
  type BulkStreamOptions,
  type BulkStreamResult,
  bulkConcurrency,
  SettledQueue,
} from './bulk-stream.js';

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

/**
 * The error of a bulk recipient whose send failed in a way that does not prove it was not sent (see
 * `mayHaveBeenSent`): never `retryable`, with `context` (what happened) and a hint to check the
 * status webhooks before resending.
 */
export function possiblySentError(error: unknown, context: string): BulkRecipientError {
  const reason = toBulkRecipientError(error);
  // The error's own message: `toBulkRecipientError`'s hint would repeat the one added here.
  const message = SwitchboardError.isInstance(error) ? error.message : reason.message;
  return {
    ...reason,
    message: `${message} (${context}; it may have been sent: check its status webhooks before resending)`,
    retryable: false,
  };
}

/** Options of {@link fanOut}. */
export interface FanOutOptions {
  /** Sends in flight at once; the transport's rate limiter still paces them. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  /**
   * Called after each recipient, for progress reporting. An exception it throws neither stops the
   * sends nor loses their results: it becomes a process warning (`SWITCHBOARD_HOOK_ERROR`), as a
   * transport hook's does.
   */
  onResult?: (result: BulkRecipientResult, index: number) => void;
}

/**
 * A send the caller's abort interrupted: the transport cannot tell whether it was still waiting for
 * the rate limiter or already written, so it is reported as possibly sent, never as safe to resend.
 */
const ABORTED_WHILE_SENDING: BulkRecipientError = {
  code: 'unknown',
  message:
    'the bulk send was aborted while this message was being sent (it may have been sent anyway: check its status webhooks before resending)',
  retryable: false,
};

/**
 * Sends to every recipient one by one (a few at a time) for providers without native bulk, and
 * yields each recipient's result as soon as it settles (with its `index`; `raw` only when
 * `options.raw`). One recipient's failure does not stop the others; an abort does: recipients not
 * yet started are reported with `BULK_SEND_ABORTED`, and those in flight as possibly sent. At most
 * twice `concurrency` settled results wait for the consumer (the sends pause meanwhile), so memory
 * stays flat however many recipients there are; leaving the loop early stops the sends (those in
 * flight are aborted).
 *
 * @throws {ValidationError} on the first `next()`, naming `concurrency`, when it is not a whole
 *   number from 1.
 */
export async function* fanOutStream<R extends { to: string }>(
  recipients: readonly R[],
  send: (recipient: R, signal: AbortSignal) => Promise<{ id: string; raw?: unknown }>,
  options: BulkStreamOptions = {},
): AsyncGenerator<BulkStreamResult, void, undefined> {
  const concurrency = Math.max(1, Math.min(bulkConcurrency(options), recipients.length));
  // `concurrency` results queued, plus one held by each send paused on the full queue.
  const queue = new SettledQueue<BulkStreamResult>(concurrency);
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  let next = 0;
  const worker = async () => {
    while (next < recipients.length && !queue.isStopped) {
      const index = next++;
      const { to } = recipients[index] as R;
      let result: BulkStreamResult;
      if (options.signal?.aborted) {
        result = { index, to, ok: false, error: BULK_SEND_ABORTED };
      } else {
        try {
          const sent = await send(recipients[index] as R, signal);
          result = options.raw
            ? { index, to, ok: true, id: sent.id, raw: sent.raw }
            : { index, to, ok: true, id: sent.id };
        } catch (error) {
          // The transport rejects an aborted call with the signal's own reason; any other error is
          // the send's real outcome, even when it arrives after the abort.
          const aborted = options.signal?.aborted === true && error === options.signal.reason;
          result = {
            index,
            to,
            ok: false,
            error: aborted ? ABORTED_WHILE_SENDING : toBulkRecipientError(error),
          };
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
 *
 * @throws {ValidationError} naming `concurrency` when it is not a whole number from 1.
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
    if (options.onResult !== undefined) reportResult(options.onResult, result, index);
  }
  return { results };
}

function reportResult(
  onResult: NonNullable<FanOutOptions['onResult']>,
  result: BulkRecipientResult,
  index: number,
): void {
  try {
    onResult(result, index);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.emitWarning(`Switchboard fanOut onResult callback threw: ${message}`, {
      code: 'SWITCHBOARD_HOOK_ERROR',
    });
  }
}
