// Maton's per-account limit lives in core (shared with WhatsApp Cloud); re-exported for existing imports.
export { MATON_REQUESTS_PER_SECOND } from '@switchboard/core';
export { createWatiErrorMapper } from './map-wati-error.js';
export {
  createWatiRateLimiter,
  WATI_CONTACT_CALLS_PER_10S,
  WATI_RATE_LIMIT_GROUPS,
  WATI_TEMPLATE_SENDS_PER_10S,
  type WatiRateLimitGroup,
  watiRateLimitGroups,
} from './rate-limits.js';
export type { CsvSource, TemplateCsvRequest, TemplateCsvResult } from './send-template-csv.js';
export { WATI_BULK_BATCH_SIZE, WATI_LIMITS, watiCapabilities } from './wati-capabilities.js';
export { WATI_ENV, type WatiConfig, wati, watiConfigSchema } from './wati-definition.js';
export {
  WATI_MATON_CONTROL_BASE_URL,
  type WatiMatonConnectionsOptions,
  watiMatonConnections,
} from './wati-maton-connections.js';
export {
  DEFAULT_TEMPLATE_CACHE_TTL_MS,
  DEFAULT_WEBHOOK_SECRET_HEADER,
  type SessionTextEncoding,
  WATI_MATON_BASE_URL,
  WATI_PROVIDER_ID,
  type WatiOptions,
  type WatiPlan,
  type WatiWebhookSecret,
} from './wati-options.js';
export { createWati, isWatiProvider, sendTemplateCsv, type WatiProvider } from './wati-provider.js';
export { classifyWatiFailureText } from './wati-soft-failure.js';
