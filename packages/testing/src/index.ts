export type { EmulatorRetention } from './emulator-kit/retention.js';
export { DEFAULT_EMULATOR_RETENTION } from './emulator-kit/retention.js';
export type { EmulatorStatusDelays } from './emulator-kit/status-progression.js';
export { DEFAULT_STATUS_DELAYS } from './emulator-kit/status-progression.js';
export type { EmulatorWebhookDelivery, WebhookRedelivery } from './emulator-kit/webhook-dispatcher.js';
export type { FailTimesResolver, StatusFaultOptions } from './faults.js';
export { failTimes, faults } from './faults.js';
export type {
  HandlerError,
  LoopbackServer,
  LoopbackServerOptions,
  UnhandledRequestStrategy,
} from './loopback-server.js';
export { startLoopbackServer } from './loopback-server.js';
export type { RecordedRequestInit } from './recorded-request.js';
export { RecordedRequest } from './recorded-request.js';
export * from './wati/index.js';
export type { DeliverWebhookOptions, WebhookDeliveryResult, WebhookSigning } from './webhook-delivery.js';
export { deliverWebhook, signPayload } from './webhook-delivery.js';
// Emulators
export * from './whatsapp-cloud/index.js';
