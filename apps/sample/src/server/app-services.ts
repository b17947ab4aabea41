import type { InboundEvent } from '@switchboard/core';
import type { Outbox } from '@switchboard/queue';
import type { InboxStore } from '../inbox/inbox-store.js';
import type { InboxChange } from '../inbox/inbox-types.js';
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime/runtime.js';
import type { EventStream } from './event-stream.js';
import { serializeEvent } from './serialize-event.js';

/** What the routes share. */
export interface AppServices {
  runtime: Runtime;
  store: InboxStore;
  events: EventStream;
  logger: Logger;
  /** Set with `REDIS_URL` (or the config's `queue`): `/api/messages` and `/api/bulk` enqueue here. */
  outbox?: Outbox;
}

/** The SSE event name of inbox changes; inbound events go out unnamed (`message`). */
export const INBOX_EVENT = 'inbox';

/** Tells the inbox page about a change. */
export function publishChange(services: AppServices, change: InboxChange | undefined): void {
  if (change !== undefined) services.events.publish(change, INBOX_EVENT);
}

/** Takes a webhook event into the inbox and onto the event stream. */
export function acceptEvent(services: AppServices, event: InboundEvent): void {
  const change = services.store.applyEvent(event);
  services.events.publish(serializeEvent(event));
  publishChange(services, change);
}
