import { UnsupportedFeatureError } from '../errors/errors.js';
import type { Capability } from './capability.js';
import type { MessagingProvider } from './messaging-provider.js';
import {
  FACET_OPERATIONS,
  type FacetName,
  type FacetOperation,
  type ProviderFacets,
} from './provider-facets.js';

/** An operation a provider may have beyond `send`: a facet operation, or `messages.markRead`. */
export type ProviderOperation = FacetOperation | 'messages.markRead';

/** The function behind a {@link ProviderOperation}. */
export type OperationFunction<O extends ProviderOperation> = O extends 'messages.markRead'
  ? (messageId: string) => Promise<void>
  : O extends `${infer F extends FacetName}.${infer M}`
    ? M extends keyof ProviderFacets[F]
      ? ProviderFacets[F][M]
      : never
    : never;

function unsupported(provider: MessagingProvider, capability: string, what: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError(`Provider "${provider.id}" does not support ${what}`, {
    provider: provider.id,
    capability,
  });
}

/**
 * The facet `name` of `provider`, or an {@link UnsupportedFeatureError} when the provider has none.
 * Its operations are still optional: a provider may have a facet in part (WATI lists templates but
 * cannot create them); use {@link requireOperation} for one operation.
 *
 * @example
 * ```ts
 * const operators = requireFacet(provider, 'operators');
 * ```
 */
export function requireFacet<F extends FacetName>(
  provider: MessagingProvider,
  name: F,
): NonNullable<MessagingProvider[F]> {
  const facet = provider[name];
  if (facet === undefined || facet === null) {
    throw unsupported(provider, `${name}.${FACET_OPERATIONS[name][0]}`, `${name} (no ${name} facet)`);
  }
  return facet as NonNullable<MessagingProvider[F]>;
}

/**
 * One operation of `provider`, bound and ready to call, or an {@link UnsupportedFeatureError} naming
 * the capability, thrown before any request.
 *
 * @example
 * ```ts
 * const createTemplate = requireOperation(provider, 'templates.create');
 * await createTemplate({ name: 'order_update', language: 'en_US', category: 'UTILITY', components: [...] });
 * await requireOperation(provider, 'messages.markRead')(event.id);
 * ```
 */
export function requireOperation<O extends ProviderOperation>(
  provider: MessagingProvider,
  operation: O,
): OperationFunction<O> {
  if (operation === 'messages.markRead') {
    const markRead = provider.markRead;
    if (typeof markRead !== 'function') throw unsupported(provider, operation, operation);
    return markRead.bind(provider) as OperationFunction<O>;
  }
  const [facetName, method] = operation.split('.') as [FacetName, string];
  const facet = provider[facetName] as Record<string, unknown> | undefined;
  const fn = facet?.[method];
  if (typeof fn !== 'function') throw unsupported(provider, operation, operation);
  return fn.bind(facet) as OperationFunction<O>;
}

/**
 * The capabilities that the attached facets and `markRead` amount to: what `capabilities` must list
 * of the operations beyond `send`, exactly. Adapters test that the two agree.
 */
export function facetCapabilities(provider: MessagingProvider): Set<Capability> {
  const found = new Set<Capability>();
  if (typeof provider.markRead === 'function') found.add('messages.markRead');
  for (const [facetName, methods] of Object.entries(FACET_OPERATIONS) as [FacetName, readonly string[]][]) {
    const facet = provider[facetName] as Record<string, unknown> | undefined;
    for (const method of methods) {
      if (typeof facet?.[method] === 'function') found.add(`${facetName}.${method}` as Capability);
    }
  }
  return found;
}

/** Every capability that stands for an operation beyond `send` (a facet operation or `markRead`). */
export const OPERATION_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'messages.markRead',
  ...(Object.entries(FACET_OPERATIONS) as [FacetName, readonly string[]][]).flatMap(([facetName, methods]) =>
    methods.map((method) => `${facetName}.${method}` as Capability),
  ),
]);
