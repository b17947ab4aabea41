import {
  baseUrlSchema,
  normalizeBearerToken,
  type ProviderTransportOptions,
  parseOrThrow,
  transportConfigShape,
  transportOptionsShape,
  ValidationError,
} from '@switchboard/core';
import { z } from 'zod';
import { credentialIssues } from './wati-credentials.js';

/** The provider id, also the config section key: `{ "provider": "wati", "wati": { … } }`. */
export const WATI_PROVIDER_ID = 'wati';
/** The Maton gateway's WATI base, documented in Maton's WATI reference. */
export const WATI_MATON_BASE_URL = 'https://api.maton.ai/wati';
/** Default header carrying the webhook shared secret. */
export const DEFAULT_WEBHOOK_SECRET_HEADER = 'x-switchboard-webhook-secret';
/** How long the template list used to name positional parameters is trusted. */
export const DEFAULT_TEMPLATE_CACHE_TTL_MS = 5 * 60_000;

/** WATI subscription plans; they set the documented template-send rate (30/60/100 per 10 s). */
export type WatiPlan = 'growth' | 'pro' | 'business';

/** How the session text travels; see {@link WatiOptions.sessionTextEncoding}. */
export type SessionTextEncoding = 'form' | 'query' | 'both';

/** The optional shared secret that authenticates WATI webhook deliveries (WATI signs nothing). */
export interface WatiWebhookSecret {
  /** The secret. Keep it long and random: it is the only proof a delivery came from WATI. */
  value: string;
  /** Header that may carry the secret (set by a proxy in front of your app). Default `x-switchboard-webhook-secret`. */
  header?: string;
  /**
   * Also accept the secret as the last segment of the request path, e.g. a webhook URL
   * `https://example.com/webhooks/wati/<secret>` entered in WATI's dashboard. WATI cannot send
   * custom headers, so this is the usual setup.
   */
  pathSegment?: boolean;
}

/**
 * Options of {@link createWati}. `retry`, `rateLimit`, `timeoutMs`, `dispatcher` and `hooks` are
 * core's {@link ProviderTransportOptions}. The default `rateLimit` is WATI's per-endpoint limits for
 * `plan` (see `createWatiRateLimiter`), on `maton` combined with the 10 requests/s budget of the
 * Maton API key, which every provider created with that key shares (WhatsApp Cloud included).
 *
 * @example
 * ```ts
 * createWati({ transport: 'direct', baseUrl: 'https://live-mt-server.wati.io/123456', token: process.env.WATI_API_TOKEN });
 * createWati({ transport: 'maton', apiKey: process.env.MATON_API_KEY, connectionId: 'c0ffee…' });
 * ```
 */
export interface WatiOptions extends ProviderTransportOptions {
  /** `direct` calls your WATI tenant; `maton` goes through the Maton gateway, which injects the WATI token. */
  transport: 'maton' | 'direct';
  /** Maton API key (`MATON_API_KEY`); required for `maton`. */
  apiKey?: string;
  /** WATI API token (`WATI_API_TOKEN`); required for `direct`. A pasted `Bearer ` prefix is removed. */
  token?: string;
  /**
   * `direct`: your tenant's API endpoint from WATI → API Docs, e.g. `https://live-mt-server.wati.io/123456`
   * (`WATI_API_URL`, required). `maton`: replaces `https://api.maton.ai/wati` (proxies, tests).
   */
  baseUrl?: string;
  /** Template send API: `v2` (default) returns a `localMessageId` per recipient; `v1` returns no id. */
  templateApi?: 'v1' | 'v2';
  /** The Maton connection to use when you have several (`MATON_CONNECTION_ID`); sent as `Maton-Connection`. */
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
}

/** Options with defaults applied and credentials normalized; the transport options as given. */
export interface ResolvedWatiOptions extends ProviderTransportOptions {
  transport: 'maton' | 'direct';
  baseUrl: string;
  /** The bearer credential: the Maton key or the WATI token, without a `Bearer ` prefix. */
  credential: string;
  templateApi: 'v1' | 'v2';
  connectionId: string | undefined;
  plan: WatiPlan;
  sessionTextEncoding: SessionTextEncoding;
  webhookSecret: Required<WatiWebhookSecret> | undefined;
  templateCacheTtlMs: number;
}

const optionalText = z.string().optional();

/** The JSON-friendly options, shared with the config schema of the `wati` definition. */
export const watiJsonOptionsShape = {
  transport: z.enum(['maton', 'direct']),
  apiKey: optionalText,
  token: optionalText,
  baseUrl: baseUrlSchema.optional(),
  templateApi: z.enum(['v1', 'v2']).optional(),
  connectionId: z.string().min(1).optional(),
  plan: z.enum(['growth', 'pro', 'business']).optional(),
  sessionTextEncoding: z.enum(['form', 'query', 'both']).optional(),
  templateCacheTtlMs: z.number().int().min(0).optional(),
  webhookSecret: z
    .strictObject({
      value: z.string().min(1, 'must not be empty'),
      header: z
        .string()
        .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a valid HTTP header name')
        .optional(),
      pathSegment: z.boolean().optional(),
    })
    .optional(),
  ...transportConfigShape,
};

const runtimeOptionsSchema = z
  .strictObject({ ...watiJsonOptionsShape, ...transportOptionsShape })
  .superRefine((options, ctx) => {
    for (const issue of credentialIssues(options))
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });

/**
 * Validates {@link WatiOptions} and applies the defaults.
 *
 * @throws {ValidationError} naming each offending option (and the environment variable behind a
 *   missing credential); values are never echoed.
 */
export function resolveWatiOptions(options: WatiOptions): ResolvedWatiOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError("Invalid WATI options: pass { transport: 'direct' | 'maton', … }", {
      provider: WATI_PROVIDER_ID,
      issues: [{ path: '', message: 'expected an object' }],
    });
  }
  const parsed = parseOrThrow(runtimeOptionsSchema, options, {
    what: 'WATI options',
    provider: WATI_PROVIDER_ID,
  });
  const credential = normalizeBearerToken(
    (parsed.transport === 'maton' ? parsed.apiKey : parsed.token) ?? '',
  );
  const baseUrl = parsed.baseUrl ?? WATI_MATON_BASE_URL;
  return {
    transport: parsed.transport,
    baseUrl,
    credential,
    templateApi: parsed.templateApi ?? 'v2',
    connectionId: parsed.transport === 'maton' ? parsed.connectionId : undefined,
    plan: parsed.plan ?? 'growth',
    sessionTextEncoding: parsed.sessionTextEncoding ?? 'both',
    webhookSecret:
      parsed.webhookSecret === undefined
        ? undefined
        : {
            value: parsed.webhookSecret.value,
            header: (parsed.webhookSecret.header ?? DEFAULT_WEBHOOK_SECRET_HEADER).toLowerCase(),
            pathSegment: parsed.webhookSecret.pathSegment ?? false,
          },
    templateCacheTtlMs: parsed.templateCacheTtlMs ?? DEFAULT_TEMPLATE_CACHE_TTL_MS,
    retry: parsed.retry,
    rateLimit: parsed.rateLimit,
    timeoutMs: parsed.timeoutMs,
    dispatcher: parsed.dispatcher,
    hooks: parsed.hooks,
  };
}
