import { CAPABILITIES, type Capability } from '@switchboard/core';

/**
 * What the Cloud API has no endpoint for: an address book (contacts), conversation history and
 * operator assignment are inbox features of WATI, not of Meta's API. The provider has no
 * `contacts`, `conversations` or `operators` facet.
 */
export const WHATSAPP_CLOUD_UNSUPPORTED: readonly Capability[] = [
  'contacts.list',
  'contacts.upsert',
  'contacts.updateAttributes',
  'conversations.messages',
  'operators.assign',
];

/**
 * Everything else works, over every transport and gateway: the most a provider of this package can do. An
 * instance drops `webhooks.signature` without an `appSecret` and `webhooks.verification` without a
 * `verifyToken` (see {@link whatsappCloudCapabilities}).
 */
export const WHATSAPP_CLOUD_CAPABILITIES: ReadonlySet<Capability> = new Set(
  CAPABILITIES.filter((capability) => !WHATSAPP_CLOUD_UNSUPPORTED.includes(capability)),
);

/**
 * The capabilities of one instance: webhook signatures are only checked with an `appSecret`, and
 * the subscription handshake only succeeds with a `verifyToken`, so an app reading `capabilities`
 * is not told of protection that is not there.
 */
export function whatsappCloudCapabilities(options: {
  appSecret?: string | undefined;
  verifyToken?: string | undefined;
}): ReadonlySet<Capability> {
  return new Set(
    [...WHATSAPP_CLOUD_CAPABILITIES].filter(
      (capability) =>
        (capability !== 'webhooks.signature' || options.appSecret !== undefined) &&
        (capability !== 'webhooks.verification' || options.verifyToken !== undefined),
    ),
  );
}
