import {
  baseUrlSchema,
  type Environment,
  isProviderGateway,
  normalizeBearerToken,
  type ProviderGateway,
  type ProviderTransportOptions,
  parseOrThrow,
  providerGatewayProblem,
  type RetryOptions,
  readEnv,
  transportConfigShape,
  transportOptionsShape,
  ValidationError,
} from '@switchboard/core';
import { lazySchema, strictObjectOfGiven } from '@switchboard/core/zod';
import { createMatonGateway } from '@switchboard/maton';
import * as z from 'zod/mini';

import { WHATSAPP_CLOUD_PROVIDER_ID } from './provider-id.js';

export { WHATSAPP_CLOUD_PROVIDER_ID };
/** Meta's Graph API host, used by the `direct` transport. */
export const GRAPH_BASE_URL = 'https://graph.facebook.com';
/** The Graph API version every path starts with unless `apiVersion` says otherwise. */
export const DEFAULT_GRAPH_API_VERSION = 'v21.0';
/**
 * The name under which a {@link ProviderGateway} relays the WhatsApp Cloud API: the `api` argument
 * of its `baseUrl`, `mapError`, `upstreamCredentialHint` and `rewritePath` (Maton's app name too).
 */
export const WHATSAPP_CLOUD_GATEWAY_API = 'whatsapp-business';

/**
 * Options of {@link createWhatsAppCloud}. `retry`, `rateLimit`, `timeoutMs`, `dispatcher` and
 * `hooks` are core's {@link ProviderTransportOptions}; the default `rateLimit` is the gateway's
 * (for `maton`, the 10 requests/s budget of the Maton API key, shared by every provider created with
 * that key, WATI included, since Maton limits per account) and none for `direct`.
 *
 * An option you pass wins; `accessToken`, `apiKey`, `connectionId`, `phoneNumberId` and
 * `businessAccountId` otherwise fall back to the environment variable named beside each (from `env`,
 * default `process.env`), as the validation messages say.
 *
 * @example
 * ```ts
 * createWhatsAppCloud({ transport: 'direct', accessToken: process.env.WHATSAPP_ACCESS_TOKEN, phoneNumberId: '106540352242922' });
 * createWhatsAppCloud({ transport: 'maton', apiKey: process.env.MATON_API_KEY, phoneNumberId: '106540352242922' });
 * createWhatsAppCloud({ gateway: createMatonGateway({ apiKey: process.env.MATON_API_KEY! }), phoneNumberId: '106540352242922' });
 * createWhatsAppCloud({ transport: 'direct' }); // token and number from WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID
 * ```
 */
export interface WhatsAppCloudOptions extends ProviderTransportOptions {
  /**
   * `direct` calls graph.facebook.com with your Meta token; `maton` goes through the Maton gateway
   * (built from `apiKey` and `connectionId`), which injects it. Required unless you pass `gateway`.
   */
  transport?: 'maton' | 'direct';
  /**
   * The gateway every request goes through, instead of `transport`: any {@link ProviderGateway}
   * (e.g. `createMatonGateway({ apiKey })` from `@switchboard/maton`, shared with other providers).
   * It gives the base URL (unless `baseUrl` is set), the headers and credentials, the default rate
   * limiter and the errors it produces itself; `transport`, `apiKey`, `accessToken` and
   * `connectionId` must then be omitted. Not part of the JSON config.
   */
  gateway?: ProviderGateway;
  /** Maton API key, for `maton` (`MATON_API_KEY`). A pasted `Bearer ` prefix is removed. */
  apiKey?: string;
  /** Meta access token, ideally a System User token, for `direct` (`WHATSAPP_ACCESS_TOKEN`). */
  accessToken?: string;
  /** The numeric Phone number ID from WhatsApp Manager or the App Dashboard; required (`WHATSAPP_PHONE_NUMBER_ID`). */
  phoneNumberId?: string;
  /** WhatsApp Business Account id (`WHATSAPP_BUSINESS_ACCOUNT_ID`); needed for templates and to list numbers. */
  businessAccountId?: string;
  /** Graph API version in every path, e.g. `v21.0` (default). */
  apiVersion?: string;
  /** The Maton connection to use when you have several (`MATON_CONNECTION_ID`); sent as `Maton-Connection`. Ignored for `direct`. */
  connectionId?: string;
  /** Replaces the base URL (`https://graph.facebook.com` or the gateway's) for proxies, emulators and tests. */
  baseUrl?: string;
  /**
   * The Meta app secret. With it, `webhooks.parse` rejects deliveries without a valid
   * `X-Hub-Signature-256`; without it, deliveries are NOT authenticated.
   */
  appSecret?: string;
  /** The verify token you typed in the App Dashboard's webhook settings. */
  verifyToken?: string;
  /**
   * Where the fallbacks of `accessToken`, `apiKey`, `connectionId`, `phoneNumberId` and
   * `businessAccountId` are read; default `process.env`. Pass `{}` to read none. Not part of the JSON config.
   */
  env?: Environment;
}

