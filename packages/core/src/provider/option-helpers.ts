import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';
import type { Environment } from './load-provider.js';

/**
 * A provider `baseUrl`: an absolute http(s) URL without query, fragment or credentials (a path,
 * such as a WATI tenant id or a gateway prefix, is fine).
 */
export const baseUrlSchema = /* @__PURE__ */ lazySchema(() =>
  z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).check(
    z.refine((url) => {
      // zod 4 runs refinements after a failed format check too: an unparsable value is z.url()'s to report.
      if (!URL.canParse(url)) return true;
      const parsed = new URL(url);
      return parsed.search === '' && parsed.hash === '' && parsed.username === '' && parsed.password === '';
    }, 'must not contain a query, a fragment or credentials'),
  ),
);

const BEARER_PREFIX = /^bearer(?:\s+|$)/i;

/**
 * A token or API key as the `Authorization: Bearer` value needs it: trimmed, and without the
 * `Bearer ` prefix that dashboards (WATI's among them) include when you copy the token.
 *
 * @example
 * normalizeBearerToken('Bearer eyJhbGciOi…'); // 'eyJhbGciOi…'
 */
export function normalizeBearerToken(value: string): string {
  return value.trim().replace(BEARER_PREFIX, '').trim();
}

/** An environment variable's trimmed value, or `undefined` when it is unset or blank. */
export function readEnv(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
