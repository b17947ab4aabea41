export {
  DEFAULT_CLOUD_ACCESS_TOKEN,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
  DEFAULT_CLOUD_TEMPLATES,
} from './cloud-defaults.js';
export type {
  CloudBusinessProfile,
  CloudEmulatorPhoneNumber,
  CloudInboundMessageRecord,
  CloudSentMessage,
  CloudStoredMedia,
  CloudStoredTemplate,
  CloudTemplateCategory,
  CloudTemplateStatus,
  CloudWebhookDelivery,
  EmulatorTemplate,
  EmulatorTemplateButton,
  EmulatorTemplateComponent,
  WhatsAppCloudEmulatorState,
} from './cloud-emulator-types.js';
export type { CloudStatusError } from './cloud-status-reporter.js';
export type { CloudStatusDelays, CloudWebhookTarget } from './cloud-webhook-target.js';
export { DEFAULT_CLOUD_STATUS_DELAYS } from './cloud-webhook-target.js';
export { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';
export type { MetaOpenApiFix } from './meta-openapi-fixes.js';
export { META_OPENAPI_FIXES } from './meta-openapi-fixes.js';
export type { SchemaMap, SchemaNode } from './schema-nodes.js';
export type {
  CloudInboundMessage,
  CloudMessageWebhookInput,
  CloudPricingCategory,
  CloudStatusObject,
  CloudStatusValue,
  CloudStatusWebhookInput,
  CloudWebhookContact,
  CloudWebhookError,
  CloudWebhookMetadata,
  CloudWebhookPayload,
  CloudWebhookValue,
} from './webhook-payloads.js';
export { buildCloudMessageWebhook, buildCloudStatusWebhook } from './webhook-payloads.js';
export type {
  CloudInboundMessageInput,
  CloudInboundSender,
  CloudSimulatedInboundResult,
  WhatsAppCloudEmulator,
  WhatsAppCloudEmulatorOptions,
} from './whatsapp-cloud-emulator.js';
