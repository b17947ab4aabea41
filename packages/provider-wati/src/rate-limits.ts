import {
  combineRateLimiters,
  GroupedRateLimiter,
  MATON_REQUESTS_PER_SECOND,
  matonAccountRateLimiter,
  normalizeBearerToken,
  type RateLimiter,
  type RateLimitOptions,
  TokenBucketRateLimiter,
} from '@switchboard/core';
import type { WatiPlan } from './wati-options.js';

/**
 * The rate-limit group of every WATI request. Only `contacts`, `messageHistory` and
 * `templateSend` have documented limits; the other groups exist so a custom limiter can pace them.
 */
export const WATI_RATE_LIMIT_GROUPS = {
  /** `getContacts`, `addContact`, `updateContactAttributes`. */
  contacts: 'contacts',
  /** `getMessages`. */
  messageHistory: 'messageHistory',
  /** `sendTemplateMessage`, `sendTemplateMessages`, `sendTemplateMessageCSV` (v1 and v2). */
  templateSend: 'templateSend',
  /** `getMessageTemplates`. */
  templates: 'templates',
  /** Session messages: text, files, interactive buttons and lists. */
  sessionSend: 'sessionSend',
  /** `assignOperator`. */
  operators: 'operators',
  /** `getMedia`. */
  media: 'media',
} as const;

/** A WATI rate-limit group name; see {@link WATI_RATE_LIMIT_GROUPS}. */
export type WatiRateLimitGroup = (typeof WATI_RATE_LIMIT_GROUPS)[keyof typeof WATI_RATE_LIMIT_GROUPS];

/** Template sends per 10 s by plan, from https://docs.wati.io/reference/errors (Growth, Pro, Business). */
export const WATI_TEMPLATE_SENDS_PER_10S: Readonly<Record<WatiPlan, number>> = {
  growth: 30,
  pro: 60,
  business: 100,
};
/** Contacts and message-history calls per 10 s on every plan (same page). */
export const WATI_CONTACT_CALLS_PER_10S = 10;

/** A "N requests per 10 s" window as a token bucket: N at once, refilled at N/10 per second. */
function perTenSeconds(requests: number): RateLimitOptions {
  return { requestsPerSecond: requests / 10, burst: requests };
}

/** The token buckets of WATI's documented per-endpoint limits for a plan. */
export function watiRateLimitGroups(plan: WatiPlan): Record<string, RateLimitOptions> {
  return {
    [WATI_RATE_LIMIT_GROUPS.contacts]: perTenSeconds(WATI_CONTACT_CALLS_PER_10S),
    [WATI_RATE_LIMIT_GROUPS.messageHistory]: perTenSeconds(WATI_CONTACT_CALLS_PER_10S),
    [WATI_RATE_LIMIT_GROUPS.templateSend]: perTenSeconds(WATI_TEMPLATE_SENDS_PER_10S[plan]),
  };
}

/**
 * The default limiter of a WATI provider: WATI's per-endpoint limits for the plan, and for the Maton
 * transport also Maton's 10 requests/s account limit. With `apiKey`, that limit is the key's budget
 * in this process (core's `matonAccountRateLimiter`), shared by every provider created with the key,
 * WhatsApp Cloud's included; without it, a 10 requests/s bucket of this limiter's own. WATI's
 * per-endpoint limits belong to a tenant: share one instance between providers of the same tenant
 * so they draw on one budget.
 *
 * @example
 * ```ts
 * const limiter = createWatiRateLimiter({ plan: 'pro', transport: 'maton', apiKey });
 * const a = createWati({ transport: 'maton', apiKey, connectionId: 'a', rateLimit: limiter });
 * ```
 */
export function createWatiRateLimiter(options: {
  plan?: WatiPlan;
  transport: 'maton' | 'direct';
  /** The Maton API key, to draw on its account budget shared in this process. */
  apiKey?: string;
}): RateLimiter {
  const grouped = new GroupedRateLimiter({ groups: watiRateLimitGroups(options.plan ?? 'growth') });
  if (options.transport === 'direct') return grouped;
  const maton =
    options.apiKey === undefined
      ? new TokenBucketRateLimiter({ requestsPerSecond: MATON_REQUESTS_PER_SECOND })
      : matonAccountRateLimiter(normalizeBearerToken(options.apiKey));
  // The WATI group first: a request waiting for its group's budget must not hold a Maton token.
  return combineRateLimiters(grouped, maton);
}
