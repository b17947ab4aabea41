import { SwitchboardError } from '../errors/switchboard-error.js';
import type { MessagingProvider } from '../provider/messaging-provider.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { type FailoverDecision, failoverDecision, isUnavailability } from './failover-rule.js';
import { CircuitOpenError } from './router-errors.js';

/** What {@link tryProviders} needs of the router. */
export interface TryProvidersContext {
  routerId: string;
  /** The providers to try, in order. */
  candidates: readonly MessagingProvider[];
  breakers: ReadonlyMap<MessagingProvider, CircuitBreaker>;
  idempotencyKey: string | undefined;
  signal: AbortSignal | undefined;
  onFailover:
    | ((event: {
        provider: string;
        error: SwitchboardError;
        decision: Exclude<FailoverDecision, 'throw'>;
      }) => void)
    | undefined;
}

/**
 * Calls `call` with each candidate in order until one succeeds, skipping providers whose circuit is
 * open, and moving on only when {@link failoverDecision} says so; any other error is thrown at once.
 * When every candidate failed over, the last error is thrown (it proves nothing was sent, or the
 * caller accepted the risk with a key); when none was tried, a {@link CircuitOpenError}.
 */
export async function tryProviders<T>(
  context: TryProvidersContext,
  call: (provider: MessagingProvider) => Promise<T>,
): Promise<T> {
  const { candidates, breakers } = context;
  let lastError: unknown;
  for (const provider of candidates) {
    context.signal?.throwIfAborted();
    const breaker = breakers.get(provider);
    if (breaker !== undefined && !breaker.tryAcquire()) continue;
    try {
      const result = await call(provider);
      breaker?.success();
      return result;
    } catch (error) {
      if (isUnavailability(error)) breaker?.failure();
      // An answer (a rate limit, a rejected message) shows the provider is up.
      else if (SwitchboardError.isInstance(error) && error.status !== undefined) breaker?.success();
      else breaker?.release();
      const decision = failoverDecision(error, { idempotencyKey: context.idempotencyKey });
      if (decision === 'throw' || !SwitchboardError.isInstance(error)) throw error;
      context.onFailover?.({ provider: provider.id, error, decision });
      lastError = error;
    }
  }
  if (lastError !== undefined) throw lastError;
  const waits = candidates.map((provider) => breakers.get(provider)?.retryInMs ?? 0);
  throw new CircuitOpenError(
    `Router "${context.routerId}" sent nothing: the circuit of every provider that can serve this call is open (${candidates
      .map((provider) => provider.id)
      .join(', ')})`,
    { provider: context.routerId, retryAfterMs: Math.max(1, Math.min(...waits)) },
  );
}
