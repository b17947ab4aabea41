import {
  baseUrlSchema,
  type Environment,
  isProviderGateway,
  normalizeBearerToken,
  type ProviderGateway,
  type ProviderTransportOptions,
  parseOrThrow,
  providerGatewayProblem,
  readEnv,
  transportConfigShape,
  transportOptionsShape,
  ValidationError,
} from '@switchboard/core';
import { lazySchema, strictObjectOfGiven } from '@switchboard/core/zod';
import { createMatonGateway } from '@switchboard/maton';
import * as z from 'zod/mini';
import { WATI_PROVIDER_ID } from './provider-id.js';
import { credentialIssues, gatewayIssues } from './wati-credentials.js';
import {
  DEFAULT_WEBHOOK_SECRET_HEADER,
  resolveWebhookSecret,
  type WatiWebhookSecret,
  webhookSecretSchema,
} from './webhooks/webhook-secret.js';

export { DEFAULT_WEBHOOK_SECRET_HEADER, WATI_PROVIDER_ID, type WatiWebhookSecret };
/** The name a gateway relays WATI under (`gateway.baseUrl('wati')`). */
export const WATI_GATEWAY_API = 'wati';
/** How long the template list used to name positional parameters is trusted. */
export const DEFAULT_TEMPLATE_CACHE_TTL_MS = 5 * 60_000;

/** WATI subscription plans; they set the documented template-send rate (30/60/100 per 10 s). */
export type WatiPlan = 'growth' | 'pro' | 'business';

/**
 * Which WATI API the provider speaks; see {@link WatiOptions.api}. `legacy` is v1/v2
 * (`/{tenantId}/api/v1|v2/…`), `v3` is `/api/ext/v3/…` (WATI's recommended API) with the legacy
 * endpoints kept for what V3 lacks.
 */
export type WatiApi = 'legacy' | 'v3';

/** The path every V3 endpoint lives under, on the host (no tenant segment). */
export const WATI_V3_PATH_PREFIX = '/api/ext/v3';

/** How the session text travels; see {@link WatiOptions.sessionTextEncoding}. */
export type SessionTextEncoding = 'form' | 'query' | 'both';

/**
 * Options of {@link createWati}. `retry`, `rateLimit`, `timeoutMs`, `dispatcher` and `hooks` are
 * core's {@link ProviderTransportOptions}. The default `rateLimit` is WATI's per-endpoint limits for
 * `plan` (see `createWatiRateLimiter`), combined with the account limiter of the gateway, if any
 * (Maton's 10 requests/s, which every provider using the same Maton key shares, WhatsApp Cloud
 * included).
 *
 * Credentials left out are read from the environment (`env`, default `process.env`): `token` from
 * `WATI_API_TOKEN` and `baseUrl` from `WATI_API_URL` for `direct`, `apiKey` from `MATON_API_KEY` and
 * `connectionId` from `MATON_CONNECTION_ID` for `maton`. An option given wins over its variable.
 *
 * @example
 * ```ts
 * createWati({ transport: 'direct', baseUrl: 'https://live-mt-server.wati.io/123456', token: process.env.WATI_API_TOKEN });
 * createWati({ transport: 'direct' }); // WATI_API_URL and WATI_API_TOKEN from the environment
 * createWati({ transport: 'maton', apiKey: process.env.MATON_API_KEY, connectionId: 'c0ffee…' });
 * createWati({ gateway: createMatonGateway({ apiKey: process.env.MATON_API_KEY! }) }); // a gateway shared with other providers
 * ```
 */
