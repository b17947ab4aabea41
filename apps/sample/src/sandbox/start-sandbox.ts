import type { WatiApi } from '../config/app-config.js';
import type { ProviderId, TransportId } from '../providers.js';
import { DEFAULT_STATUS_DELAYS, type Sandbox, type StatusDelays } from './sandbox.js';
import { startWatiSandbox } from './wati-sandbox.js';
import { startWhatsAppCloudSandbox } from './whatsapp-cloud-sandbox.js';

/** Options of {@link startSandbox}. */
export interface StartSandboxOptions {
  providerId: ProviderId;
  transport: TransportId;
  /** Pace of the automatic statuses; default {@link DEFAULT_STATUS_DELAYS}. */
  statusDelaysMs?: StatusDelays;
  /** Which WATI API the WATI sandbox's provider speaks; `legacy` when unset. */
  watiApi?: WatiApi;
}

/**
 * Starts the emulator of `providerId` on 127.0.0.1 and returns the provider configured against it.
 * Webhooks flow once {@link Sandbox.connectWebhooks} is called with the app's URL; a CLI command
 * that only sends does without them.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ providerId: 'wati', transport: 'direct' });
 * await sandbox.provider.send({ type: 'text', to: '447700900123', text: 'Hello' });
 * await sandbox.close();
 * ```
 */
export function startSandbox(options: StartSandboxOptions): Promise<Sandbox> {
  const delays = options.statusDelaysMs ?? DEFAULT_STATUS_DELAYS;
  return options.providerId === 'wati'
    ? startWatiSandbox(options.transport, delays, options.watiApi ?? 'legacy')
    : startWhatsAppCloudSandbox(options.transport, delays);
}
