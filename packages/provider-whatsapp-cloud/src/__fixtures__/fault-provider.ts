// Test support (excluded from the build): the WhatsApp Cloud side of the fault suite, a provider
// pointed at the raw fault server whose transport hooks record each logical send.
import type { SendOptions, SendResult } from '@switchboard/core';
import type { RawFaultServer } from '@switchboard/provider-test-kit';
import { type SendLog, sendLog } from '@switchboard/provider-test-kit';
import { createWhatsAppCloud, type WhatsAppCloudOptions } from '../index.js';

export const PROVIDER = 'whatsapp-cloud';
export const PHONE_NUMBER_ID = '106540352242922';
const ACCESS_TOKEN = 'EAAGfaultSuiteToken0123456789abcdef';
/** The path every send of this suite posts to. */
export const SEND_PATH = `/v21.0/${PHONE_NUMBER_ID}/messages`;
/** Graph's answer to an accepted send. */
export const SENT = { messaging_product: 'whatsapp', messages: [{ id: 'wamid.fault-suite' }] };
export const SENT_ID = 'wamid.fault-suite';

/** A Graph error body. */
export function graphError(code: number, message: string) {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: `trace-${code}` } };
}

/** One logical send against `server`: `send()` runs it, `log` holds what the hooks saw. */
export interface FaultSend {
  send(options?: SendOptions): Promise<SendResult>;
  log: SendLog;
}

/**
 * A direct provider on `server`: 3 retries with backoff of at most 5 ms (the exact wait matters only
 * where a test reads it from `log.retries`), no environment, hooks recording into `log`.
 */
export function faultSend(server: RawFaultServer, options: Partial<WhatsAppCloudOptions> = {}): FaultSend {
  const log = sendLog();
  const provider = createWhatsAppCloud({
    transport: 'direct',
    accessToken: ACCESS_TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    baseUrl: server.url,
    env: {},
    retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 },
    hooks: log.hooks,
    ...options,
  });
  return {
    send: (sendOptions) =>
      provider.send({ type: 'text', to: '+16505551234', text: 'fault suite' }, sendOptions),
    log,
  };
}
