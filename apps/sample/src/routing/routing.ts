import {
  createRouter,
  createWindowTracker,
  type FailoverEvent,
  type MessagingProvider,
  type WindowTracker,
} from '@switchboard/core';
import type { ProviderId } from '../providers.js';

/** One failover the router made, for the inbox. */
export interface FailoverRecord {
  at: Date;
  /** The provider that did not send. */
  provider: string;
  /** Why, as a neutral error code (e.g. `provider_unavailable`). */
  code: string;
}

/** What the app knows about its router: the providers, recent failovers and the 24-hour windows. */
export interface Routing {
  /** In order of priority, the primary first. */
  readonly providers: readonly ProviderId[];
  /** Fed by every webhook event the router parses. */
  readonly tracker: WindowTracker;
  /** The newest failovers, newest first (at most {@link MAX_FAILOVERS}). */
  readonly failovers: FailoverRecord[];
  /** Whether the sandbox's primary currently fails its sends (503). */
  primaryFailing: boolean;
}

/** How many failovers {@link Routing.failovers} keeps. */
export const MAX_FAILOVERS = 20;

/**
 * Core's router over `providers`, with its webhook events feeding a window tracker (so the inbox
 * can show, per conversation, until when a session message may be sent) and its failovers recorded.
 */
export function routeProviders(
  ids: readonly ProviderId[],
  providers: MessagingProvider[],
  onFailover?: (event: FailoverEvent) => void,
): { provider: MessagingProvider; routing: Routing } {
  const routing: Routing = {
    providers: ids,
    tracker: createWindowTracker(),
    failovers: [],
    primaryFailing: false,
  };
  const router = createRouter({
    providers,
    onFailover(event) {
      routing.failovers.unshift({ at: new Date(), provider: event.provider, code: event.error.code });
      routing.failovers.length = Math.min(routing.failovers.length, MAX_FAILOVERS);
      onFailover?.(event);
    },
  });
  const provider: MessagingProvider = {
    ...router,
    webhooks: {
      handleVerification: (request) => router.webhooks.handleVerification(request),
      async parse(request) {
        const events = await router.webhooks.parse(request);
        for (const event of events) await routing.tracker.observe(event);
        return events;
      },
    },
  };
  return { provider, routing };
}
