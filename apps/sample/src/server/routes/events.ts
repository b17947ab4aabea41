import { Hono } from 'hono';
import type { AppServices } from '../app-services.js';

/**
 * `GET /events`: Server-Sent Events. Unnamed events carry each webhook's neutral `InboundEvent`
 * (messages and statuses, dates as ISO strings, no `raw`); `inbox` events carry the inbox change
 * it caused or a send added. Reconnecting clients send `Last-Event-ID` and get what they missed.
 */
export function eventRoutes(services: AppServices): Hono {
  const routes = new Hono();
  routes.get('/events', (c) => services.events.response(c.req.header('last-event-id')));
  return routes;
}
