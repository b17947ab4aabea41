import type { SendOptions } from '@switchboard/core';
import type { WatiClient } from './wati-client.js';

/** What every send mapping needs: the client and the caller's per-call options. */
export interface SendContext {
  client: WatiClient;
  options: SendOptions;
}

/** The caller's `signal` and `idempotencyKey`, ready to spread into a transport request. */
export function perCall(options: SendOptions): { signal?: AbortSignal; idempotencyKey?: string } {
  return {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
  };
}
