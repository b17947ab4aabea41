import { type RateLimiter, TokenBucketRateLimiter } from '@switchboard/core';

/** Maton's documented gateway limit: 10 requests per second per account (its references, "Error Handling"). */
export const MATON_REQUESTS_PER_SECOND = 10;

// One bucket per Maton account in this process, keyed by a digest so the API key itself is never kept.
const accountLimiters = new Map<string, RateLimiter>();

/**
 * The limiter of one Maton account in this process: Maton allows 10 requests per second per
 * account, whichever app (WhatsApp Business, WATI), connection or phone number the requests use,
 * so every gateway created with the same API key draws on this one budget by default.
 *
 * @example
 * ```ts
 * const cloud = createWhatsAppCloud({ transport: 'maton', apiKey, phoneNumberId: '1065…' });
 * const wati = createWati({ transport: 'maton', apiKey });
 * // cloud and wati together send at most 10 requests per second through Maton
 * ```
 */
export function matonAccountRateLimiter(apiKey: string): RateLimiter {
  // Loaded here, not at import: `node:crypto` costs a fresh process about 4 ms, and only Maton users need it.
  const account = process.getBuiltinModule('node:crypto').createHash('sha256').update(apiKey).digest('hex');
  let limiter = accountLimiters.get(account);
  if (limiter === undefined) {
    limiter = new TokenBucketRateLimiter({ requestsPerSecond: MATON_REQUESTS_PER_SECOND });
    accountLimiters.set(account, limiter);
  }
  return limiter;
}
