export type { WatiAttributeFilter } from './contact-filter.js';
export { WATI_ATTRIBUTE_OPERATORS } from './contact-filter.js';
export type { WatiPageLink } from './pagination.js';
export { defaultWatiTemplates } from './wati-default-templates.js';
export { createWatiEmulator } from './wati-emulator.js';
export type { WatiEmulatorContact, WatiEmulatorOptions } from './wati-emulator-options.js';
export type { WatiEmulator, WatiEmulatorServer } from './wati-emulator-types.js';
export type {
  WatiSimulatedInbound,
  WatiSimulatedInboundCommon,
  WatiSimulatedInboundResult,
} from './wati-inbound.js';
export type {
  WatiContactRecord,
  WatiMediaRecord,
  WatiMessageMedia,
  WatiMessageRecord,
  WatiMessageStatus,
  WatiNameValue,
  WatiSentTemplate,
  WatiTypingIndicatorRecord,
  WatiWebhookDelivery,
} from './wati-records.js';
export { SESSION_WINDOW_MS, WatiEmulatorState } from './wati-state.js';
export type {
  WatiEmulatorTemplate,
  WatiEmulatorTemplateButton,
  WatiEmulatorTemplateHeader,
  WatiTemplateRecord,
} from './wati-template.js';
export type { WatiBsuidEventOptions, WatiBsuidUser } from './webhooks/bsuid-events.js';
export { defaultBsuid, toWatiBsuidEvent, WATI_BSUID_VARIANTS } from './webhooks/bsuid-events.js';
export type {
  WatiInboundMediaType,
  WatiInboundPayloadBase,
  WatiMessageReceivedInput,
  WatiNewContactPayloadInput,
} from './webhooks/inbound-payloads.js';
export type { WatiDeliveryStatus, WatiFailure } from './webhooks/record-events.js';
export type {
  WatiFailedPayloadInput,
  WatiSessionSentPayloadInput,
  WatiStatusPayloadInput,
  WatiTemplateSentPayloadInput,
} from './webhooks/status-payloads.js';
export { DEFAULT_STATUS_DELAYS_MS } from './webhooks/status-reporter.js';
export type { WatiWebhookPayload } from './webhooks/wati-webhook-payloads.js';
export { watiWebhookPayloads } from './webhooks/wati-webhook-payloads.js';
export type { WatiWebhookTarget } from './webhooks/wati-webhook-target.js';
