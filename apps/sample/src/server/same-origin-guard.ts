import type { MiddlewareHandler } from 'hono';

/** Methods that only read; everything else changes something (sends a message, marks read). */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/**
 * Refuses state-changing requests that a browser sent from another origin. Without an access token
 * the API has no authentication, and with one the browser sends its session cookie by itself, so
 * this is one of the walls against cross-site request forgery (the session cookie's
 * `SameSite=Strict` is another where there is one): the first is
 * that every POST needs `content-type: application/json`, which a cross-site page cannot send
 * without a CORS preflight this server never grants. This one holds even where the first has a gap
 * (an old browser bug, a plugin):
 *
 * - Browsers since 2023 say where a request comes from in `Sec-Fetch-Site`; only `same-origin` (the
 *   inbox page) and `none` (typed by the user) pass. `same-site` is refused too: another server on
 *   `localhost` is the same site. This works behind a proxy that rewrites `Host`.
 * - Older browsers send `Origin` on cross-origin POSTs; it must name the `Host` the request came to.
 * - Requests with neither (curl, scripts, the CLI) are not from a web page and pass.
 */
export function sameOriginGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (isSameOrigin(c.req.header('sec-fetch-site'), c.req.header('origin'), c.req.header('host')))
      return next();
    return c.json(
      {
        error: {
          code: 'forbidden_origin',
          message: 'Cross-origin requests are refused: only pages this app serves itself may change anything',
        },
      },
      403,
    );
  };
}

function isSameOrigin(
  fetchSite: string | undefined,
  origin: string | undefined,
  host: string | undefined,
): boolean {
  if (fetchSite !== undefined) return fetchSite === 'same-origin' || fetchSite === 'none';
  return origin === undefined || originHost(origin) === host?.toLowerCase();
}

/** `host:port` of an `Origin` value, `undefined` for `null` (sandboxed frames, `file:`) or garbage. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}
