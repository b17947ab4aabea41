import type { InboundStatusEvent, MessageStatus } from '@switchboard/core';
import type { z } from 'zod';
import { graphErrorRule } from '../graph-error-codes.js';
import type { webhookErrorSchema } from './webhook-schemas.js';

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
  return STATUSES[status.toLowerCase()];
}

/**
 * The first error of a failed status, with its neutral `category` from the same table that
 * classifies API errors (`graph-error-codes.ts`). `message` is Meta's `error_data.details`, else
 * its `message` when it says more than the title.
 */
export function mapStatusError(
  errors: z.output<typeof webhookErrorSchema>[] | null | undefined,
): InboundStatusEvent['error'] {
  const error = errors?.[0];
  if (error === undefined) return undefined;
  const title = error.title ?? error.message ?? `WhatsApp error ${error.code}`;
  const message =
    error.error_data?.details ?? (error.message && error.message !== title ? error.message : undefined);
  return {
    code: error.code,
    title,
    ...(message ? { message } : {}),
    category: graphErrorRule(error.code)?.category ?? 'unknown',
  };
}
