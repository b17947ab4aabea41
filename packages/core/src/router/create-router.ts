import type { BulkStreamOptions, BulkStreamResult } from '../bulk/bulk-stream.js';
import { UnsupportedFeatureError } from '../errors/errors.js';
import { parseOrThrow } from '../errors/from-zod.js';
import type { SwitchboardError } from '../errors/switchboard-error.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import type { BulkRequest, SendResult } from '../model/send-result.js';
import type { Capability } from '../provider/capability.js';
import type { MessagingProvider, SendOptions } from '../provider/messaging-provider.js';
import { validateSendOptions } from '../provider/send-options.js';
import { parseOutboundMessage, requiredSendCapabilities } from '../provider/validate-send.js';
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
import { routerCapabilities, routerLimits } from './combine-providers.js';
import type { FailoverDecision } from './failover-rule.js';
import { routerBulk } from './route-bulk.js';
import { routerWebhooks } from './router-webhooks.js';
import { createOrdering, type RoutingPolicy } from './routing-policy.js';
import { StatusCorrelation } from './status-correlation.js';
import { tryProviders } from './try-providers.js';
import { type IdempotencyOptions, idempotentSend } from './with-idempotency.js';

/** Reported to {@link RouterOptions.onFailover} each time the router moves on from a provider. */
export interface FailoverEvent {
  /** The provider that failed. */
  provider: string;
  /** Why: the error it threw. */
  error: SwitchboardError;
  /** `fail_over`, or `fail_over_ambiguous` when the message may have gone out (an `idempotencyKey` was given). */
  decision: Exclude<FailoverDecision, 'throw'>;
}

/** Options of {@link createRouter}. */
export interface RouterOptions {
  /** The providers, primary first; their ids must differ. */
  providers: readonly MessagingProvider[];
  /** The order providers are tried in; default `priority`. */
  policy?: RoutingPolicy;
  /** The router's own id, its `MessagingProvider.id`. Default `router`. */
  id?: string;
  /** Per-provider circuit breakers (default 5 failures, 30 s cool-down); `false` turns them off. */
  circuitBreaker?: CircuitBreakerOptions | false;
  /** Where repeated `idempotencyKey`s are answered from; `false` turns idempotent sends off. */
  idempotency?: IdempotencyOptions | false;
  /** Called on every failover, e.g. to log or count it. */
  onFailover?: (event: FailoverEvent) => void;
}

/** A router: a {@link MessagingProvider} over several providers. */
export interface Router extends MessagingProvider {
  /** The providers, in the order given; reach their facets here. */
  readonly providers: readonly MessagingProvider[];
  /** The provider with this id, if the router holds one. */
  provider(id: string): MessagingProvider | undefined;
  /** The circuit state of the provider with this id (`closed` when circuit breakers are off). */
  circuitState(id: string): CircuitState;
  /**
   * `sendBulk` in bounded memory, with the same failover: results are yielded as they settle, and
   * only the recipients a provider reports as not sent are held, until the next provider settles
   * them. Providers without their own `sendBulkStream` are read through core's `streamBulk`.
   */
  sendBulkStream(request: BulkRequest, options?: BulkStreamOptions): AsyncIterable<BulkStreamResult>;
}

const providerSchema = /* @__PURE__ */ lazySchema(() =>
  z.custom<MessagingProvider>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as MessagingProvider).id === 'string' &&
      typeof (value as MessagingProvider).send === 'function' &&
      (value as MessagingProvider).capabilities instanceof Set &&
      typeof (value as MessagingProvider).webhooks?.parse === 'function',
    'must be a MessagingProvider',
  ),
);

const optionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    providers: z.array(providerSchema).check(
      z.minLength(1),
      z.refine(
        (providers) => new Set(providers.map((p) => p.id)).size === providers.length,
        'provider ids must differ',
      ),
    ),
    policy: z.optional(
      z.union([
        z.enum(['priority', 'round-robin']),
        z.custom<Extract<RoutingPolicy, (...args: never[]) => unknown>>(
          (value) => typeof value === 'function',
        ),
      ]),
    ),
    id: z.optional(z.string().check(z.minLength(1))),
    circuitBreaker: z.optional(
      z.union([
        z.literal(false),
        z.strictObject({
          failureThreshold: z.optional(z.number().check(z.int(), z.positive())),
          cooldownMs: z.optional(z.number().check(z.nonnegative())),
          now: z.optional(z.custom<() => number>((value) => typeof value === 'function')),
        }),
      ]),
    ),
    idempotency: z.optional(z.union([z.literal(false), z.record(z.string(), z.unknown())])),
    onFailover: z.optional(z.custom<(event: FailoverEvent) => void>((value) => typeof value === 'function')),
  }),
);

