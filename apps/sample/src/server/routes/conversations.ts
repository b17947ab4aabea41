import { parsePhone } from '@switchboard/core';
import { Hono } from 'hono';
import { describeError } from '../../logger.js';
import type { AppServices } from '../app-services.js';
import { readJsonBody } from '../read-json-body.js';

/**
 * `GET /conversations`: the inbox (conversations newest first, with their messages).
 * `POST /conversations/:phone/read`: clears the unread badge and, where the provider can
 * (`messages.markRead`), marks the newest inbound message read for the sender (blue ticks).
 */
export function conversationRoutes(services: AppServices): Hono {
  const routes = new Hono();
  const { provider } = services.runtime;

  routes.get('/conversations', (c) => c.json({ conversations: services.store.snapshot() }));

  routes.post('/conversations/:phone/read', async (c) => {
    // No input: an empty POST (curl -X POST) is enough; a body, if sent, must still be JSON.
    await readJsonBody(c, { optional: true });
    const typed = c.req.param('phone');
    // Conversations are keyed by digits: `+44 7700 900123` names `447700900123`. A key that is no
    // phone number (a username-only contact) is taken as typed.
    const parsed = parsePhone(typed);
    const phone = parsed.ok ? parsed.phone : typed;
    const conversation = services.store.markRead(phone);
    if (conversation === undefined) {
      return c.json({ error: { code: 'not_found', message: `No conversation with ${typed}` } }, 404);
    }
    const last = services.store.lastInbound(phone);
    let markedAtProvider = false;
    if (last !== undefined && provider.markRead !== undefined) {
      try {
        await provider.markRead(last.id);
        markedAtProvider = true;
      } catch (error) {
        // The badge is ours; a provider that cannot mark this message read must not fail the click.
        services.logger.warn(`could not mark ${last.id} read at ${provider.id}: ${describeError(error)}`);
      }
    }
    return c.json({ conversation, markedAtProvider });
  });

  return routes;
}
