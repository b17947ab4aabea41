import {
  BULK_SEND_ABORTED,
  type BulkStreamOptions,
  type BulkStreamResult,
  collectBulk,
  streamBulk,
} from '../bulk/bulk-stream.js';
import { possiblySentError } from '../bulk/fan-out.js';
import type { ErrorCode } from '../errors/error-code.js';
import { UnsupportedFeatureError } from '../errors/errors.js';
import { mayHaveBeenSent } from '../http/ambiguous-failure.js';
import type { BulkRecipientResult, BulkRequest, BulkResult } from '../model/send-result.js';
import type { Capability } from '../provider/capability.js';
import type { BulkSendOptions, MessagingProvider } from '../provider/messaging-provider.js';
import { validateBulkOptions } from '../provider/send-options.js';
import { validateBulkRequest } from '../provider/validate-send.js';

const NOT_SENT_CODES: ReadonlySet<ErrorCode> = new Set([
  'rate_limited',
  'provider_unavailable',
  'network_error',
  'timeout',
]);

/**
 * True when a recipient's failure proves nothing went out: `retryable` in a bulk result means safe
 * to resend (an ambiguous failure is reported with `retryable: false`, see `toBulkRecipientError`).
 */
function notSent(result: BulkRecipientResult): boolean {
  const error = result.error;
  if (result.ok || error === undefined) return false;
  return error.code === 'unsupported_feature' || (error.retryable && NOT_SENT_CODES.has(error.code));
}

type Attempt = <T>(
  candidates: readonly MessagingProvider[],
  idempotencyKey: string | undefined,
  signal: AbortSignal | undefined,
  call: (provider: MessagingProvider) => Promise<T>,
) => Promise<T>;

/**
 * The router's `sendBulkStream` and `sendBulk` (the stream collected in recipient order): the
 * request and `concurrency` are checked before any provider is asked, and the providers that have
 * both `send.bulk` and `send.template` take it in the order given (see {@link routeBulkStream}).
 */
export function routerBulk(
  router: { id: string; capabilities: ReadonlySet<Capability> },
  providers: readonly MessagingProvider[],
  attempt: Attempt,
): Pick<Required<MessagingProvider>, 'sendBulk' | 'sendBulkStream'> {
  const candidates = providers.filter(
    (provider) => provider.capabilities.has('send.bulk') && provider.capabilities.has('send.template'),
  );
  const sendBulkStream = (
    request: BulkRequest,
    givenOptions?: BulkStreamOptions,
  ): AsyncGenerator<BulkStreamResult, void, undefined> =>
    (async function* () {
      validateBulkRequest(router, request);
      const options = validateBulkOptions(router.id, givenOptions);
      if (candidates.length === 0) {
        throw new UnsupportedFeatureError(
          `No provider of router "${router.id}" has both send.bulk and send.template`,
          { provider: router.id, capability: 'send.bulk' },
        );
      }
      yield* routeBulkStream(request, options, candidates, attempt);
    })();
  return {
    sendBulkStream,
    sendBulk: (request: BulkRequest, options?: BulkSendOptions): Promise<BulkResult> =>
      collectBulk(sendBulkStream(request, options)),
  };
}

/** A provider's bulk stream that has yielded its first result (or ended). */
interface OpenedRound {
  provider: MessagingProvider;
  iterator: AsyncIterator<BulkStreamResult, unknown, undefined>;
  head: IteratorResult<BulkStreamResult, unknown>;
}

/**
 * A bulk send through the router, yielding each recipient's result as it settles. The first
 * provider (in the given order) takes the whole request; a call that fails before reporting any
 * recipient fails over by the send rules (without an idempotency key, so only a failure that proves
 * nothing was sent), and recipients it reports as not sent (rate-limited, refused with a 503) go to
 * the next provider in one more bulk call. Every recipient gets exactly one result:
 *
 * - a later round that cannot be made (every remaining provider refused it, or the signal was
 *   aborted before it) leaves those recipients with the not-sent result they already had, never
 *   losing the results of the rounds before; a later round whose call failed in a way that may
 *   have sent them (an abort in flight, a timeout) marks them as possibly sent instead;
 * - an abort before the first round reports every recipient with `BULK_SEND_ABORTED`;
 * - a recipient a provider did not report gets a failure saying so, and, when that provider's
 *   stream broke off, that it may have been sent.
 *
 * Memory: the not-sent results of a round are held until the next provider settles them (a few
 * bytes each); everything else is yielded at once.
 *
 * @throws the first round's error when no provider took the request, as a provider's `sendBulk`
 *   throws it.
 */
