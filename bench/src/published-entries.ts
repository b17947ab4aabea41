/** Switchboard's published entry points that the cold-start and instruction sections measure. */
export const PUBLISHED_ENTRIES = [
  '@switchboard/core',
  '@switchboard/core/webhooks',
  '@switchboard/provider-whatsapp-cloud',
  '@switchboard/provider-whatsapp-cloud/webhooks',
  '@switchboard/provider-wati',
  '@switchboard/provider-wati/webhooks',
] as const;
