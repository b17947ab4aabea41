// The webhook-only entry, `@switchboard/provider-wati/webhooks`. It is published as a bundle (`scripts/bundle-entries.mjs`)
// sharing a chunk with the package's main entry, and imports core's errors, webhook plumbing and
// zod/mini functions through `@switchboard/core/internal`, never core's index: it must import nothing
// that loads the zod package or the sending side. `src/webhooks-entry.test.ts` checks the modules a
// fresh process loads for it.
export { WATI_PROVIDER_ID } from '../provider-id.js';
export {
  createWatiWebhooks,
  type WatiWebhooksOptions,
} from './wati-webhooks.js';
export { DEFAULT_WEBHOOK_SECRET_HEADER, type WatiWebhookSecret } from './webhook-secret.js';
