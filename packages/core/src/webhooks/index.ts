// Receiving webhooks. Published on its own as `@switchboard/core/webhooks`: it loads neither the zod
// package nor an HTTP client, nor core's model, so a function that only receives webhooks does not
// pay for them. Built as a facade of `@switchboard/core/internal` (see `../internal.ts`).
export type { InboundEvent } from '../model/inbound-event.js';
export type { ProviderWebhooks, RawWebhookRequest } from '../provider/messaging-provider.js';
export { decodeWebhookJson } from './decode-webhook-json.js';
export {
  MemoryDedupeStore,
  type MemoryDedupeStoreOptions,
  type WebhookDedupeStore,
} from './dedupe-store.js';
export { canDeduplicate, webhookEventKey } from './event-identity.js';
export {
  constantTimeEqual,
  hmacSha256Hex,
  type VerifyHmacSignatureOptions,
  verifyHmacSignature,
} from './hmac.js';
export {
  BodyAlreadyReadError,
  type NodeAdapterOptions,
  type NodeListenerOptions,
  type NodeRequestListener,
  type NodeRequestOptions,
  nodeRequestToFetchRequest,
  toNodeListener,
} from './node-adapter.js';
export { PayloadTooLargeError, type PayloadTooLargeErrorOptions } from './payload-too-large-error.js';
export {
  type BufferedWebhookRequest,
  DEFAULT_MAX_BODY_BYTES,
  type RawBody,
  type ReadRawBodyOptions,
  readRawBody,
  toRawWebhookRequest,
} from './raw-body.js';
export {
  createWebhookHandler,
  DEFAULT_DEDUPE_LEASE_MS,
  DEFAULT_DEDUPE_TTL_MS,
  type WebhookEventListener,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookSource,
} from './webhook-handler.js';