/** Options with defaults applied and credentials normalized; the transport options as given. */
export interface ResolvedWhatsAppCloudOptions extends ProviderTransportOptions {
  /** The gateway requests go through: the one given, the Maton gateway of `transport: 'maton'`, or none (`direct`). */
  gateway: ProviderGateway | undefined;
  /** The Meta token of `direct`, without a `Bearer ` prefix; `undefined` through a gateway. */
  accessToken: string | undefined;
  /** The `baseUrl` option, which replaces the gateway's base and Graph's. */
  baseUrl: string | undefined;
  phoneNumberId: string;
  businessAccountId: string | undefined;
  apiVersion: string;
  appSecret: string | undefined;
  verifyToken: string | undefined;
  /** Every secret value of these options (not the gateway's), for redaction. */
  secrets: string[];
}

const numericId = (what: string, option: string, env: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? `is required: pass ${option} or set ${env}` : 'must be a string',
    })
    .check(z.trim(), z.regex(/^\d+$/, `must be the numeric ${what} id from WhatsApp Manager (digits only)`));

/**
 * Core's `retry` option schema under a type that declarations can name: its inferred output refers
 * to a type core does not export, which would make the exported config schema's type unnameable.
 */
const retryConfigSchema: z.ZodMiniOptional<z.ZodMiniType<false | RetryOptions>> = transportConfigShape.retry;

/** The JSON-friendly options: the config schema of the `whatsappCloud` definition is built from it. */
export const whatsappCloudJsonOptionsShape = {
  transport: /* @__PURE__ */ lazySchema(() =>
    z.enum(
      ['maton', 'direct'],
      "must be 'direct' (with accessToken, WHATSAPP_ACCESS_TOKEN) or 'maton' (with apiKey, MATON_API_KEY)",
    ),
  ),
  apiKey: /* @__PURE__ */ lazySchema(() => z.optional(z.string())),
  accessToken: /* @__PURE__ */ lazySchema(() => z.optional(z.string())),
  phoneNumberId: /* @__PURE__ */ lazySchema(() =>
    numericId('Phone number', 'phoneNumberId', 'WHATSAPP_PHONE_NUMBER_ID'),
  ),
  businessAccountId: /* @__PURE__ */ lazySchema(() =>
    z.optional(numericId('WhatsApp Business Account', 'businessAccountId', 'WHATSAPP_BUSINESS_ACCOUNT_ID')),
  ),
  apiVersion: /* @__PURE__ */ lazySchema(() =>
    z.optional(z.string().check(z.regex(/^v\d+\.\d+$/, 'must be a Graph API version such as v21.0'))),
  ),
  connectionId: /* @__PURE__ */ lazySchema(() => z.optional(z.string().check(z.minLength(1)))),
  baseUrl: /* @__PURE__ */ lazySchema(() => z.optional(baseUrlSchema)),
  appSecret: /* @__PURE__ */ lazySchema(() =>
    z.optional(z.string().check(z.minLength(1, 'must not be empty (omit it instead)'))),
  ),
  verifyToken: /* @__PURE__ */ lazySchema(() =>
    z.optional(z.string().check(z.minLength(1, 'must not be empty (omit it instead)'))),
  ),
  ...transportConfigShape,
  retry: retryConfigSchema,
};

/** Which option and environment variable hold the credential of each transport. */
export const CREDENTIALS = {
  maton: { option: 'apiKey', env: 'MATON_API_KEY' },
  direct: { option: 'accessToken', env: 'WHATSAPP_ACCESS_TOKEN' },
} as const;