/**
 * A {@link MessagingProvider} that sends through several providers, failing over only when the
 * failure proves the message was not sent:
 *
 * - `unsupported_feature`, and a retryable `rate_limited`, `provider_unavailable` or
 *   `network_error` that proves the request was not acted on (a rate-limit refusal, a 503, a
 *   connection that never opened) → the next provider;
 * - an ambiguous failure (a timeout or reset after the request was written, a 500) → thrown,
 *   unless the call has an `idempotencyKey`;
 * - everything else (`validation_failed`, `invalid_recipient`, `template_not_found`,
 *   `session_window_closed`, `auth_failed`, …) → thrown.
 *
 * Providers that cannot send a message (capabilities) or whose circuit is open are skipped. The
 * `SendResult` is the sending provider's: its `id` is what that provider's status webhooks report
 * on and `provider` says which provider sent it, while the router keeps its own `id`. Capabilities
 * are the union of the providers' send capabilities, limits their intersection. A repeated
 * `idempotencyKey` returns the first result (see `withIdempotency`). `close()` closes every
 * provider.
 *
 * @example
 * ```ts
 * const router = createRouter({ providers: [createWati(watiOptions), createWhatsAppCloud(cloudOptions)] });
 * const result = await router.send({ type: 'text', to: '+14155550100', text: 'Your order shipped' });
 * result.provider; // 'wati', or 'whatsapp-cloud' after a failover
 * ```
 */
export function createRouter(options: RouterOptions): Router {
  const parsed = parseOrThrow(optionsSchema, options, { what: 'router options' });
  const id = parsed.id ?? 'router';
  const providers: readonly MessagingProvider[] = [...parsed.providers];
  const order = createOrdering(parsed.policy ?? 'priority');
  const breakers = new Map<MessagingProvider, CircuitBreaker>();
  if (parsed.circuitBreaker !== false) {
    for (const provider of providers) breakers.set(provider, new CircuitBreaker(parsed.circuitBreaker ?? {}));
  }
  const correlation = new StatusCorrelation();
  const capabilities: ReadonlySet<Capability> = routerCapabilities(providers);

  const attempt = <T>(
    candidates: readonly MessagingProvider[],
    idempotencyKey: string | undefined,
    signal: AbortSignal | undefined,
    call: (provider: MessagingProvider) => Promise<T>,
  ): Promise<T> =>
    tryProviders(
      { routerId: id, candidates, breakers, idempotencyKey, signal, onFailover: parsed.onFailover },
      call,
    );

  async function routeSend(input: Parameters<MessagingProvider['send']>[0], givenOptions?: SendOptions) {
    const message = parseOutboundMessage(input, { what: 'message', provider: id });
    const sendOptions = validateSendOptions(id, givenOptions);
    const needed = requiredSendCapabilities(message);
    const missing = needed.find((capability) => !capabilities.has(capability));
    if (missing !== undefined) {
      throw new UnsupportedFeatureError(`No provider of router "${id}" supports ${missing}`, {
        provider: id,
        capability: missing,
      });
    }
    const capable = order({ message, providers }).filter((provider) =>
      needed.every((capability) => provider.capabilities.has(capability)),
    );
    if (capable.length === 0) {
      throw new UnsupportedFeatureError(
        `The routing policy of router "${id}" chose no provider that can send this ${message.type} message`,
        { provider: id, capability: needed[0] ?? 'send.text' },
      );
    }
    const result: SendResult = await attempt(
      capable,
      sendOptions.idempotencyKey,
      sendOptions.signal,
      (provider) => provider.send(input, sendOptions),
    );
    correlation.remember(result);
    return result;
  }

  const send =
    parsed.idempotency === false
      ? routeSend
      : idempotentSend(id, routeSend, (parsed.idempotency ?? {}) as IdempotencyOptions);

  return {
    id,
    capabilities,
    limits: routerLimits(providers),
    providers,
    provider: (providerId) => providers.find((provider) => provider.id === providerId),
    circuitState: (providerId) => {
      const provider = providers.find((candidate) => candidate.id === providerId);
      return (provider === undefined ? undefined : breakers.get(provider)?.state) ?? 'closed';
    },
    send,
    ...routerBulk({ id, capabilities }, providers, attempt),
    webhooks: routerWebhooks(providers, correlation),
    async close() {
      const results = await Promise.allSettled(providers.map((provider) => provider.close()));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    },
  };
}
