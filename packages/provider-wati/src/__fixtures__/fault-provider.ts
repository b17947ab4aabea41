// Test support (excluded from the build): the WATI side of the fault suite, a provider pointed at
// the raw fault server whose transport hooks record each logical send, and the two kinds of send
// (a session text and a template) every fault is tried with.
import type { OutboundMessage, SendOptions, SendResult } from '@switchboard/core';
import type { RawFaultServer } from '@switchboard/provider-test-kit';
import { type SendLog, sendLog } from '@switchboard/provider-test-kit';
import type { WatiOptions } from '../wati-options.js';
import { createWati } from '../wati-provider.js';

export const PROVIDER = 'wati';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.wati-fault-suite.c2lnbmF0dXJl';
const TENANT = '/123456';

/** One kind of logical send: the message, the path it posts to, and WATI's answer when accepted. */
export interface SendKind {
  label: string;
  message: OutboundMessage;
  path: string;
  accepted: unknown;
  /** `SendResult.id` of the accepted answer. */
  id: string;
}

export const SESSION_TEXT: SendKind = {
  label: 'session text',
  message: { type: 'text', to: '+1 415-555-1234', text: 'fault suite' },
  path: `${TENANT}/api/v1/sendSessionMessage/14155551234`,
  accepted: { ok: true, result: 'success', message: { id: 'wati-message-1', text: 'fault suite' } },
  id: 'wati-message-1',
};

export const TEMPLATE: SendKind = {
  label: 'template',
  message: {
    type: 'template',
    to: '+1 415-555-1234',
    template: { name: 'order_update', language: 'en_US', parameters: { name: 'John' } },
  },
  path: `${TENANT}/api/v2/sendTemplateMessage`,
  accepted: {
    result: true,
    receivers: [{ localMessageId: 'local-1', waId: '14155551234', isValidWhatsAppNumber: true, errors: [] }],
  },
  id: 'local-1',
};

export const SEND_KINDS = [SESSION_TEXT, TEMPLATE];

/** One logical send against `server`: `send()` runs it, `log` holds what the hooks saw. */
export interface FaultSend {
  send(options?: SendOptions): Promise<SendResult>;
  log: SendLog;
}

/**
 * A direct provider on `server`: 3 retries with backoff of at most 5 ms (the exact wait matters only
 * where a test reads it from `log.retries`), no rate limit, no environment, hooks recording into `log`.
 */
export function faultSend(
  server: RawFaultServer,
  kind: SendKind,
  options: Partial<WatiOptions> = {},
): FaultSend {
  const log = sendLog();
  const provider = createWati({
    transport: 'direct',
    token: TOKEN,
    baseUrl: `${server.url}${TENANT}`,
    env: {},
    rateLimit: false,
    retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 },
    hooks: log.hooks,
    ...options,
  });
  return { send: (sendOptions) => provider.send(kind.message, sendOptions), log };
}
