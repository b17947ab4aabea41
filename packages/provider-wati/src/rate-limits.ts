import {
  combineRateLimiters,
  GroupedRateLimiter,
  isProviderGateway,
  isRateLimiter,
  type ProviderGateway,
  parseOrThrow,
  providerGatewayProblem,
  type RateLimiter,
  type RateLimitOptions,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WATI_PROVIDER_ID, type WatiPlan } from './wati-options.js';

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
  /** Session messages: text, files, interactive buttons and lists; V3 typing indicators. */
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

/** Options of {@link createWatiRateLimiter}. */
export interface WatiRateLimiterOptions {
  /** Your WATI plan, for the template-send limit. Default `growth` (the strictest). */
  plan?: WatiPlan;
  /** The gateway the provider goes through: its account limiter (`gateway.rateLimiter`) is added. */
  gateway?: ProviderGateway;
  /** An account limiter to add instead of the gateway's (any limiter every request must pass too). */
  accountLimiter?: RateLimiter;
}

const optionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    plan: z.optional(z.enum(['growth', 'pro', 'business'])),
    gateway: z.optional(
      z.custom<ProviderGateway>(isProviderGateway, {
        error: (issue) => `must be a ProviderGateway: ${providerGatewayProblem(issue.input)}`,
      }),
    ),
    accountLimiter: z.optional(z.custom<RateLimiter>(isRateLimiter, 'must be a rate limiter')),
  }),
);

/**
 * The default limiter of a WATI provider: WATI's per-endpoint limits for the plan, combined with an
 * account limiter when requests go through a gateway that has one (`accountLimiter`, else
 * `gateway.rateLimiter`: for Maton, the 10 requests/s budget of the API key in this process, shared
 * by every provider using the key, WhatsApp Cloud's included). WATI's per-endpoint limits belong to
 * a tenant: share one instance between providers of the same tenant so they draw on one budget.
 *
 * @example
 * ```ts
 * const maton = createMatonGateway({ apiKey });
 * const limiter = createWatiRateLimiter({ plan: 'pro', gateway: maton });
 * const a = createWati({ gateway: maton, rateLimit: limiter });
 * ```
 * @throws {ValidationError} for an unknown option (`transport` and `apiKey` are gone: pass `gateway`).
 */
export function createWatiRateLimiter(options: WatiRateLimiterOptions = {}): RateLimiter {
  const parsed = parseOrThrow(optionsSchema, options, {
    what: 'WATI rate limiter options',
    provider: WATI_PROVIDER_ID,
  });
  return watiRateLimiter(parsed.plan, parsed.accountLimiter ?? parsed.gateway?.rateLimiter);
}

/**
 * {@link createWatiRateLimiter} for options already validated: the provider's own limiter, built
 * from its validated `plan` and `gateway`. Validating them again cost a first send 2 M instructions
 * (a schema built and zod's code compiled, on a cold start).
 *
 * @internal
 */
export function watiRateLimiter(plan: WatiPlan | undefined, account: RateLimiter | undefined): RateLimiter {
  const grouped = new GroupedRateLimiter({ groups: watiRateLimitGroups(plan ?? 'growth') });
  // The WATI group first: a request waiting for its group's budget must not hold an account token.
  return account === undefined ? grouped : combineRateLimiters(grouped, account);
}
