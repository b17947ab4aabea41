export { CONFORMANCE_GROUPS, providerConformanceChecks } from './conformance-checks.js';
export { ConformanceError } from './conformance-error.js';
export type {
  ConformanceCapability,
  ConformanceErrorCode,
  ConformanceFacetName,
  ConformanceMessageType,
  ConformanceOperationCapability,
  ConformanceSendCapability,
} from './contract-names.js';
export {
  CONFORMANCE_CAPABILITIES,
  CONFORMANCE_ERROR_CODES,
  CONFORMANCE_FACET_OPERATIONS,
  CONFORMANCE_MESSAGE_TYPES,
} from './contract-names.js';
export { startConformanceEnvironment } from './environment.js';
export { runProviderConformance } from './run-provider-conformance.js';
export type {
  ConformanceBulkRequest,
  ConformanceBulkResult,
  ConformanceCheck,
  ConformanceDelivery,
  ConformanceEmulator,
  ConformanceEnvironmentHandle,
  ConformanceFixtures,
  ConformanceGroup,
  ConformanceHooks,
  ConformanceInboundEvent,
  ConformanceMessage,
  ConformanceMessageFixture,
  ConformanceOperationArgs,
  ConformanceProvider,
  ConformanceProviderContext,
  ConformanceRawWebhookRequest,
  ConformanceSecrets,
  ConformanceSendResult,
  ConformanceServer,
  ConformanceStatus,
  ConformanceTarget,
  ConformanceWebhookFixtures,
  ConformanceWebhookHandler,
  ProviderConformanceBaseOptions,
  ProviderConformanceOptions,
} from './types.js';
