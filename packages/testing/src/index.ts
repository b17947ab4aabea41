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
