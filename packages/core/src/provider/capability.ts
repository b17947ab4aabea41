/**
 * Everything a provider may or may not be able to do. `MessagingProvider.capabilities` lists the
 * ones it can; calling anything else throws `UnsupportedFeatureError` before any request.
 */
export const CAPABILITIES = [
  'send.text',
  'send.image',
  'send.video',
  'send.audio',
  'send.document',
  'send.sticker',
  'send.location',
  'send.contacts',
  'send.buttons',
  'send.list',
  'send.template',
  'send.reaction',
  /** A call-to-action URL button (`cta_url`). */
  'send.cta_url',
  /** A request for the user's location (`location_request`). */
  'send.location_request',
  /** A typing indicator on an inbound message (`typing_indicator`). */
  'send.typing_indicator',
  /** A single catalog product (`product`). */
  'send.product',
  /** Several catalog products in sections (`product_list`). */
  'send.product_list',
  /** A WhatsApp Flow (`flow`). */
  'send.flow',
  /** Quote an earlier message (`replyTo`). */
  'send.replyTo',
  /** Address a message to a business-scoped user id (BSUID) instead of a phone number. */
  'send.to.userId',
  /** Media given as `{ url }`. */
  'send.media.url',
  /** Media given as a provider media id `{ id }`. */
  'send.media.id',
  /** Media given as bytes `{ data }`. */
  'send.media.data',
  'send.bulk',
  'messages.markRead',
  'templates.list',
  'templates.create',
  'templates.delete',
  'contacts.list',
  'contacts.upsert',
  'contacts.updateAttributes',
  'conversations.messages',
  'media.upload',
  'media.get',
  'media.delete',
  'operators.assign',
  'account.phoneNumbers',
  'account.businessProfile',
  'account.updateBusinessProfile',
  /** Answers the provider's webhook subscription handshake. */
  'webhooks.verification',
  /** Verifies that webhook deliveries come from the provider (signature or shared secret). */
  'webhooks.signature',
] as const;

/** One thing a provider can do; see {@link CAPABILITIES}. */
export type Capability = (typeof CAPABILITIES)[number];

/** The capability needed to send a message of the given type. */
export function sendCapability(type: string): Capability {
  return `send.${type}` as Capability;
}
