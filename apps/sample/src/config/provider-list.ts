import { type Environment, PROVIDER_ENV_VARIABLE, parseOrThrow } from '@switchboard/core';
import { z } from 'zod';
import { PROVIDER_IDS, type ProviderId } from '../providers.js';

const providerListSchema = z
  .array(z.enum(PROVIDER_IDS))
  .min(1)
  .refine((ids) => new Set(ids).size === ids.length, 'must not name a provider twice');

/**
 * The config file's `"providers": ["wati", "whatsapp-cloud"]`: the app sends through core's router,
 * in this order of priority (the first is the primary, the others take over when it provably did not
 * send). `undefined` when the file has no list, or when `SWITCHBOARD_PROVIDER` picks one provider.
 *
 * @throws {ValidationError} naming `providers` when the list is not valid.
 */
export function providerListOf(
  file: Record<string, unknown>,
  env: Environment,
): readonly ProviderId[] | undefined {
  if (file.providers === undefined || env[PROVIDER_ENV_VARIABLE]?.trim()) return undefined;
  return parseOrThrow(providerListSchema, file.providers, { what: 'config file', pathPrefix: ['providers'] });
}
