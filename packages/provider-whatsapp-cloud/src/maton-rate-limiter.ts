import { createHash } from 'node:crypto';
import { type RateLimiter, TokenBucketRateLimiter } from '@switchboard/core';
import { MATON_REQUESTS_PER_SECOND } from './whatsapp-cloud-options.js';

// One bucket per Maton account in this process, keyed by a digest so the API key itself is never kept.
const accountLimiters = new Map<string, RateLimiter>();

/**
 * The default limiter of the Maton transport: Maton allows 10 requests per second per account
 * (Maton reference, "Error Handling"), so every provider of this package created with the same
 * API key draws on one 10 requests/s budget, whichever phone number or connection it uses.
 *
 * Providers of other packages (WATI over the same Maton key) do not share it: pass one limiter
 * as `rateLimit` to all of them when they run in one process.
 *
 * @example
 * ```ts
 * const a = createWhatsAppCloud({ transport: 'maton', apiKey, phoneNumberId: '1065…' });
 * const b = createWhatsAppCloud({ transport: 'maton', apiKey, phoneNumberId: '1132…' });
 * // a and b together send at most 10 requests per second
 * ```
 */
export function matonAccountRateLimiter(apiKey: string): RateLimiter {
  const account = createHash('sha256').update(apiKey).digest('hex');
  let limiter = accountLimiters.get(account);
  if (limiter === undefined) {
    limiter = new TokenBucketRateLimiter({ requestsPerSecond: MATON_REQUESTS_PER_SECOND });
    accountLimiters.set(account, limiter);
  }
  return limiter;
}
