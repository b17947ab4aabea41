import { parseOrThrow, type SafeParsable } from '../errors/from-zod.js';
import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';

/**
 * Options only one provider understands, namespaced by provider id, e.g.
 * `{ wati: { broadcastName: 'spring-sale' } }`. Each provider reads and validates its own
 * namespace and ignores the others, so one call can carry options for several providers (a router
 * or a config switch sends the same call to whichever provider is selected).
 */
export type ProviderOptions = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The shape of {@link ProviderOptions}; each namespace is checked by its provider. */
export const providerOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.record(z.string(), z.record(z.string(), z.unknown())),
);

/**
 * Reads one provider's namespace of `providerOptions` with that provider's schema. Absent options
 * or an absent namespace give `undefined`; a bad value is a `ValidationError` whose path names the
 * field, e.g. `providerOptions.wati.broadcastName`, thrown before any request.
 *
 * @example
 * ```ts
 * const watiOptions = readProviderOptions('wati', z.strictObject({ broadcastName: z.string().optional() }), options.providerOptions);
 * ```
 */
export function readProviderOptions<S extends SafeParsable>(
  providerId: string,
  schema: S,
  providerOptions: unknown,
): z.output<S> | undefined {
  if (providerOptions === undefined) return undefined;
  const what = `providerOptions.${providerId}`;
  const all = parseOrThrow(providerOptionsSchema, providerOptions, {
    what,
    provider: providerId,
    pathPrefix: ['providerOptions'],
  });
  const own = all[providerId];
  if (own === undefined) return undefined;
  return parseOrThrow(schema, own, {
    what,
    provider: providerId,
    pathPrefix: ['providerOptions', providerId],
  });
}