export async function* routeBulkStream(
  request: BulkRequest,
  options: BulkStreamOptions,
  candidates: readonly MessagingProvider[],
  attempt: Attempt,
): AsyncGenerator<BulkStreamResult, void, undefined> {
  const retryLater = new Map<number, BulkStreamResult>();
  let remaining = candidates;
  let round = 0;
  for (; remaining.length > 0 && (round === 0 || retryLater.size > 0); round++) {
    if (options.signal?.aborted) break;
    // `batch[local]` is the request index of the round's `local`-th recipient.
    const batch = round === 0 ? undefined : [...retryLater.keys()];
    const roundRequest =
      batch === undefined
        ? request
        : {
            ...request,
            recipients: batch.map((index) => request.recipients[index] as BulkRequest['recipients'][number]),
          };
    let opened: OpenedRound;
    try {
      opened = await attempt(remaining, undefined, options.signal, (provider) =>
        openRound(provider, roundRequest, options),
      );
    } catch (error) {
      // Nothing went out through the router yet: the caller gets the error, as from a provider.
      if (round === 0) throw error;
      // The recipients keep their not-sent result, unless this call may have sent them after all.
      if (mayHaveBeenSent(error)) {
        for (const index of retryLater.keys()) {
          yield possiblySent(request, index, error, 'the next provider failed');
        }
        retryLater.clear();
      }
      break;
    }
    remaining = remaining.slice(remaining.indexOf(opened.provider) + 1);
    const canRetry = remaining.length > 0;
    const size = batch?.length ?? request.recipients.length;
    const reported = new Uint8Array(size);
    let brokenBy: { error: unknown } | undefined;
    let ended = false;
    try {
      let step = opened.head;
      while (step.done !== true) {
        // A custom provider's malformed, duplicate or out-of-range entry is ignored: each recipient settles once.
        const local = (step.value as Partial<BulkStreamResult> | null)?.index;
        if (
          typeof local === 'number' &&
          Number.isInteger(local) &&
          local >= 0 &&
          local < size &&
          reported[local] !== 1
        ) {
          reported[local] = 1;
          const index = batch === undefined ? local : (batch[local] as number);
          const result: BulkStreamResult = { ...step.value, index };
          if (canRetry && notSent(result)) {
            retryLater.set(index, result);
          } else {
            retryLater.delete(index);
            yield result;
          }
        }
        try {
          step = await opened.iterator.next();
        } catch (error) {
          brokenBy = { error };
          break;
        }
      }
      ended = true;
    } finally {
      // A consumer that left early (or threw into this stream) stops the provider's sends.
      if (!ended) {
        try {
          await opened.iterator.return?.();
        } catch {
          // No one to tell: the consumer that left is gone, and every result it read was its own.
        }
      }
    }
    for (let local = 0; local < size; local++) {
      if (reported[local] === 1) continue;
      const index = batch === undefined ? local : (batch[local] as number);
      retryLater.delete(index);
      yield unreported(request, index, brokenBy);
    }
  }
  if (round === 0) {
    // Aborted before any provider was asked (a round that was tried either settled or threw).
    for (const [index, recipient] of request.recipients.entries()) {
      yield { index, to: recipient.to, ok: false, error: BULK_SEND_ABORTED };
    }
    return;
  }
  // Not sent, and no provider left to try (or the next round could not be made).
  for (const result of retryLater.values()) yield result;
}

/** Opens a provider's bulk stream and waits for its first result: an error before it fails over. */
async function openRound(
  provider: MessagingProvider,
  request: BulkRequest,
  options: BulkStreamOptions,
): Promise<OpenedRound> {
  const iterator = streamBulk(provider, request, options)[Symbol.asyncIterator]();
  const head = await iterator.next();
  return { provider, iterator, head };
}

function unreported(
  request: BulkRequest,
  index: number,
  brokenBy: { error: unknown } | undefined,
): BulkStreamResult {
  if (brokenBy !== undefined) {
    return possiblySent(
      request,
      index,
      brokenBy.error,
      "the provider's bulk send broke off before reporting it",
    );
  }
  return {
    index,
    to: request.recipients[index]?.to ?? '',
    ok: false,
    error: {
      code: 'unknown',
      message: 'The provider returned no result for this recipient',
      retryable: false,
    },
  };
}

/** A recipient whose send failed in a way that does not prove it was not sent. */
function possiblySent(
  request: BulkRequest,
  index: number,
  error: unknown,
  context: string,
): BulkStreamResult {
  return {
    index,
    to: request.recipients[index]?.to ?? '',
    ok: false,
    error: possiblySentError(error, context),
  };
}
