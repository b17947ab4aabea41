import type { ValidOutboundMessage } from '../model/outbound-message.js';
import type { MessagingProvider } from '../provider/messaging-provider.js';

/** What a routing function is told about one send. */
export interface RoutingContext {
  /** The validated message. */
  message: ValidOutboundMessage;
  /** Every provider of the router, in the order they were given. */
  providers: readonly MessagingProvider[];
}

/**
 * Chooses the providers to try for one send, in order. It may leave providers out (they are not
 * tried) but not add any: a provider the router does not hold is ignored. Providers that cannot
 * send the message, or whose circuit is open, are skipped afterwards whatever the order.
 *
 * @example
 * ```ts
 * // Templates through WATI first (cheaper for the account), everything else in the given order.
 * const policy: RoutingFunction = ({ message, providers }) =>
 *   message.type === 'template' ? [...providers].sort((p) => (p.id === 'wati' ? -1 : 1)) : providers;
 * ```
 */
export type RoutingFunction = (context: RoutingContext) => readonly MessagingProvider[];

/**
 * How the router orders its providers for a send: `priority` (the default) tries them in the order
 * given, the first one being the primary; `round-robin` starts each send at the next provider,
 * spreading the load, and fails over to the following ones; a {@link RoutingFunction} decides.
 */
export type RoutingPolicy = 'priority' | 'round-robin' | RoutingFunction;

/** Turns a policy into a function that orders the providers of each send. */
export function createOrdering(policy: RoutingPolicy): RoutingFunction {
  if (policy === 'priority') return ({ providers }) => providers;
  if (policy === 'round-robin') {
    let next = 0;
    return ({ providers }) => {
      const start = next % providers.length;
      next = (start + 1) % providers.length;
      return [...providers.slice(start), ...providers.slice(0, start)];
    };
  }
  if (typeof policy === 'function') {
    return (context) => {
      const chosen = policy(context);
      // Only providers the router holds, each once: a policy cannot make the router send twice.
      return [...new Set(chosen)].filter((provider) => context.providers.includes(provider));
    };
  }
  throw new TypeError(`policy must be 'priority', 'round-robin' or a function, got ${String(policy)}`);
}
