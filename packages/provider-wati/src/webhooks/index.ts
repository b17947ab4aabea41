// The webhook-only entry, `@switchboard/provider-wati/webhooks`. It is published as one bundled
// file with the parts of `zod/mini` it uses inlined and `@switchboard/core` left external
// (`scripts/bundle-entries.mjs`), so it must import nothing that loads zod or the sending side:
// `src/webhooks-entry.test.ts` checks the modules a fresh process loads for it.
export { WATI_PROVIDER_ID } from '../provider-id.js';
export {
  createWatiWebhooks,
  type WatiWebhooksOptions,
} from './wati-webhooks.js';
export { DEFAULT_WEBHOOK_SECRET_HEADER, type WatiWebhookSecret } from './webhook-secret.js';
