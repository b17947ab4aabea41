import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

/** `apps/sample/public`, from `src/server` and from `dist/server` alike. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

/**
 * The page allows only its own scripts, styles and connections, and cannot be framed: provider
 * text is rendered with `textContent`, and this is the second line of defence.
 */
export const PAGE_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the inbox page's files from `public/`: `/` is `index.html`, and only files that exist
 * directly in that directory are served (listed once at start), so no path can reach elsewhere.
 * Pages (`.html`) are served only at their routes: `/` here, `/login` by the access routes.
 */
export async function staticRoutes(directory: string = PUBLIC_DIR): Promise<Hono> {
  const files = new Set(
    (await readdir(directory, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && extname(entry.name) in CONTENT_TYPES)
      .map((entry) => entry.name),
  );
  const routes = new Hono();
  const serve = async (name: string) => {
    const body = await readFile(join(directory, name));
    return new Response(body, {
      headers: {
        'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
        // Files change when the app is updated; revalidating keeps a stale page from talking to a new API.
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        ...(name.endsWith('.html') ? PAGE_SECURITY_HEADERS : {}),
      },
    });
  };
  routes.get('/', () => serve('index.html'));
  routes.get('/:file', (c, next) => {
    const name = c.req.param('file');
    return files.has(name) && extname(name) !== '.html' ? serve(name) : next();
  });
  return routes;
}
