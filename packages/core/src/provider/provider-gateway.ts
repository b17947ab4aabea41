import type { SwitchboardError } from '../errors/switchboard-error.js';
import type { HttpErrorContext } from '../http/http-error.js';
import { isRateLimiter, type RateLimiter } from '../http/rate-limiter.js';

/**
 * An API gateway between a provider adapter and the provider's API, such as Maton: it holds the
 * credential, serves each upstream API under a base URL of its own, may limit the account's request
 * rate, and answers some errors itself. Core only describes it; a gateway package implements it, and
 * every adapter accepts the same object (`createWati({ gateway })`, `createWhatsAppCloud({ gateway, … })`).
 */
export interface ProviderGateway {
  /** The gateway's name, e.g. `maton`, for messages. */
  readonly id: string;
  /**
   * The base URL under which the gateway relays `api`, e.g. `whatsapp-business` or `wati`.
   *
   * @throws {UnsupportedFeatureError} when the gateway does not relay that API.
   */
  baseUrl(api: string): string;
  /** Headers every request through the gateway carries (its credential, the account connection). */
  headers(): Readonly<Record<string, string>>;
  /** Every secret the gateway holds, so transports redact them from errors, hooks and `raw`. */
  readonly secrets: readonly string[];
  /** The budget every request through the gateway draws on, when the gateway limits its accounts. */
  readonly rateLimiter: RateLimiter | undefined;
  /**
   * Classifies an error response that the gateway produced itself (its credential refused, no
   * account connected, its own outage) for requests to `api`; `undefined` leaves the response to the
   * adapter, as an answer of the upstream API.
   */
  mapError(context: HttpErrorContext, api: string): SwitchboardError | undefined;
  /**
   * What to check when the upstream API refuses the credential that the gateway holds for the user
   * (it is not the user's own token), for error messages.
   */
  upstreamCredentialHint(api: string): string;
  /**
   * Rewrites the path an adapter built for `api` (e.g. `/v21.0/106540352242922/messages`) for a
   * gateway that exposes the API under other paths; absent for gateways that keep the API's paths,
   * as Maton does.
   */
  rewritePath?(api: string, path: string): string;
}

const GATEWAY_METHODS = ['baseUrl', 'headers', 'mapError', 'upstreamCredentialHint'] as const;

/**
 * What keeps `value` from being a {@link ProviderGateway}, e.g. `rateLimiter is not a RateLimiter`,
 * or `undefined` when it is one. It names the member only, never a value (a gateway holds secrets).
 */
export function providerGatewayProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not an object';
  const gateway = value as Record<string, unknown>;
  if (typeof gateway.id !== 'string') return 'id is not a string';
  const missing = GATEWAY_METHODS.find((method) => typeof gateway[method] !== 'function');
  if (missing !== undefined) return `${missing} is not a function`;
  if (!Array.isArray(gateway.secrets) || !gateway.secrets.every((secret) => typeof secret === 'string'))
    return 'secrets is not an array of strings';
  if (gateway.rateLimiter !== undefined && !isRateLimiter(gateway.rateLimiter))
    return 'rateLimiter is not a RateLimiter (an object with acquire)';
  if (gateway.rewritePath !== undefined && typeof gateway.rewritePath !== 'function')
    return 'rewritePath is not a function';
  return undefined;
}

/**
 * True for an object with every member of {@link ProviderGateway}: its methods, `secrets` as an
 * array of strings, `rateLimiter` absent or a `RateLimiter`, and `rewritePath` absent or a function. Adapters
 * check their `gateway` option with it, so a malformed gateway is refused when the provider is
 * created, not at its first request; their error says which member ({@link providerGatewayProblem}).
 */
export function isProviderGateway(value: unknown): value is ProviderGateway {
  return providerGatewayProblem(value) === undefined;
}