export interface WatiOptions extends ProviderTransportOptions {
  /**
   * `direct` calls your WATI tenant; `maton` goes through the Maton gateway, which injects the WATI
   * token (the adapter creates it with `createMatonGateway({ apiKey, connectionId })`). Required
   * unless `gateway` is given.
   */
  transport?: 'maton' | 'direct';
  /**
   * A gateway between this provider and WATI (e.g. `createMatonGateway(…)` from `@switchboard/maton`,
   * shared with other providers): it supplies the base URL, the credentials, the account limiter and
   * its own error hints. Instead of `transport`, `apiKey`, `connectionId` and `token`.
   */
  gateway?: ProviderGateway;
  /** Maton API key; required for `maton`. Default: `MATON_API_KEY`. */
  apiKey?: string;
  /** WATI API token; required for `direct`. A pasted `Bearer ` prefix is removed. Default: `WATI_API_TOKEN`. */
  token?: string;
  /**
   * `direct`: your tenant's API endpoint from WATI → API Docs, e.g. `https://live-mt-server.wati.io/123456`
   * (required; default `WATI_API_URL`). With a gateway (`maton` included): replaces the gateway's
   * WATI base URL (proxies, tests).
   */
  baseUrl?: string;
  /** Template send API: `v2` (default) returns a `localMessageId` per recipient; `v1` returns no id. */
  templateApi?: 'v1' | 'v2';
  /**
   * Which WATI API to call. `legacy` (default, unchanged behaviour): v1/v2 under the tenant URL. `v3`:
   * WATI's recommended `/api/ext/v3/…` endpoints for session text, files, buttons, lists, templates
   * (single and bulk), template list, contacts, history and operator assignment; what V3 lacks
   * (quoted replies, media download, CSV broadcasts, filtered contact lists) still goes to the legacy
   * endpoint, so keep `baseUrl` the tenant URL. `templateApi` is not used by V3 sends. See
   * `docs/v3-contract.md`.
   */
  api?: WatiApi;
  /**
   * `api: 'v3'`: the base URL V3 paths (`/api/ext/v3/…`) are appended to. Default: for `direct`,
   * `baseUrl` without its tenant segment (`https://live-mt-server.wati.io/123456` →
   * `https://live-mt-server.wati.io`), as WATI documents V3 without a tenant; with a gateway, the
   * gateway's WATI base URL unchanged (Maton does not document V3 forwarding: set this if your relay
   * serves V3 elsewhere).
   */
  v3BaseUrl?: string;
  /** `maton`: the connection to use when you have several, sent as `Maton-Connection`. Default: `MATON_CONNECTION_ID`. */
  connectionId?: string;
  /** Your WATI plan, for the default template-send rate limit. Default `growth` (the strictest). */
  plan?: WatiPlan;
  /**
   * Where the text of a session message goes. Maton's reference sends a form body
   * (`messageText=…`); WATI's docs and production clients use the query string. `both` (default)
   * sends both, so the request works whichever one WATI binds.
   */
  sessionTextEncoding?: SessionTextEncoding;
  /** Shared secret that `webhooks.parse` requires on every delivery. Without it, the endpoint trusts its network. */
  webhookSecret?: WatiWebhookSecret;
  /** How long the fetched template list is reused to name positional parameters. Default 5 minutes. */
  templateCacheTtlMs?: number;
  /** Where credentials left out are read from. Default `process.env`; pass `{}` to read none. */
  env?: Environment;
}

/** Options with defaults applied and credentials normalized; the transport options as given. */
export interface ResolvedWatiOptions extends ProviderTransportOptions {
  /** The gateway requests go through; `undefined` for `direct`. */
  gateway: ProviderGateway | undefined;
  /** The base URL of WATI's API: the option, else the gateway's WATI base URL. */
  baseUrl: string;
  /** `direct`: the WATI token, without a `Bearer ` prefix. */
  token: string | undefined;
  templateApi: 'v1' | 'v2';
  /** The API in use; `legacy` unless configured. */
  api: WatiApi;
  /** Where V3 paths go (see {@link WatiOptions.v3BaseUrl}); `undefined` for `legacy`. */
  v3BaseUrl: string | undefined;
  plan: WatiPlan;
  sessionTextEncoding: SessionTextEncoding;
  webhookSecret: Required<WatiWebhookSecret> | undefined;
  templateCacheTtlMs: number;
}

const optionalText = /* @__PURE__ */ lazySchema(() => z.optional(z.string()));

