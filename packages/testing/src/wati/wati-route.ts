import { type HttpHandler, http } from 'msw';
import { watiMethodNotAllowed, watiNotFound, watiUnauthorized } from './wati-responses.js';

/** What a route resolver receives: the request, its parsed URL and the path parameters. */
export interface WatiRouteArgs {
  request: Request;
  url: URL;
  params: Record<string, string>;
}

/** A WATI endpoint: method, path pattern under the API base (`/api/v1/getMedia`) and its resolver. */
export interface WatiRoute {
  method: 'GET' | 'POST' | 'PUT';
  pattern: string;
  /**
   * Served only at the root (`/api/ext/v3/...`), never under a tenant segment: WATI documents V3
   * paths without the tenant id (docs.wati.io getting started), so a tenant URL there is a 404.
   */
  tenantless?: boolean;
  resolve: (args: WatiRouteArgs) => Response | Promise<Response>;
}

/** Who may call the emulated API, and where it lives. */
export interface WatiRouteAccess {
  tenantId: string;
  tokens: readonly string[];
}

interface CompiledPattern {
  regex: RegExp;
  names: string[];
}

/** Maton's WATI base is `https://api.maton.ai/wati`: its requests reach `/wati/api/...`. */
const MATON_PREFIX = 'wati';

/**
 * Where a request lands: the API path once the optional tenant segment (or Maton's `/wati` prefix)
 * is removed, and whether that segment (if any) was the right tenant. `undefined` when the path is
 * not under `/api/` at all.
 */
function locate(
  pathname: string,
  tenantId: string,
): { apiPath: string; tenantOk: boolean; underTenant: boolean } | undefined {
  if (/^\/api\//i.test(pathname)) return { apiPath: pathname, tenantOk: true, underTenant: false };
  const match = /^\/([^/]+)(\/api\/.*)$/i.exec(pathname);
  if (match === null) return undefined;
  const segment = decodeSegment(match[1] as string);
  if (segment === tenantId) return { apiPath: match[2] as string, tenantOk: true, underTenant: true };
  // Maton forwards to the tenant the connection names, so its prefix serves what the root serves.
  if (segment === MATON_PREFIX) return { apiPath: match[2] as string, tenantOk: true, underTenant: false };
  return { apiPath: match[2] as string, tenantOk: false, underTenant: true };
}

/** Percent-decodes a path segment; a malformed escape stays as sent (it then simply matches nothing). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function compile(pattern: string): CompiledPattern {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  // ASP.NET Core routing ignores case and a trailing slash.
  return { regex: new RegExp(`^${source}/?$`, 'i'), names };
}

function matchPath(compiled: CompiledPattern, apiPath: string): Record<string, string> | undefined {
  const match = compiled.regex.exec(apiPath);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  compiled.names.forEach((name, index) => {
    params[name] = decodeSegment(match[index + 1] as string);
  });
  return params;
}

/** Whether the `Authorization` header is `Bearer <one of the tokens>` (the scheme is case-insensitive). */
export function isAuthorized(header: string | null, tokens: readonly string[]): boolean {
  if (header === null) return false;
  const match = /^bearer +(\S+)$/i.exec(header.trim());
  return match !== null && tokens.includes(match[1] as string);
}

/**
 * An msw handler for one WATI endpoint, served at the root (`/api/...`), under Maton's prefix
 * (`/wati/api/...`, as `https://api.maton.ai/wati` is reached) and under the tenant segment
 * (`/{tenantId}/api/...`, like a WATI tenant URL), on any host. The bearer token is
 * checked before the resolver runs.
 */
export function watiRouteHandler(access: WatiRouteAccess, route: WatiRoute): HttpHandler {
  const compiled = compile(route.pattern);
  const predicate = ({ request }: { request: Request }) => {
    const located = locate(new URL(request.url).pathname, access.tenantId);
    if (located === undefined || !located.tenantOk) return false;
    if (route.tenantless === true && located.underTenant) return false;
    const params = matchPath(compiled, located.apiPath);
    return params === undefined ? false : { matches: true, params };
  };
  const handler = route.method === 'GET' ? http.get : route.method === 'PUT' ? http.put : http.post;
  return handler(predicate, ({ request, params }) => {
    if (!isAuthorized(request.headers.get('authorization'), access.tokens)) return watiUnauthorized();
    return route.resolve({ request, url: new URL(request.url), params: params as Record<string, string> });
  });
}

/**
 * The last WATI handler: any other request under `/api/` (at the root or under some first segment) gets
 * WATI's plain `404 Not Found`, or an empty 405 when the path exists for another method. A wrong tenant
 * segment is a 404, as on WATI, whatever the path.
 */
export function watiFallbackHandler(access: WatiRouteAccess, routes: readonly WatiRoute[]): HttpHandler {
  const compiled = routes.map((route) => ({
    method: route.method,
    tenantless: route.tenantless === true,
    pattern: compile(route.pattern),
  }));
  const predicate = ({ request }: { request: Request }) =>
    locate(new URL(request.url).pathname, access.tenantId) !== undefined;
  return http.all(predicate, ({ request }) => {
    const located = locate(new URL(request.url).pathname, access.tenantId);
    if (located === undefined || !located.tenantOk) return watiNotFound();
    const allowed = compiled
      .filter((entry) => !(entry.tenantless && located.underTenant))
      .filter((entry) => matchPath(entry.pattern, located.apiPath) !== undefined)
      .map((entry) => entry.method);
    return allowed.length > 0 ? watiMethodNotAllowed([...new Set(allowed)]) : watiNotFound();
  });
}
