// The provider, its definition and options, its per-call provider options, what it can do, its
// limits, the Graph error table and the deprecated Maton connections helper.
export {
  GRAPH_ERROR_RULES,
  type GraphErrorKind,
  type GraphErrorRule,
  graphErrorRule,
} from './graph-error-codes.js';
export { WHATSAPP_CLOUD_MEDIA_LIMITS, type WhatsAppCloudMediaLimit } from './media-rules.js';
export {
  createWhatsAppCloudWebhooks,
  type WhatsAppCloudWebhooksOptions,
} from './webhooks/whatsapp-cloud-webhooks.js';
export {
  WHATSAPP_CLOUD_CAPABILITIES,
  WHATSAPP_CLOUD_UNSUPPORTED,
  whatsappCloudCapabilities,
} from './whatsapp-cloud-capabilities.js';
export {
  WHATSAPP_CLOUD_ENV,
  whatsappCloud,
  whatsappCloudConfigFromEnv,
  whatsappCloudConfigSchema,
} from './whatsapp-cloud-definition.js';
export { WHATSAPP_CLOUD_LIMITS, type WhatsAppCloudLimits } from './whatsapp-cloud-limits.js';
export { MATON_WHATSAPP_APP, whatsappCloudMatonConnections } from './whatsapp-cloud-maton-connections.js';
export {
  DEFAULT_GRAPH_API_VERSION,
  GRAPH_BASE_URL,
  WHATSAPP_CLOUD_GATEWAY_API,
  WHATSAPP_CLOUD_PROVIDER_ID,
  type WhatsAppCloudOptions,
} from './whatsapp-cloud-options.js';
export { createWhatsAppCloud, type WhatsAppCloudProvider } from './whatsapp-cloud-provider.js';
export {
  BIZ_OPAQUE_CALLBACK_DATA_MAX_LENGTH,
  type WhatsAppCloudProviderOptions,
  whatsappCloudProviderOptionsSchema,
} from './whatsapp-cloud-provider-options.js';