/**
 * Reports a missing credential for the chosen transport, naming the option and its environment
 * variable, never a value.
 */
export function addCredentialIssues(
  options: { transport: 'maton' | 'direct'; apiKey?: string | undefined; accessToken?: string | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  // Also runs when other fields failed (see CHECK_ALWAYS), so the options and the transport may be
  // anything: only a string key of CREDENTIALS itself may index it (an object would be converted,
  // which may throw).
  const transport: unknown = typeof options === 'object' && options !== null ? options.transport : undefined;
  if (typeof transport !== 'string' || !Object.hasOwn(CREDENTIALS, transport)) return;
  const credential = CREDENTIALS[transport as keyof typeof CREDENTIALS];
  const { option, env } = credential;
  const value = options[option];
  if (typeof value !== 'string' || normalizeBearerToken(value) === '') {
    ctx.addIssue({
      code: 'custom',
      path: [option],
      message: `is required for transport '${options.transport}': pass ${option} or set ${env}`,
    });
  }
}

/**
 * Runs the credential check even when another field is invalid, so a config missing both the
 * phone number id and the token reports both at once.
 */
export const CHECK_ALWAYS = { when: () => true } as const;

/** The option each environment variable stands in for, by transport; an option you pass wins. */
const ENV_FALLBACKS = {
  any: { phoneNumberId: 'WHATSAPP_PHONE_NUMBER_ID', businessAccountId: 'WHATSAPP_BUSINESS_ACCOUNT_ID' },
  direct: { accessToken: 'WHATSAPP_ACCESS_TOKEN' },
  maton: { apiKey: 'MATON_API_KEY', connectionId: 'MATON_CONNECTION_ID' },
} as const;

/** The options with every absent option that the chosen transport uses taken from `env`. */
function withEnvFallbacks(options: WhatsAppCloudOptions, env: Environment): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...options };
  const fallbacks: Record<string, string> = { ...ENV_FALLBACKS.any };
  // A gateway holds the credentials; an unknown transport is reported as such, not as a missing key.
  if (options.gateway === undefined && options.transport === 'direct')
    Object.assign(fallbacks, ENV_FALLBACKS.direct);
  if (options.gateway === undefined && options.transport === 'maton')
    Object.assign(fallbacks, ENV_FALLBACKS.maton);
  for (const [option, name] of Object.entries(fallbacks)) {
    if (filled[option] !== undefined) continue;
    const value = readEnv(env, name);
    if (value !== undefined) filled[option] = value;
  }
  return filled;
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null;

/** What a gateway makes redundant: its credentials and the transport it replaces. */
const REPLACED_BY_GATEWAY = {
  transport: "must be omitted with a gateway: the gateway replaces transport 'maton' (pass one or the other)",
  apiKey: 'must be omitted with a gateway: the gateway holds the credentials',
  accessToken: 'must be omitted with a gateway: the gateway holds the credentials',
  connectionId: 'must be omitted with a gateway: the gateway holds the connection',
} as const;

/** The checks across fields of the factory's options: a gateway or a transport, and its credential. */
function addRuntimeIssues(
  options: {
    transport?: 'maton' | 'direct' | undefined;
    gateway?: ProviderGateway | undefined;
    apiKey?: string | undefined;
    accessToken?: string | undefined;
    connectionId?: string | undefined;
  },
  ctx: z.core.$RefinementCtx,
): void {
  if (options.gateway !== undefined) {
    for (const [option, message] of Object.entries(REPLACED_BY_GATEWAY)) {
      if (options[option as keyof typeof REPLACED_BY_GATEWAY] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [option], message });
      }
    }
    return;
  }
  if (options.transport === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['transport'],
      message:
        "is required: 'direct' (with accessToken, WHATSAPP_ACCESS_TOKEN) or 'maton' (with apiKey, MATON_API_KEY), unless you pass a gateway",
    });
    return;
  }
  addCredentialIssues({ ...options, transport: options.transport }, ctx);
}

