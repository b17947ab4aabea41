import { createWebhookHandler, DEFAULT_MAX_BODY_BYTES } from '@switchboard/core';
import { Hono } from 'hono';
import { describeError } from '../../logger.js';
import { PROVIDER_IDS } from '../../providers.js';
import { type AppServices, acceptEvent } from '../app-services.js';

/**
 * `/webhooks/whatsapp-cloud` and `/webhooks/wati` (plus `/webhooks/wati/<secret>` for WATI's
 * secret-in-the-path setup): GET answers the subscription handshake, POST verifies and parses a
 * delivery with core's `createWebhookHandler` and answers only after every event was taken into the
 * inbox. Only the active provider's endpoint is live (each listed one with a router); another
 * answers 404 saying so.
 */
export function webhookRoutes(services: AppServices): Hono {
  const routes = new Hono();
  const { provider, providerId } = services.runtime;
  // With a router (`"providers"` in the config) every listed provider's endpoint is live: the
  // router's parser gives each delivery to the provider it belongs to.
  const active: readonly string[] = services.runtime.config.providers ?? [providerId];
  const handler = createWebhookHandler(provider, (event) => acceptEvent(services, event), {
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    onError: (error, event) =>
      services.logger.error(
        `webhook ${event === undefined ? 'delivery' : `${event.kind} event`} failed: ${describeError(error)}`,
      ),
  });

  for (const id of PROVIDER_IDS) {
    const paths = id === 'wati' ? [`/${id}`, `/${id}/:secret`] : [`/${id}`];
    for (const path of paths) {
      routes.all(path, async (c) =>
        active.includes(id)
          ? await handler(c.req.raw)
          : c.text(
              `This app runs on ${providerId}: the ${id} webhook endpoint is not active. ` +
                `Point the provider at /webhooks/${providerId}, or set "provider": "${id}" to switch.`,
              404,
            ),
      );
    }
  }
  return routes;
}
