import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PayloadTooLargeError, readRawBody, ValidationError } from '@switchboard/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ACCESS_TOKEN_ENV_VARIABLE } from '../config/access-token.js';
import type { AccessControl } from './access-control.js';
import { PAGE_SECURITY_HEADERS, PUBLIC_DIR } from './static-files.js';

/** The login session's cookie; its value is a session id and its MAC, never the token. */
export const SESSION_COOKIE = 'switchboard_session';

/** Largest login form accepted: a token field and some slack. */
const LOGIN_MAX_BODY_BYTES = 4096;

/**
 * What anyone may reach without the token: the health check, the webhooks (they authenticate each
 * delivery with the provider's own secret), the login and logout endpoints, and what the login page
 * loads besides itself.
 */
function isPublicPath(path: string): boolean {
  return (
    path.startsWith('/webhooks/') ||
    path === '/healthz' ||
    path === '/login' ||
    path === '/logout' ||
    path === '/styles.css' ||
    path === '/favicon.svg'
  );
}

/** How a request proved it may use the app. */
type Authentication = 'bearer' | 'session';

/**
 * `Authorization: Bearer <token>` when the request has an `Authorization` header (it alone decides
 * then, so a wrong token is reported even from a browser that also holds a session), else the
 * session cookie. `undefined` when neither holds.
 */
function authenticate(access: AccessControl, c: Context): Authentication | undefined {
  const header = c.req.header('authorization');
  if (header !== undefined) return access.isToken(bearerToken(header) ?? '') ? 'bearer' : undefined;
  return access.hasSession(getCookie(c, SESSION_COOKIE)) ? 'session' : undefined;
}

/** The credentials of a `Bearer` authorization (the scheme is case-insensitive), else `undefined`. */
function bearerToken(header: string): string | undefined {
  const match = /^bearer +(\S+) *$/i.exec(header.trim());
  return match?.[1];
}

/**
 * Requires the access token on everything but {@link isPublicPath}: a request passes with
 * `Authorization: Bearer <token>` or with the cookie of a login session. Otherwise `/api/*` (and
 * any request that is not a GET or HEAD) gets 401 `unauthorized` with `WWW-Authenticate: Bearer`,
 * and a page request is sent to `/login`.
 */
export function accessGuard(access: AccessControl): MiddlewareHandler {
  return async (c, next) => {
    if (isPublicPath(c.req.path) || authenticate(access, c) !== undefined) return next();
    const isPageRequest =
      !c.req.path.startsWith('/api/') && (c.req.method === 'GET' || c.req.method === 'HEAD');
    if (isPageRequest) return c.redirect('/login', 303);
    const wrongBearer = c.req.header('authorization') !== undefined;
    return c.json(
      {
        error: {
          code: 'unauthorized',
          message: wrongBearer
            ? `Wrong access token: send Authorization: Bearer <token> with the value of ${ACCESS_TOKEN_ENV_VARIABLE}`
            : `Missing access token: send Authorization: Bearer <token> with the value of ${ACCESS_TOKEN_ENV_VARIABLE}, or log in at /login`,
        },
      },
      401,
      {
        'www-authenticate': wrongBearer
          ? 'Bearer realm="switchboard", error="invalid_token"'
          : 'Bearer realm="switchboard"',
        'cache-control': 'no-store',
      },
    );
  };
}

/** The attribute that keeps the login page's error hidden until a login failed. */
const HIDDEN_ERROR = 'data-testid="login-error" hidden';

/**
 * The login and logout endpoints and `GET /api/session`:
 *
 * - `GET /login`: the login page (to `/` when already logged in).
 * - `POST /login`: a form with `token`; the right one starts a session (an `HttpOnly`,
 *   `SameSite=Strict`, `Path=/` cookie, `Secure` over HTTPS) and goes to `/`; a wrong one gets the
 *   page again with an error, status 401.
 * - `POST /logout`: ends the session, clears the cookie, and goes to `/login`.
 * - `GET /api/session`: `{ authentication: 'token', via: 'session' | 'bearer' }`, so the page knows
 *   to offer a logout; `{ authentication: 'none' }` when no token is configured.
 *
 * Without `access` (no token configured) nothing needs a login: `/login` and `/logout` go to `/`.
 */
export async function accessRoutes(access: AccessControl | undefined, directory = PUBLIC_DIR): Promise<Hono> {
  const routes = new Hono();
  if (access === undefined) {
    routes.get('/login', (c) => c.redirect('/', 303));
    routes.post('/logout', (c) => c.redirect('/', 303));
    routes.get('/api/session', (c) => c.json({ authentication: 'none' }));
    return routes;
  }

  const page = await readFile(join(directory, 'login.html'), 'utf8');
  if (!page.includes(HIDDEN_ERROR)) throw new Error(`login.html lacks the element with ${HIDDEN_ERROR}`);
  const failedPage = page.replace(HIDDEN_ERROR, 'data-testid="login-error"');
  const html = (c: Context, body: string, status: 200 | 401) =>
    c.body(body, status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...PAGE_SECURITY_HEADERS,
    });

  routes.get('/login', (c) =>
    access.hasSession(getCookie(c, SESSION_COOKIE)) ? c.redirect('/', 303) : html(c, page, 200),
  );
  routes.post('/login', async (c) => {
    const token = await readLoginToken(c);
    if (token === undefined || !access.isToken(token)) return html(c, failedPage, 401);
    // A new id at every login: a session the browser held before is ended, not carried over.
    access.endSession(getCookie(c, SESSION_COOKIE));
    setCookie(c, SESSION_COOKIE, access.startSession(), cookieOptions(c));
    c.header('cache-control', 'no-store');
    return c.redirect('/', 303);
  });
  routes.post('/logout', (c) => {
    access.endSession(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
    c.header('cache-control', 'no-store');
    return c.redirect('/login', 303);
  });
  // Reached only past the guard, so the request is authenticated one way or the other.
  routes.get('/api/session', (c) =>
    c.json({
      authentication: 'token',
      via: c.req.header('authorization') === undefined ? 'session' : 'bearer',
    }),
  );
  return routes;
}

/** `Secure` when the browser talks HTTPS, to this server or to a proxy in front of it that says so. */
function cookieOptions(c: Context) {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const secure = new URL(c.req.url).protocol === 'https:' || forwarded === 'https';
  return { httpOnly: true, sameSite: 'Strict', path: '/', secure } as const;
}

/**
 * The `token` field of the login form (`application/x-www-form-urlencoded`), without surrounding
 * whitespace; `undefined` when it is missing.
 *
 * @throws {ValidationError} (400) for another content type.
 * @throws {PayloadTooLargeError} (413) for a body over 4 KiB.
 */
async function readLoginToken(c: Context): Promise<string | undefined> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new ValidationError('Send the login as a form (content-type: application/x-www-form-urlencoded)', {
      issues: [{ path: '', message: 'content-type must be application/x-www-form-urlencoded' }],
    });
  }
  let bytes: Uint8Array;
  try {
    ({ bytes } = await readRawBody(c.req.raw, { maxBytes: LOGIN_MAX_BODY_BYTES }));
  } catch (error) {
    if (!PayloadTooLargeError.isInstance(error)) throw error;
    // Core's message speaks of webhooks; this is a login form.
    throw new PayloadTooLargeError(`The login form exceeds the limit of ${LOGIN_MAX_BODY_BYTES} bytes`, {
      limitBytes: LOGIN_MAX_BODY_BYTES,
    });
  }
  const token = new URLSearchParams(new TextDecoder().decode(bytes)).get('token')?.trim();
  return token ? token : undefined;
}