/** The factory's options that no config file holds, beside core's transport options. */
const runtimeOwnShape = {
  transport: /* @__PURE__ */ lazySchema(() => z.optional(whatsappCloudJsonOptionsShape.transport)),
  gateway: /* @__PURE__ */ lazySchema(() =>
    z.optional(
      z.custom<ProviderGateway>(isProviderGateway, {
        error: (issue) => `must be a ProviderGateway: ${providerGatewayProblem(issue.input)}`,
      }),
    ),
  ),
  env: /* @__PURE__ */ lazySchema(() =>
    z.optional(z.custom<Environment>(isObject, 'must be an object of environment variables')),
  ),
};

type RuntimeOptionsShape = Omit<
  typeof whatsappCloudJsonOptionsShape,
  keyof typeof runtimeOwnShape | keyof typeof transportOptionsShape
> &
  typeof transportOptionsShape &
  typeof runtimeOwnShape;

/**
 * Every option of the factory. (Typed by reference, so that declarations name core's transport
 * shape instead of spelling out its types.)
 */
const runtimeOptionsShape: RuntimeOptionsShape = {
  ...whatsappCloudJsonOptionsShape,
  ...transportOptionsShape,
  ...runtimeOwnShape,
};

/**
 * The schema of the factory's options; given `options`, the same schema restricted to the options
 * they have (and `phoneNumberId`, the one that must be there), which parses them alike and builds
 * only those fields' schemas (core's `givenFields`; `whatsapp-cloud-options.test.ts` checks both
 * agree).
 *
 * @internal
 */
export function runtimeOptionsSchema(options?: object): z.ZodMiniObject<RuntimeOptionsShape, z.core.$strict> {
  return strictObjectOfGiven(runtimeOptionsShape, options, ['phoneNumberId']).check(
    z.superRefine(addRuntimeIssues, CHECK_ALWAYS),
  );
}

/**
 * Validates {@link WhatsAppCloudOptions}, fills absent options from the environment and applies the
 * defaults. For `transport: 'maton'`, builds the Maton gateway from `apiKey` and `connectionId`.
 *
 * @throws {ValidationError} naming each offending option (and the environment variable behind a
 *   missing value); values are never echoed.
 */
export function resolveWhatsAppCloudOptions(options: WhatsAppCloudOptions): ResolvedWhatsAppCloudOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      "Invalid WhatsApp Cloud options: pass { transport: 'direct' | 'maton', … } or { gateway, … }",
      {
        provider: WHATSAPP_CLOUD_PROVIDER_ID,
        issues: [{ path: '', message: 'expected an object' }],
      },
    );
  }
  const env = isObject(options.env) ? (options.env as Environment) : process.env;
  const filled = withEnvFallbacks(options, env);
  const parsed = parseOrThrow(runtimeOptionsSchema(filled), filled, {
    what: 'WhatsApp Cloud options',
    provider: WHATSAPP_CLOUD_PROVIDER_ID,
  });
  const apiKey = parsed.apiKey === undefined ? undefined : normalizeBearerToken(parsed.apiKey);
  const gateway =
    parsed.gateway ??
    (parsed.transport === 'maton' && apiKey !== undefined
      ? createMatonGateway({
          apiKey,
          ...(parsed.connectionId === undefined ? {} : { connectionId: parsed.connectionId }),
        })
      : undefined);
  const accessToken = parsed.accessToken === undefined ? undefined : normalizeBearerToken(parsed.accessToken);
  // Every credential given is redacted, even one the chosen transport does not use.
  const secrets = [apiKey, accessToken, parsed.appSecret, parsed.verifyToken].filter(
    (value): value is string => value !== undefined && value !== '',
  );
  return {
    gateway,
    accessToken: gateway === undefined ? accessToken : undefined,
    baseUrl: parsed.baseUrl,
    phoneNumberId: parsed.phoneNumberId,
    businessAccountId: parsed.businessAccountId,
    apiVersion: parsed.apiVersion ?? DEFAULT_GRAPH_API_VERSION,
    appSecret: parsed.appSecret,
    verifyToken: parsed.verifyToken,
    secrets,
    retry: parsed.retry,
    rateLimit: parsed.rateLimit,
    timeoutMs: parsed.timeoutMs,
    dispatcher: parsed.dispatcher,
    hooks: parsed.hooks,
  };
}
