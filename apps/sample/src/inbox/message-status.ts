import type { InboundStatusEvent } from '@switchboard/core';
import type { InboxMessage, InboxStatus } from './inbox-types.js';

/** Statuses only move forward; `failed` ends it. */
export const STATUS_RANK: Record<InboxStatus, number> = {
  queued: 0,
  received: 0,
  accepted: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

/** True when `next` is further along than `current`. */
export function isNewerStatus(next: InboxStatus, current: InboxStatus): boolean {
  return STATUS_RANK[next] > STATUS_RANK[current];
}

/** Updates `message` when the event's status is newer; true when it changed. */
export function applyStatus(message: InboxMessage, event: InboundStatusEvent): boolean {
  if (!isNewerStatus(event.status, message.status)) return false;
  message.status = event.status;
  Object.assign(message.providerIds, event.providerIds);
  if (event.error !== undefined) {
    message.error = {
      code: event.error.code,
      title: event.error.title,
      ...(event.error.message === undefined ? {} : { message: event.error.message }),
    };
  }
  return true;
}
