import { Hono } from 'hono';
import { PROVIDER_LABELS } from '../../providers.js';
import type { AppServices } from '../app-services.js';

/** `GET /capabilities`: what the active provider can do, so clients adapt before sending. */
export function capabilityRoutes(services: AppServices): Hono {
  const routes = new Hono();
  const { runtime } = services;
  routes.get('/capabilities', (c) =>
    c.json({
      provider: runtime.providerId,
      providerLabel: PROVIDER_LABELS[runtime.providerId],
      transport: runtime.transport,
      sandbox: runtime.sandbox !== undefined,
      // Set when the app sends through core's router (`"providers"` in the config): `GET /routing`.
      ...(runtime.routing === undefined ? {} : { routing: runtime.routing.providers }),
      capabilities: [...runtime.provider.capabilities].sort(),
      limits: runtime.provider.limits,
    }),
  );
  return routes;
}
