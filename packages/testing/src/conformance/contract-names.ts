/*
 * The names the provider contract is written in: capabilities, facet operations and error codes.
 *
 * They are copied from `@switchboard/core` (`CAPABILITIES`, `FACET_OPERATIONS`, `ERROR_CODES`) on purpose:
 * this package depends on no Switchboard package (core's own tests use it, and a kit that shared core's code
 * would share its bugs), so it cannot import them. Drift is caught where both meet: our providers run the
 * conformance kit in CI, and the kit rejects any capability it does not know (`capabilities: declares only
 * known capabilities`) and any error code outside this list. When core gains a name, add it here too.
 */

/** Every capability of the contract, in core's order (`CAPABILITIES` in `@switchboard/core`). */
export const CONFORMANCE_CAPABILITIES = [
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
  'send.cta_url',
  'send.location_request',
  'send.typing_indicator',
  'send.product',
  'send.product_list',
  'send.flow',
  'send.replyTo',
  'send.to.userId',
  'send.media.url',
  'send.media.id',
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
  'webhooks.verification',
  'webhooks.signature',
] as const;

/** One capability of the contract; see {@link CONFORMANCE_CAPABILITIES}. */
export type ConformanceCapability = (typeof CONFORMANCE_CAPABILITIES)[number];

/** Every outbound message type of the neutral model, in core's order (`OUTBOUND_MESSAGE_TYPES`). */
export const CONFORMANCE_MESSAGE_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'buttons',
  'list',
  'template',
  'reaction',
  'cta_url',
  'location_request',
  'typing_indicator',
  'product',
  'product_list',
  'flow',
] as const;

/** An outbound message type. */
export type ConformanceMessageType = (typeof CONFORMANCE_MESSAGE_TYPES)[number];

/** The message types that carry a media file (`MEDIA_MESSAGE_TYPES` in core). */
export const CONFORMANCE_MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;

/** The three ways a media file can be given: `{ url }`, `{ id }` or `{ data, mimeType }`. */
export const CONFORMANCE_MEDIA_SOURCES = ['url', 'id', 'data'] as const;

/** A way to give a media file. */
export type ConformanceMediaSource = (typeof CONFORMANCE_MEDIA_SOURCES)[number];

/**
 * The capabilities `send` is checked against, one message each: a message type, `send.replyTo` or a
 * media source (`send.bulk` is `sendBulk`'s).
 */
export type ConformanceSendCapability = Exclude<
  Extract<ConformanceCapability, `send.${string}`>,
  'send.bulk'
>;

/** The operations of every facet, as core's `FACET_OPERATIONS`. */
export const CONFORMANCE_FACET_OPERATIONS = {
  templates: ['list', 'create', 'delete'],
  contacts: ['list', 'upsert', 'updateAttributes'],
  conversations: ['messages'],
  media: ['upload', 'get', 'delete'],
  operators: ['assign'],
  account: ['phoneNumbers', 'businessProfile', 'updateBusinessProfile'],
} as const;

/** The name of an optional facet, e.g. `templates`. */
export type ConformanceFacetName = keyof typeof CONFORMANCE_FACET_OPERATIONS;

/** An operation beyond `send`: `messages.markRead` or a facet operation such as `templates.create`. */
export type ConformanceOperationCapability = Extract<
  ConformanceCapability,
  'messages.markRead' | `${ConformanceFacetName}.${string}`
>;

/** Every operation capability, in contract order. */
export const CONFORMANCE_OPERATION_CAPABILITIES: readonly ConformanceOperationCapability[] =
  CONFORMANCE_CAPABILITIES.filter(
    (capability): capability is ConformanceOperationCapability =>
      capability === 'messages.markRead' ||
      Object.hasOwn(CONFORMANCE_FACET_OPERATIONS, capability.slice(0, capability.indexOf('.'))),
  );

/** The provider-neutral error codes, as core's `ERROR_CODES`. */
export const CONFORMANCE_ERROR_CODES = [
  'validation_failed',
  'unsupported_feature',
  'auth_failed',
  'rate_limited',
  'session_window_closed',
  'invalid_recipient',
  'template_not_found',
  'media_invalid',
  'provider_unavailable',
  'network_error',
  'timeout',
  'webhook_verification_failed',
  'unknown',
] as const;

/** A provider-neutral error code. */
export type ConformanceErrorCode = (typeof CONFORMANCE_ERROR_CODES)[number];

/**
 * The key core's errors carry their class kinds under (what `SwitchboardError.isInstance` reads): a
 * `Symbol.for` key, so errors from any copy of `@switchboard/core` have it. Its value is the list of
 * kinds, most specific first, e.g. `['RateLimitError', 'SwitchboardError']`.
 */
export const SWITCHBOARD_ERROR_MARKER: symbol = Symbol.for('switchboard.error');
