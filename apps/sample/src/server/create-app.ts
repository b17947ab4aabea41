import { Hono } from 'hono';
import { AccessControl } from './access-control.js';
import { accessGuard, accessRoutes } from './access-routes.js';
import { allowedMethods } from './allowed-methods.js';
import type { AppServices } from './app-services.js';
import { errorResponse } from './error-response.js';
import { loopbackHostGuard } from './loopback-host-guard.js';
import { capabilityRoutes } from './routes/capabilities.js';
import { conversationRoutes } from './routes/conversations.js';
import { directoryRoutes } from './routes/directory.js';
import { eventRoutes } from './routes/events.js';
import { messageRoutes } from './routes/messages.js';
import { queuedMessageRoutes } from './routes/queued-messages.js';
import { routingRoutes } from './routes/routing.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { webhookRoutes } from './routes/webhooks.js';
import { sameOriginGuard } from './same-origin-guard.js';
import { staticRoutes } from './static-files.js';

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /**
   * The server listens on loopback: without an access token, answer the page and API only for
   * loopback host names.
   */
  loopbackOnly?: boolean;
  /**
   * Require this token for the page and `/api/*`: `Authorization: Bearer <token>`, or a login at
   * `/login` (a session cookie). Webhooks and `/healthz` stay open. Unset, nothing is required.
   */
  accessToken?: string;
}

/**
 * The sample's HTTP app: the JSON API under `/api`, the webhook endpoints under `/webhooks`, the
 * inbox page at `/`, the login at `/login`, and `/healthz`. A Fetch-style app: serve `app.fetch`
 * with any server.
 */
export async function createApp(services: AppServices, options: CreateAppOptions = {}): Promise<Hono> {
  const { runtime } = services;
  const app = new Hono();

  const access = options.accessToken === undefined ? undefined : new AccessControl(options.accessToken);
  if (access !== undefined) {
    app.use('*', accessGuard(access));
  } else if (options.loopbackOnly === true) {
    // Without a token, the Host name is what keeps other sites out; with one, the token does, and a
    // tunnel or proxy may forward the whole app under its public name.
    const guard = loopbackHostGuard();
    app.use('*', (c, next) => (c.req.path.startsWith('/webhooks/') ? next() : guard(c, next)));
  }

  // Bodies are read (and bounded) by `readJsonBody` in the routes that take one.
  app.use('/api/*', sameOriginGuard());
  // No other site may log a browser in or out either.
  app.use('/login', sameOriginGuard());
  app.use('/logout', sameOriginGuard());

  app.get('/healthz', (c) =>
    c.json({
      ok: true,
      provider: runtime.providerId,
      transport: runtime.transport,
      sandbox: runtime.sandbox !== undefined,
      outbox: services.outbox !== undefined,
    }),
  );
  app.route('/', await accessRoutes(access));
  app.route(
    '/api',
    services.outbox === undefined ? messageRoutes(services) : queuedMessageRoutes(services, services.outbox),
  );
  app.route('/api', directoryRoutes(services));
  app.route('/api', capabilityRoutes(services));
  app.route('/api', conversationRoutes(services));
  app.route('/api', eventRoutes(services));
  if (runtime.sandbox !== undefined) app.route('/api', sandboxRoutes(services, runtime.sandbox));
  if (runtime.routing !== undefined) app.route('/api', routingRoutes(services, runtime.routing));
  app.route('/webhooks', webhookRoutes(services));
  app.route('/', await staticRoutes());

  // The static files' `/:file` matches any one segment; an unknown file is a 404 whatever the method.
  const allowed = allowedMethods(app, (path) => path === '/:file');
  app.notFound((c) => {
    const methods = allowed(c.req.path);
    if (methods.length > 0) {
      const message = `${c.req.method} is not allowed on ${c.req.path}: use ${methods.join(', ')}`;
      const headers = { allow: methods.join(', ') };
      return c.req.path.startsWith('/api/')
        ? c.json({ error: { code: 'method_not_allowed', message } }, 405, headers)
        : c.text(message, 405, headers);
    }
    return c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404)
      : c.text('Not Found', 404);
  });
  app.onError((error, c) => {
    const response = errorResponse(error);
    if (response.status === 500) services.logger.error(`${c.req.method} ${c.req.path} failed`, error);
    // A body refused for its size was not read to the end: the connection cannot carry another request.
    const headers = response.status === 413 ? { ...response.headers, connection: 'close' } : response.headers;
    return Response.json(response.body, { status: response.status, headers });
  });
  return app;
}
