import { UnsupportedFeatureError } from '../errors/errors.js';
import type { Capability } from './capability.js';

/**
 * Throws {@link UnsupportedFeatureError} unless `capabilities` has `capability`. Adapters call it
 * first thing, so an unsupported call never reaches the network.
 */
export function requireCapability(
  provider: { readonly id: string; readonly capabilities: ReadonlySet<Capability> },
  capability: Capability,
  detail?: string,
): void {
  if (provider.capabilities.has(capability)) return;
  const suffix = detail === undefined ? '' : `: ${detail}`;
  throw new UnsupportedFeatureError(`Provider "${provider.id}" does not support ${capability}${suffix}`, {
    provider: provider.id,
    capability,
  });
}
