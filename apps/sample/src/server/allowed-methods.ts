import type { Hono } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';

/** Every method a route here may be registered for; HEAD is served by GET routes. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * A lookup of the methods `app` has routes for at a path, built from its routes once they are all
 * registered, so a request with another method gets 405 and an `Allow` header rather than a 404
 * that suggests the path does not exist. Middleware and catch-all routes (`app.all`, which answer
 * every method themselves) do not count; neither do the paths `skip` names (a route such as
 * `/:file` that matches any single segment would make every unknown path look like it exists).
 */
export function allowedMethods(
  app: Hono,
  skip: (path: string) => boolean = () => false,
): (path: string) => string[] {
  const router = new TrieRouter<string>();
  for (const route of app.routes) {
    if (!(METHODS as readonly string[]).includes(route.method) || skip(route.path)) continue;
    router.add(route.method, route.path, route.method);
  }
  return (path) => {
    const allowed = METHODS.filter((method) => router.match(method, path)[0].length > 0);
    return allowed.includes('GET')
      ? ['GET', 'HEAD', ...allowed.filter((method) => method !== 'GET')]
      : allowed;
  };
}
