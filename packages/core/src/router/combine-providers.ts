import { MEDIA_MESSAGE_TYPES } from '../model/outbound-message.js';
import { type Capability, sendCapability } from '../provider/capability.js';
import type { MessagingProvider } from '../provider/messaging-provider.js';
import type { MediaLimit, ProviderLimits } from '../provider/provider-limits.js';

/**
 * The capabilities of a router over `providers`: every `send.*` capability any of them has (a
 * message goes to one that can send it), `webhooks.verification` when any answers a handshake, and
 * `webhooks.signature` only when every one verifies its deliveries (the router accepts a delivery
 * any of them accepts, so one unsigned provider makes the whole router accept unsigned ones). No
 * facet operation: the router attaches no facets, since a template, contact or media id belongs to
 * one provider; reach them through `router.providers`.
 */
export function routerCapabilities(providers: readonly MessagingProvider[]): Set<Capability> {
  const union = new Set<Capability>();
  for (const provider of providers) {
    for (const capability of provider.capabilities) {
      if (capability.startsWith('send.') || capability === 'webhooks.verification') union.add(capability);
    }
  }
  if (providers.every((provider) => provider.capabilities.has('webhooks.signature'))) {
    union.add('webhooks.signature');
  }
  return union;
}

function intersectMedia(limits: readonly MediaLimit[]): MediaLimit | undefined {
  const [first, ...rest] = limits;
  if (first === undefined) return undefined;
  const mimeTypes = first.mimeTypes.filter((type) => rest.every((limit) => limit.mimeTypes.includes(type)));
  const maxBytes = Math.min(...limits.map((limit) => limit.maxBytes));
  const statics = limits.flatMap((limit) =>
    limit.staticMaxBytes === undefined ? [] : [limit.staticMaxBytes],
  );
  return {
    maxBytes,
    mimeTypes,
    ...(statics.length === 0 ? {} : { staticMaxBytes: Math.min(maxBytes, ...statics) }),
  };
}

const min = (values: readonly number[]): number => Math.min(...values);
const max = (values: readonly number[]): number => Math.max(...values);

/**
 * The limits of a router: the intersection of its providers' limits, so a message within them may
 * go to any provider. Lengths and counts take the smallest maximum (and the largest minimum);
 * the media of one type intersect over the providers that can send that type (smallest size, MIME
 * types all of them take).
 */
export function routerLimits(providers: readonly MessagingProvider[]): ProviderLimits {
  const all = providers.map((provider) => provider.limits);
  const media: ProviderLimits['media'] = {};
  for (const type of MEDIA_MESSAGE_TYPES) {
    const limits = providers.flatMap((provider) => {
      const limit = provider.limits.media[type];
      return provider.capabilities.has(sendCapability(type)) && limit !== undefined ? [limit] : [];
    });
    const combined = intersectMedia(limits);
    if (combined !== undefined) media[type] = combined;
  }
  return {
    textMaxLength: min(all.map((l) => l.textMaxLength)),
    captionMaxLength: min(all.map((l) => l.captionMaxLength)),
    buttons: {
      min: max(all.map((l) => l.buttons.min)),
      max: min(all.map((l) => l.buttons.max)),
      titleMaxLength: min(all.map((l) => l.buttons.titleMaxLength)),
      idMaxLength: min(all.map((l) => l.buttons.idMaxLength)),
    },
    list: {
      sectionsMax: min(all.map((l) => l.list.sectionsMax)),
      rowsMax: min(all.map((l) => l.list.rowsMax)),
      rowTitleMaxLength: min(all.map((l) => l.list.rowTitleMaxLength)),
      rowDescriptionMaxLength: min(all.map((l) => l.list.rowDescriptionMaxLength)),
      buttonTextMaxLength: min(all.map((l) => l.list.buttonTextMaxLength)),
    },
    interactive: {
      bodyMaxLength: min(all.map((l) => l.interactive.bodyMaxLength)),
      headerMaxLength: min(all.map((l) => l.interactive.headerMaxLength)),
      footerMaxLength: min(all.map((l) => l.interactive.footerMaxLength)),
    },
    bulkBatchSize: min(all.map((l) => l.bulkBatchSize)),
    media,
  };
}
