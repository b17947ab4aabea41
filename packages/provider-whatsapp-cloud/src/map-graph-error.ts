import {
  ApiError,
  AuthenticationError,
  describeBody,
  type ErrorMapper,
  errorFields,
  type HttpErrorContext,
  httpStatusError,
  matonErrorMapper,
  RateLimitError,
  type SwitchboardError,
} from '@switchboard/core';
import { z } from 'zod';
import { type GraphErrorRule, graphErrorRule } from './graph-error-codes.js';

/** Graph's error body: `{ error: { message, type, code, error_subcode, error_data, fbtrace_id } }`. */
export const graphErrorBodySchema = z.looseObject({
  error: z.looseObject({
    message: z.string().nullish(),
    type: z.string().nullish(),
    code: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
    error_subcode: z.union([z.number(), z.string()]).nullish(),
    // An object with `details` on WhatsApp errors, sometimes a plain string on template-management errors.
    error_data: z.unknown().optional(),
    error_user_title: z.string().nullish(),
    error_user_msg: z.string().nullish(),
    is_transient: z.boolean().nullish(),
    fbtrace_id: z.string().nullish(),
  }),
});

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

const usageSchema = z.record(
  z.string(),
  z.array(z.looseObject({ estimated_time_to_regain_access: z.number().nullish() })),
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

/** Where to fix a token problem, which depends on who holds the Meta token. */
function tokenHint(transport: 'maton' | 'direct'): string {
  return transport === 'maton'
    ? 'the Meta token Maton holds for this connection is invalid or expired: re-authorize the connection (whatsappCloudMatonConnections(apiKey).get(id) → authorizationUrl)'
    : 'check the access token you configured (accessToken, usually from WHATSAPP_ACCESS_TOKEN): it is invalid, expired or revoked; a System User token does not expire';
}

/** Turns a Graph error body into the typed error its code calls for. */
export function graphApiError(
  error: GraphError,
  context: HttpErrorContext,
  transport: 'maton' | 'direct',
): SwitchboardError {
  const code = error.code;
  const rule = graphErrorRule(code) ?? fallbackRule(code, context.status, error.is_transient === true);
  const hint = code === 0 || code === 190 ? tokenHint(transport) : rule.hint;
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

const CONNECTION_HINT =
  'Maton answers 400 when the API key has no active WhatsApp Business connection: create one with whatsappCloudMatonConnections(apiKey).create() and open its authorizationUrl to authorize it, or check connectionId (MATON_CONNECTION_ID)';

/** Errors of the Maton gateway itself (bodies that are not Graph errors). */
function matonGatewayError(context: HttpErrorContext): SwitchboardError | undefined {
  if (context.status === 401) return matonErrorMapper(context);
  const where = `${context.method} ${context.url}`;
  const body = describeBody(context);
  if (context.status === 400) {
    const message = `Maton answered HTTP 400 to ${where}: ${body}. ${CONNECTION_HINT}`;
    if (/connection/i.test(context.bodyText)) return new AuthenticationError(message, errorFields(context));
    return new ApiError(message, { ...errorFields(context), code: 'validation_failed', retryable: false });
  }
  if (context.status >= 500) {
    return httpStatusError(
      context,
      `Maton answered HTTP ${context.status} to ${where}: ${body}. If it persists, the connection's authorization may have expired: check it at https://ctrl.maton.ai`,
    );
  }
  return undefined;
}

/**
 * The transport's error mapper: Graph error bodies are classified by `error.code` (never by the
 * HTTP status, which Meta and gateways report inconsistently), anything else falls back to the
 * HTTP status, with Maton's own 400/401/5xx explained.
 */
export function createGraphErrorMapper(transport: 'maton' | 'direct'): ErrorMapper {
  return (context) => {
    const parsed = graphErrorBodySchema.safeParse(context.json);
    // Maton's own error bodies are undocumented: a 401 whose code Meta does not use is Maton
    // rejecting its API key, not a Graph error passed through (Graph's 401s are 0 and 190).
    const matonOwn =
      transport === 'maton' &&
      (!parsed.success || (context.status === 401 && graphErrorRule(parsed.data.error.code) === undefined));
    if (matonOwn) return matonGatewayError(context);
    return parsed.success ? graphApiError(parsed.data.error, context, transport) : undefined;
  };
}
