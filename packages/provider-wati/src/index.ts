export { createWatiErrorMapper, type WatiErrorMapperOptions } from './map-wati-error.js';
export {
  createWatiRateLimiter,
  WATI_CONTACT_CALLS_PER_10S,
  WATI_RATE_LIMIT_GROUPS,
  WATI_TEMPLATE_SENDS_PER_10S,
  type WatiRateLimiterOptions,
  type WatiRateLimitGroup,
  watiRateLimitGroups,
} from './rate-limits.js';
export { SESSION_QUERY_MAX_BYTES } from './send-session-text.js';
export type { CsvSource, TemplateCsvRequest, TemplateCsvResult } from './send-template-csv.js';
export type { WatiChannel } from './v3-channels-api.js';
export { WATI_BULK_BATCH_SIZE, WATI_LIMITS, watiCapabilities } from './wati-capabilities.js';
export { WATI_ENV, type WatiConfig, wati, watiConfigSchema } from './wati-definition.js';
export { type WatiMatonConnectionsOptions, watiMatonConnections } from './wati-maton-connections.js';
export {
  DEFAULT_TEMPLATE_CACHE_TTL_MS,
  DEFAULT_WEBHOOK_SECRET_HEADER,
  type SessionTextEncoding,
  WATI_GATEWAY_API,
  WATI_PROVIDER_ID,
  WATI_V3_PATH_PREFIX,
  type WatiApi,
  type WatiOptions,
  type WatiPlan,
  type WatiWebhookSecret,
} from './wati-options.js';
export {
  createWati,
  isWatiProvider,
  sendTemplateCsv,
  type WatiProvider,
  type WatiV3Provider,
} from './wati-provider.js';
export {
  WATI_CONTACT_FILTER_OPERATORS,
  type WatiContactFilter,
  type WatiContactFilterOperator,
  type WatiContactListOptions,
  type WatiSendOptions,
  watiContactFilterSchema,
  watiContactListOptionsSchema,
  watiSendOptionsSchema,
} from './wati-provider-options.js';
export { classifyWatiFailureText } from './wati-soft-failure.js';
export { createWatiWebhooks, type WatiWebhooksOptions } from './webhooks/wati-webhooks.js';