const watiOwnJsonShape = {
  transport: /* @__PURE__ */ lazySchema(() => z.enum(['maton', 'direct'])),
  apiKey: optionalText,
  token: optionalText,
  baseUrl: /* @__PURE__ */ lazySchema(() => z.optional(baseUrlSchema)),
  templateApi: /* @__PURE__ */ lazySchema(() => z.optional(z.enum(['v1', 'v2']))),
  api: /* @__PURE__ */ lazySchema(() => z.optional(z.enum(['legacy', 'v3']))),
  v3BaseUrl: /* @__PURE__ */ lazySchema(() => z.optional(baseUrlSchema)),
  connectionId: /* @__PURE__ */ lazySchema(() => z.optional(z.string().check(z.minLength(1)))),
  plan: /* @__PURE__ */ lazySchema(() => z.optional(z.enum(['growth', 'pro', 'business']))),
  sessionTextEncoding: /* @__PURE__ */ lazySchema(() => z.optional(z.enum(['form', 'query', 'both']))),
  templateCacheTtlMs: /* @__PURE__ */ lazySchema(() => z.optional(z.number().check(z.int(), z.gte(0)))),
  webhookSecret: /* @__PURE__ */ lazySchema(() => z.optional(webhookSecretSchema)),
};

/**
 * The JSON-friendly options, shared with the config schema of the `wati` definition. (Typed by
 * reference so declarations name core's transport shape instead of spelling out its types.)
 */
export const watiJsonOptionsShape: typeof watiOwnJsonShape & typeof transportConfigShape = {
  ...watiOwnJsonShape,
  ...transportConfigShape,
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The checks across fields of the factory's options: a gateway or a transport and its credential, `v3BaseUrl` with V3. */
function addRuntimeIssues(
  options: Pick<
    WatiOptions,
    'gateway' | 'transport' | 'apiKey' | 'token' | 'baseUrl' | 'connectionId' | 'api' | 'v3BaseUrl'
  >,
  ctx: z.core.$RefinementCtx,
): void {
  const issues =
    options.gateway === undefined
      ? options.transport === undefined
        ? [{ path: 'transport', message: "is required: 'direct' or 'maton' (or pass gateway)" }]
        : credentialIssues({ ...options, transport: options.transport })
      : gatewayIssues(options);
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  if (options.v3BaseUrl !== undefined && options.api !== 'v3') {
    ctx.addIssue({ code: 'custom', path: ['v3BaseUrl'], message: "is only used with api: 'v3'" });
  }
}

/** The factory's options that no config file holds, beside core's transport options. */
const runtimeOwnShape = {
  transport: /* @__PURE__ */ lazySchema(() => z.optional(watiJsonOptionsShape.transport)),
  gateway: /* @__PURE__ */ lazySchema(() =>
    z.optional(
      z.custom<ProviderGateway>(isProviderGateway, {
        error: (issue) =>
          `must be a ProviderGateway (e.g. createMatonGateway from @switchboard/maton): ${providerGatewayProblem(issue.input)}`,
      }),
    ),
  ),
  env: /* @__PURE__ */ lazySchema(() =>
    z.optional(z.custom<Environment>(isObject, 'must be an object of environment variables')),
  ),
};

type RuntimeOptionsShape = Omit<
  typeof watiJsonOptionsShape,
  keyof typeof runtimeOwnShape | keyof typeof transportOptionsShape
> &
  typeof transportOptionsShape &
  typeof runtimeOwnShape;

/**
 * Every option of the factory. (Typed by reference, as {@link watiJsonOptionsShape} is, so that
 * declarations name core's transport shape.)
 */
const runtimeOptionsShape: RuntimeOptionsShape = {
  ...watiJsonOptionsShape,
  ...transportOptionsShape,
  ...runtimeOwnShape,
};

/**
 * The schema of the factory's options; given `options`, the same schema restricted to the options
 * they have, which parses them alike and builds only those fields' schemas (core's `givenFields`;
 * `wati-options.test.ts` checks both agree).
 *
 * @internal
 */
export function runtimeOptionsSchema(options?: object): z.ZodMiniObject<RuntimeOptionsShape, z.core.$strict> {
  return strictObjectOfGiven(runtimeOptionsShape, options).check(z.superRefine(addRuntimeIssues));
}

/**
 * The options with the credentials a transport needs filled from the environment where left out:
 * `token` ← `WATI_API_TOKEN` and `baseUrl` ← `WATI_API_URL` for `direct`, `apiKey` ← `MATON_API_KEY`
 * and `connectionId` ← `MATON_CONNECTION_ID` for `maton`. A given option (even blank) wins.
 */
function withEnvironment(options: WatiOptions): WatiOptions {
  if (options.gateway !== undefined) return options;
  const env: Environment = isObject(options.env) ? options.env : process.env;
  const filled = { ...options };
  const fill = (field: 'token' | 'baseUrl' | 'apiKey' | 'connectionId', variable: string) => {
    if (filled[field] !== undefined) return;
    const value = readEnv(env, variable);
    if (value !== undefined) filled[field] = value;
  };
  if (options.transport === 'direct') {
    fill('token', 'WATI_API_TOKEN');
    fill('baseUrl', 'WATI_API_URL');
  } else if (options.transport === 'maton') {
    fill('apiKey', 'MATON_API_KEY');
    fill('connectionId', 'MATON_CONNECTION_ID');
  }
  return filled;
}

/**
 * The V3 base URL when `v3BaseUrl` is not given: a direct `baseUrl` loses its last path segment (the
 * tenant id WATI's API Docs page puts there; V3 paths carry none), a gateway's is kept as it is.
 */
export function defaultV3BaseUrl(baseUrl: string, gateway: ProviderGateway | undefined): string {
  if (gateway !== undefined) return baseUrl;
  const url = new URL(baseUrl);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  segments.pop();
  url.pathname = segments.length === 0 ? '/' : `/${segments.join('/')}`;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/$/, '');
}

