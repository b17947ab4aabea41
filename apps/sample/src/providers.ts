import type { ProviderDefinition } from '@switchboard/core';
import { wati } from '@switchboard/provider-wati';
import { whatsappCloud } from '@switchboard/provider-whatsapp-cloud';

/** The providers this app can run on; `loadProvider` and `configFromEnv` pick among them. */
export const PROVIDER_DEFINITIONS: readonly ProviderDefinition[] = [whatsappCloud, wati];

/** Ids of {@link PROVIDER_DEFINITIONS}: the `provider` value of a config. */
export const PROVIDER_IDS = ['whatsapp-cloud', 'wati'] as const;

/** A provider this app can run on. */
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** How both providers reach their API: straight to the provider, or through the Maton gateway. */
export type TransportId = 'direct' | 'maton';

/** Names for people, e.g. in the inbox header. */
export const PROVIDER_LABELS: Record<ProviderId, string> = {
  'whatsapp-cloud': 'WhatsApp Cloud API',
  wati: 'WATI',
};

/** True for a provider id this app knows. */
export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}
