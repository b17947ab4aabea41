export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
export { routerCapabilities, routerLimits } from './combine-providers.js';
export { createRouter, type FailoverEvent, type Router, type RouterOptions } from './create-router.js';
export { type FailoverDecision, failoverDecision, isUnavailability } from './failover-rule.js';
export {
  type IdempotencyRecord,
  type IdempotencyStore,
  MemoryIdempotencyStore,
  type MemoryIdempotencyStoreOptions,
} from './idempotency-store.js';
export { CircuitOpenError, IdempotencyInProgressError } from './router-errors.js';
export type { RoutingContext, RoutingFunction, RoutingPolicy } from './routing-policy.js';
export { MemoryWindowStore, type MemoryWindowStoreOptions, type WindowStore } from './window-store.js';
export {
  type ConversationKey,
  createWindowTracker,
  isSessionWindowClosedStatus,
  SESSION_WINDOW_MS,
  type SessionWindowClosedFailure,
  type WindowState,
  type WindowTracker,
  type WindowTrackerOptions,
} from './window-tracker.js';
export {
  type IdempotencyOptions,
  messageFingerprint,
  withIdempotency,
} from './with-idempotency.js';
export {
  type TemplateFallbackOptions,
  type TemplateFallbackReason,
  withTemplateFallback,
} from './with-template-fallback.js';
