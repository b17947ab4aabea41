import { SwitchboardError } from '../errors/switchboard-error.js';
import { mayHaveBeenProcessed } from '../http/ambiguous-failure.js';
import type { BulkRecipientError, BulkRecipientResult, BulkResult } from '../model/send-result.js';

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

/**
 * Sends to every recipient one by one (a few at a time) for providers without native bulk,
 * collecting a per-recipient result in recipient order. One recipient's failure does not stop the
 * others; an abort does (remaining recipients are reported as not sent).
 */
export async function fanOut<R extends { to: string }>(
  recipients: readonly R[],
  send: (recipient: R, signal: AbortSignal | undefined) => Promise<{ id: string }>,
  options: FanOutOptions = {},
): Promise<BulkResult> {
  const results: BulkRecipientResult[] = new Array(recipients.length);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, recipients.length));
  let next = 0;
  const worker = async () => {
    while (next < recipients.length) {
      const index = next++;
      const recipient = recipients[index] as R;
      let result: BulkRecipientResult;
      if (options.signal?.aborted) {
        result = {
          to: recipient.to,
          ok: false,
          error: { code: 'unknown', message: 'not sent: the bulk send was aborted', retryable: true },
        };
      } else {
        try {
          const sent = await send(recipient, options.signal);
          result = { to: recipient.to, ok: true, id: sent.id };
        } catch (error) {
          result = { to: recipient.to, ok: false, error: toBulkRecipientError(error) };
        }
      }
      results[index] = result;
      options.onResult?.(result, index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { results };
}
