import type { InboundStatusEvent, MessageStatus } from '@switchboard/core';
import { graphErrorRule } from '../graph-error-codes.js';
import { webhookSchemas } from './webhook-schemas.js';

/**
 * Meta's status values as neutral ones. `played` (a voice message was first played) means the
 * user heard it, so it is reported as `read`; any other value is not a status Switchboard knows.
 */
const STATUSES: Readonly<Record<string, MessageStatus>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  played: 'read',
  failed: 'failed',
};

/** The neutral status of a `statuses[].status`, or `undefined` for a value Switchboard does not know. */
export function mapStatus(status: string): MessageStatus | undefined {
  const key = status.toLowerCase();
  // Own keys only: a status such as "constructor" must not find Object.prototype's members.
  return Object.hasOwn(STATUSES, key) ? STATUSES[key] : undefined;
}

/**
 * The first error of a failed status, with its neutral `category` from the same table that
 * classifies API errors (`graph-error-codes.ts`). `message` is Meta's `error_data.details`, else
 * its `message` when it says more than the title. An error without a code is left out (it stays
 * in the event's `raw`); the status is still reported as failed.
 */
export function mapStatusError(errors: readonly unknown[] | null | undefined): InboundStatusEvent['error'] {
  const parsed = webhookSchemas().webhookErrorSchema.safeParse(errors?.[0]);
  if (!parsed.success) return undefined;
  const error = parsed.data;
  const title = error.title ?? error.message ?? `WhatsApp error ${error.code}`;
  const message =
    error.error_data?.details ?? (error.message && error.message !== title ? error.message : undefined);
  return {
    code: error.code,
    title,
    ...(message ? { message } : {}),
    category:
      (typeof error.code === 'number' ? graphErrorRule(error.code)?.category : undefined) ?? 'unknown',
  };
}
