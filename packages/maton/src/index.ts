export { mapMatonError, matonKeyRejected, matonUpstreamCredentialHint } from './map-maton-error.js';
export { isMatonApp, MATON_APIS, MATON_SETTINGS_URL, type MatonApp } from './maton-apis.js';
export {
  createMatonConnections,
  type MatonConnection,
  type MatonConnectionStatus,
  type MatonConnections,
  type MatonConnectionsOptions,
} from './maton-connections.js';
export {
  createMatonGateway,
  isMatonGateway,
  type MatonGateway,
  type MatonGatewayOptions,
} from './maton-gateway.js';
export { MATON_REQUESTS_PER_SECOND, matonAccountRateLimiter } from './maton-rate-limiter.js';
