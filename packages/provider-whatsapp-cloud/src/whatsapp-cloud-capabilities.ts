import { CAPABILITIES, type Capability } from '@switchboard/core';

/**
 * What the Cloud API has no endpoint for: an address book (contacts), conversation history and
 * operator assignment are inbox features of WATI, not of Meta's API.
 */
export const WHATSAPP_CLOUD_UNSUPPORTED: readonly Capability[] = [
  'contacts.list',
  'contacts.upsert',
  'contacts.updateAttributes',
  'conversations.messages',
  'operators.assign',
];

/** Everything else works, over both transports. */
export const WHATSAPP_CLOUD_CAPABILITIES: ReadonlySet<Capability> = new Set(
  CAPABILITIES.filter((capability) => !WHATSAPP_CLOUD_UNSUPPORTED.includes(capability)),
);
