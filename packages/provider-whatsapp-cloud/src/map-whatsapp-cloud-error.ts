import {
  ApiError,
  AuthenticationError,
  type ErrorMapper,
  errorFields,
  type HttpErrorContext,
  type ProviderGateway,
  RateLimitError,
  type SwitchboardError,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { type GraphErrorRule, graphErrorRule } from './graph-error-codes.js';
import { WHATSAPP_CLOUD_GATEWAY_API } from './whatsapp-cloud-options.js';

/** Graph's error body: `{ error: { message, type, code, error_subcode, error_data, fbtrace_id } }`. */
export const graphErrorBodySchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    error: z.looseObject({
      message: z.nullish(z.string()),
      type: z.nullish(z.string()),
      code: z.union([
        z.number().check(z.int()),
        z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number)),
      ]),
      error_subcode: z.nullish(z.union([z.number(), z.string()])),
      // An object with `details` on WhatsApp errors, sometimes a plain string on template-management errors.
      error_data: z.optional(z.unknown()),
      error_user_title: z.nullish(z.string()),
      error_user_msg: z.nullish(z.string()),
      is_transient: z.nullish(z.boolean()),
      fbtrace_id: z.nullish(z.string()),
    }),
  }),
);

/** The `error` object of a Graph error body. */
export type GraphError = z.infer<typeof graphErrorBodySchema>['error'];

/** `error_data.details` (or `error_data` itself when Meta sends a string). */
export function graphErrorDetails(errorData: unknown): string | undefined {
  if (typeof errorData === 'string') return errorData.trim() || undefined;
  if (typeof errorData === 'object' && errorData !== null) {
    const details = (errorData as { details?: unknown }).details;
    if (typeof details === 'string' && details.trim() !== '') return details;
  }
  return undefined;
}

const usageSchema = /* @__PURE__ */ lazySchema(() =>
  z.record(z.string(), z.array(z.looseObject({ estimated_time_to_regain_access: z.nullish(z.number()) }))),
);

/**
 * The wait Meta announces in `X-Business-Use-Case-Usage` (`estimated_time_to_regain_access`, in
 * minutes; https://developers.facebook.com/docs/graph-api/overview/rate-limiting/), in ms.
 */
export function businessUseCaseWaitMs(headers: Readonly<Record<string, string>>): number | undefined {
  const header = headers['x-business-use-case-usage'];
  if (header === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return undefined;
  }
  const usage = usageSchema.safeParse(parsed);
  if (!usage.success) return undefined;
  const minutes = Object.values(usage.data)
    .flat()
    .map((entry) => entry.estimated_time_to_regain_access ?? 0);
  const longest = Math.max(0, ...minutes);
  return longest > 0 ? longest * 60_000 : undefined;
}

/** How an unlisted code is classified: by `is_transient` and the HTTP status. */
function fallbackRule(code: number, status: number, transient: boolean): GraphErrorRule {
  const base = { code, title: 'Unlisted Graph error', sources: [] };
  if (transient || status >= 500) {
    return { ...base, kind: 'api', category: 'provider_unavailable', retryable: true };
  }
  if (status === 429) return { ...base, kind: 'rate_limit', category: 'rate_limited', retryable: true };
  if (status === 401 || status === 403)
    return { ...base, kind: 'auth', category: 'auth_failed', retryable: false };
  return { ...base, kind: 'api', category: 'unknown', retryable: false };
}

/**
 * Where to fix a token problem, which depends on who holds the Meta token: you (`direct`) or the
 * gateway, on your behalf.
 */
function tokenHint(gateway: ProviderGateway | undefined): string {
  return gateway === undefined
    ? 'check the access token you configured (accessToken, usually from WHATSAPP_ACCESS_TOKEN): it is invalid, expired or revoked; a System User token does not expire'
    : gateway.upstreamCredentialHint(WHATSAPP_CLOUD_GATEWAY_API);
}

/**
 * Turns a Graph error body into the typed error its code calls for. `gateway` is the one the
 * request went through, whose credential hint replaces the direct one for token errors.
 */
export function graphApiError(
  error: GraphError,
  context: HttpErrorContext,
  gateway: ProviderGateway | undefined,
): SwitchboardError {
  const code = error.code;
  const rule = graphErrorRule(code) ?? fallbackRule(code, context.status, error.is_transient === true);
  const hint = code === 0 || code === 190 ? tokenHint(gateway) : rule.hint;
  const details = graphErrorDetails(error.error_data);
  const subcode = error.error_subcode == null ? '' : `, subcode ${error.error_subcode}`;
  const parts = [
    `WhatsApp Cloud API error ${code}${subcode} (HTTP ${context.status}) on ${context.method} ${context.url}: ${error.message ?? rule.title}`,
  ];
  if (details !== undefined) parts.push(`Details: ${details}`);
  if (error.error_user_msg) parts.push(error.error_user_msg);
  if (hint !== undefined) parts.push(`Hint: ${hint}`);
  const message = parts.map((part) => part.replace(/[.\s]+$/, '')).join('. ');

  const fields = errorFields(context);
  const retryAfterMs = rule.retryable
    ? (context.retryAfterMs ?? businessUseCaseWaitMs(context.headers) ?? rule.defaultRetryAfterMs)
    : undefined;
  const options = {
    ...fields,
    code: rule.category,
    retryable: rule.retryable,
    providerCode: code,
    ...(error.fbtrace_id ? { requestId: error.fbtrace_id } : {}),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
  if (rule.kind === 'auth') return new AuthenticationError(message, options);
  if (rule.kind === 'rate_limit') return new RateLimitError(message, options);
  return new ApiError(message, options);
}

/**
 * The transport's error mapper. Graph error bodies are classified by `error.code` (never by the HTTP
 * status, which Meta and gateways report inconsistently). Through a gateway, a body that is not a
 * Graph error, or a 401 whose code Meta does not use (Graph's 401s are codes 0 and 190), is the
 * gateway's own answer: the gateway's `mapError` classifies it. Anything left falls back to core's
 * reading of the HTTP status.
 */
export function createWhatsAppCloudErrorMapper(gateway?: ProviderGateway): ErrorMapper {
  return (context) => {
    const parsed = graphErrorBodySchema.safeParse(context.json);
    const gatewayOwn =
      gateway !== undefined &&
      (!parsed.success || (context.status === 401 && graphErrorRule(parsed.data.error.code) === undefined));
    if (gatewayOwn) {
      const own = gateway.mapError(context, WHATSAPP_CLOUD_GATEWAY_API);
      if (own !== undefined) return own;
    }
    return parsed.success ? graphApiError(parsed.data.error, context, gateway) : undefined;
  };
}
