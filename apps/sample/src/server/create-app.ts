import { Hono } from 'hono';
import type { AppServices } from './app-services.js';
import { errorResponse } from './error-response.js';
import { loopbackHostGuard } from './loopback-host-guard.js';
import { capabilityRoutes } from './routes/capabilities.js';
import { conversationRoutes } from './routes/conversations.js';
import { directoryRoutes } from './routes/directory.js';
import { eventRoutes } from './routes/events.js';
import { messageRoutes } from './routes/messages.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { webhookRoutes } from './routes/webhooks.js';
import { sameOriginGuard } from './same-origin-guard.js';
import { staticRoutes } from './static-files.js';

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /** The server listens on loopback: answer the page and API only for loopback host names. */
  loopbackOnly?: boolean;
}

/**
 * The sample's HTTP app: the JSON API under `/api`, the webhook endpoints under `/webhooks`, the
 * inbox page at `/`, and `/healthz`. A Fetch-style app: serve `app.fetch` with any server.
 */
export async function createApp(services: AppServices, options: CreateAppOptions = {}): Promise<Hono> {
  const { runtime } = services;
  const app = new Hono();

  if (options.loopbackOnly === true) {
    const guard = loopbackHostGuard();
    app.use('*', (c, next) => (c.req.path.startsWith('/webhooks/') ? next() : guard(c, next)));
  }

  // Bodies are read (and bounded) by `readJsonBody` in the routes that take one.
  app.use('/api/*', sameOriginGuard());

  app.get('/healthz', (c) =>
    c.json({
      ok: true,
      provider: runtime.providerId,
      transport: runtime.transport,
      sandbox: runtime.sandbox !== undefined,
    }),
  );
  app.route('/api', messageRoutes(services));
  app.route('/api', directoryRoutes(services));
  app.route('/api', capabilityRoutes(services));
  app.route('/api', conversationRoutes(services));
  app.route('/api', eventRoutes(services));
  if (runtime.sandbox !== undefined) app.route('/api', sandboxRoutes(services, runtime.sandbox));
  app.route('/webhooks', webhookRoutes(services));
  app.route('/', await staticRoutes());

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}` } }, 404)
      : c.text('Not Found', 404),
  );
  app.onError((error, c) => {
    const response = errorResponse(error);
    if (response.status === 500) services.logger.error(`${c.req.method} ${c.req.path} failed`, error);
    // A body refused for its size was not read to the end: the connection cannot carry another request.
    const headers = response.status === 413 ? { ...response.headers, connection: 'close' } : response.headers;
    return Response.json(response.body, { status: response.status, headers });
  });
  return app;
}
