import {
  baseUrlSchema,
  isRateLimiter,
  normalizeBearerToken,
  type ProviderGateway,
  parseOrThrow,
  type RateLimiter,
  type RateLimitOptions,
  rateLimitOptionsSchema,
  resolveRateLimiter,
  UnsupportedFeatureError,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { mapMatonError, matonUpstreamCredentialHint } from './map-maton-error.js';
import { isMatonApp, MATON_APIS, type MatonApp } from './maton-apis.js';
import {
  createMatonConnections,
  type MatonConnections,
  type MatonConnectionsOptions,
} from './maton-connections.js';
import { matonAccountRateLimiter } from './maton-rate-limiter.js';

/** Options of {@link createMatonGateway}. */
export interface MatonGatewayOptions {
  /** The Maton API key (`MATON_API_KEY`). A pasted `Bearer ` prefix is removed. */
  apiKey: string;
  /** The connection to use when the account has several for an app (`MATON_CONNECTION_ID`); sent as `Maton-Connection`. */
  connectionId?: string;
  /**
   * The account budget: by default Maton's 10 requests/s, shared in this process by every gateway
   * made with the same key (Maton limits per account, whichever app). `false` turns it off; a rate
   * or a limiter replaces it.
   */
  rateLimit?: false | RateLimitOptions | RateLimiter;
  /** Replaces the gateway base URL of an app, e.g. `{ wati: 'http://127.0.0.1:4010' }` for a proxy or emulator. */
  baseUrls?: Partial<Record<MatonApp, string>>;
}

/** The Maton gateway: a {@link ProviderGateway} plus its connections control plane. */
export interface MatonGateway extends ProviderGateway {
  readonly id: 'maton';
  /** The connection sent as `Maton-Connection`, if any. */
  readonly connectionId: string | undefined;
  /** Lists, creates, reads and deletes this key's connections of `app`. */
  connections(app: MatonApp, options?: Omit<MatonConnectionsOptions, 'apiKey' | 'app'>): MatonConnections;
}

const optionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    apiKey: z.pipe(
      z.pipe(
        z.string({ error: 'is required: pass apiKey or set MATON_API_KEY' }),
        z.transform(normalizeBearerToken),
      ),
      z.string().check(z.minLength(1, 'is required: pass apiKey or set MATON_API_KEY')),
    ),
    connectionId: z.optional(z.string().check(z.minLength(1))),
    rateLimit: z.optional(
      z.union([
        z.literal(false),
        z.custom<RateLimiter>(isRateLimiter, 'must be a rate limiter'),
        rateLimitOptionsSchema,
      ]),
    ),
    baseUrls: z.optional(
      // http(s) only, as every base URL: anything else failed later, in the provider's transport.
      z.partialRecord(z.enum(Object.keys(MATON_APIS) as [MatonApp, ...MatonApp[]]), baseUrlSchema),
    ),
  }),
);

/**
 * Creates the Maton gateway that both provider adapters accept: one object holds the key, the
 * connection, the account's 10 requests/s budget and Maton's error hints, so several providers
 * (WhatsApp Cloud and WATI) share them.
 *
 * @example
 * ```ts
 * import { createMatonGateway } from '@switchboard/maton';
 * const maton = createMatonGateway({ apiKey: process.env.MATON_API_KEY! });
 * const whatsapp = createWhatsAppCloud({ gateway: maton, phoneNumberId: '106540352242922' });
 * const wati = createWati({ gateway: maton });
 * const [active] = await maton.connections('wati').list({ status: 'ACTIVE' });
 * ```
 * @throws {ValidationError} naming the option, never its value.
 */
export function createMatonGateway(options: MatonGatewayOptions): MatonGateway {
  const parsed = parseOrThrow(optionsSchema, options, { what: 'Maton gateway options', provider: 'maton' });
  const { apiKey, connectionId } = parsed;
  const rateLimiter = resolveRateLimiter(parsed.rateLimit, () => matonAccountRateLimiter(apiKey));
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (connectionId !== undefined) headers['maton-connection'] = connectionId;
  Object.freeze(headers);
  return {
    id: 'maton',
    connectionId,
    secrets: [apiKey],
    rateLimiter,
    baseUrl(api) {
      if (!isMatonApp(api)) {
        throw new UnsupportedFeatureError(
          `The Maton gateway does not relay "${api}": it relays ${Object.keys(MATON_APIS).join(', ')}`,
          { provider: 'maton', capability: api },
        );
      }
      return parsed.baseUrls?.[api] ?? MATON_APIS[api].gatewayBaseUrl;
    },
    headers: () => headers,
    mapError: mapMatonError,
    upstreamCredentialHint: matonUpstreamCredentialHint,
    connections: (app, connectionOptions = {}) =>
      createMatonConnections({ ...connectionOptions, apiKey, app }),
  };
}

/** True for a gateway made by {@link createMatonGateway}. */
export function isMatonGateway(gateway: ProviderGateway | undefined): gateway is MatonGateway {
  return gateway?.id === 'maton' && typeof (gateway as Partial<MatonGateway>).connections === 'function';
}
