// Bulk helpers
export {
  BULK_SEND_ABORTED,
  type BulkStreamOptions,
  type BulkStreamResult,
  bulkConcurrency,
  collectBulk,
  isBulkSendAborted,
  streamBulk,
} from './bulk/bulk-stream.js';
export {
  type FanOutOptions,
  fanOut,
  fanOutStream,
  possiblySentError,
  toBulkRecipientError,
} from './bulk/fan-out.js';
// Errors
export * from './errors/index.js';
export { mayHaveBeenProcessed, mayHaveBeenSent } from './http/ambiguous-failure.js';
// HTTP transport
export {
  clampTimerMs,
  durationMsSchema,
  MAX_TIMER_MS,
  parseTimeoutMs,
  setBoundedTimeout,
  timeoutMsSchema,
} from './http/bounded-duration.js';
export type { RequestEvent, ResponseEvent, RetryEvent, TransportHooks } from './http/hooks.js';
export {
  bodyExcerpt,
  describeBody,
  type ErrorMapper,
  errorFields,
  type HttpErrorContext,
  httpStatusError,
} from './http/http-error.js';
export { parseJsonSafely } from './http/json.js';
export {
  combineRateLimiters,
  GroupedRateLimiter,
  type GroupedRateLimitOptions,
  isRateLimiter,
  type RateLimiter,
  type RateLimitOptions,
  resolveRateLimiter,
  TokenBucketRateLimiter,
} from './http/rate-limiter.js';
export { redactError, redactHeaders, redactText, redactValue } from './http/redaction.js';
export type { MultipartData, MultipartPart, RequestBody } from './http/request-body.js';
export {
  backoffDelay,
  DEFAULT_RETRY,
  parseRetryAfter,
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveRetryOptions,
  sleep,
} from './http/retry-policy.js';
export {
  type HttpMethod,
  HttpTransport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './http/transport.js';
export { buildUrl, encodeQuery, normalizeBaseUrl, type Query, type QueryValue, urlPath } from './http/url.js';
export { stableJson } from './internal/stable-json.js';
// Model
export * from './model/account.js';
export * from './model/contact.js';
export * from './model/contact-card.js';
export * from './model/conversation-message.js';
export * from './model/inbound-event.js';
export * from './model/media.js';
export * from './model/outbound-message.js';
export * from './model/page.js';
export * from './model/phone.js';
export * from './model/send-result.js';
export * from './model/template.js';
export * from './model/template-message.js';
// Provider contract
export { CAPABILITIES, type Capability, sendCapability } from './provider/capability.js';
export { configFromEnv, PROVIDER_ENV_VARIABLE, type SwitchboardConfig } from './provider/config-from-env.js';
export {
  type Environment,
  type LoadProviderOptions,
  loadProvider,
  MAX_CONFIG_DEPTH,
  type ResolvedProviderConfig,
  resolveEnvReferences,
  resolveProviderConfig,
} from './provider/load-provider.js';
export type {
  BulkSendOptions,
  MessagingProvider,
  ProviderWebhooks,
  RawWebhookRequest,
  SendOptions,
} from './provider/messaging-provider.js';
export { baseUrlSchema, normalizeBearerToken, readEnv } from './provider/option-helpers.js';
export type { EnvVariable, ProviderDefinition } from './provider/provider-definition.js';
export {
  type AccountFacet,
  type ContactsFacet,
  type ConversationListOptions,
  type ConversationsFacet,
  FACET_OPERATIONS,
  type FacetName,
  type FacetOperation,
  type MediaFacet,
  type OperatorsFacet,
  type ProviderFacets,
  type TemplateListOptions,
  type TemplatesFacet,
} from './provider/provider-facets.js';
export {
  isProviderGateway,
  type ProviderGateway,
  providerGatewayProblem,
} from './provider/provider-gateway.js';
export type { MediaLimit, ProviderLimits } from './provider/provider-limits.js';
export {
  type ProviderOptions,
  providerOptionsSchema,
  readProviderOptions,
} from './provider/provider-options.js';
export {
  type ProviderTransportOptions,
  rateLimitOptionsSchema,
  retryOptionsSchema,
  transportConfigShape,
  transportOptionsShape,
} from './provider/provider-transport-options.js';
export { requireCapability } from './provider/require-capability.js';
export {
  facetCapabilities,
  OPERATION_CAPABILITIES,
  type OperationFunction,
  type ProviderOperation,
  requireFacet,
  requireOperation,
} from './provider/require-facet.js';
export {
  idempotencyKeySchema,
  isAbortSignal,
  validateBulkOptions,
  validateSendOptions,
} from './provider/send-options.js';
export {
  type CapabilityHolder,
  messageMedia,
  parseOutboundMessage,
  requiredSendCapabilities,
  validateBulkRequest,
  validateOutboundMessage,
} from './provider/validate-send.js';
export {
  WHATSAPP_MEDIA_LIMITS,
  WHATSAPP_MESSAGE_LIMITS,
  type WhatsAppMediaLimit,
} from './provider/whatsapp-limits.js';
// Router, idempotency and the customer-service window
export * from './router/index.js';
// Webhooks
export * from './webhooks/index.js';
