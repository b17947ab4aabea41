import type { ErrorCode } from '../errors/error-code.js';
import type { BulkRecipientResult, BulkRequest, BulkResult } from '../model/send-result.js';
import type { BulkSendOptions, MessagingProvider } from '../provider/messaging-provider.js';

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
 * A bulk send through the router: the first provider (in the given order) takes the whole request;
 * a call that fails as a whole fails over by the send rules (without an idempotency key, so only a
 * failure that proves nothing was sent), and recipients it reports as not sent (rate-limited,
 * refused with a 503) go to the next provider in one more bulk call. Other failures stay in the
 * result. Results keep request order.
 */
export async function routeBulk(
  request: BulkRequest,
  options: BulkSendOptions,
  candidates: readonly MessagingProvider[],
  attempt: Attempt,
): Promise<BulkResult> {
  const results: (BulkRecipientResult | undefined)[] = request.recipients.map(() => undefined);
  let pending = request.recipients.map((_, index) => index);
  let remaining = candidates;
  while (pending.length > 0 && remaining.length > 0) {
    const batch = pending;
    let used: MessagingProvider | undefined;
    const answer = await attempt(remaining, undefined, options.signal, (provider) => {
      used = provider;
      return provider.sendBulk(
        {
          ...request,
          recipients: batch.map((index) => request.recipients[index] as BulkRequest['recipients'][number]),
        },
        options,
      );
    });
    pending = [];
    batch.forEach((index, position) => {
      const result = answer.results[position];
      results[index] = result;
      if (result !== undefined && notSent(result)) pending.push(index);
    });
    remaining = remaining.slice(remaining.indexOf(used as MessagingProvider) + 1);
  }
  return { results: results.map((result, index) => result ?? missing(request, index)) };
}

function missing(request: BulkRequest, index: number): BulkRecipientResult {
  return {
    to: request.recipients[index]?.to ?? '',
    ok: false,
    error: {
      code: 'unknown',
      message: 'The provider returned no result for this recipient',
      retryable: false,
    },
  };
}