/**
 * Validates {@link WatiOptions}, reads credentials left out from the environment and applies the
 * defaults; for `maton`, creates the Maton gateway.
 *
 * @throws {ValidationError} naming each offending option (and the environment variable behind a
 *   missing credential); values are never echoed.
 * @throws {UnsupportedFeatureError} when `gateway` does not relay WATI.
 */
export function resolveWatiOptions(options: WatiOptions): ResolvedWatiOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      "Invalid WATI options: pass { transport: 'direct' | 'maton', … } or { gateway }",
      {
        provider: WATI_PROVIDER_ID,
        issues: [{ path: '', message: 'expected an object' }],
      },
    );
  }
  const filled = withEnvironment(options);
  const parsed = parseOrThrow(runtimeOptionsSchema(filled), filled, {
    what: 'WATI options',
    provider: WATI_PROVIDER_ID,
  });
  const gateway =
    parsed.gateway ??
    (parsed.transport === 'maton'
      ? createMatonGateway({
          apiKey: parsed.apiKey ?? '',
          ...(parsed.connectionId === undefined ? {} : { connectionId: parsed.connectionId }),
        })
      : undefined);
  // Without a gateway, the schema has required baseUrl (direct).
  const baseUrl = parsed.baseUrl ?? gateway?.baseUrl(WATI_GATEWAY_API) ?? '';
  return {
    gateway,
    baseUrl,
    token: gateway === undefined ? normalizeBearerToken(parsed.token ?? '') : undefined,
    templateApi: parsed.templateApi ?? 'v2',
    api: parsed.api ?? 'legacy',
    v3BaseUrl: parsed.api === 'v3' ? (parsed.v3BaseUrl ?? defaultV3BaseUrl(baseUrl, gateway)) : undefined,
    plan: parsed.plan ?? 'growth',
    sessionTextEncoding: parsed.sessionTextEncoding ?? 'both',
    webhookSecret:
      parsed.webhookSecret === undefined ? undefined : resolveWebhookSecret(parsed.webhookSecret),
    templateCacheTtlMs: parsed.templateCacheTtlMs ?? DEFAULT_TEMPLATE_CACHE_TTL_MS,
    retry: parsed.retry,
    rateLimit: parsed.rateLimit,
    timeoutMs: parsed.timeoutMs,
    dispatcher: parsed.dispatcher,
    hooks: parsed.hooks,
  };
}
