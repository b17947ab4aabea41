import { parseOrThrow } from '@switchboard/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Sandbox } from '../../sandbox/sandbox.js';
import type { AppServices } from '../app-services.js';
import { readJsonBody } from '../read-json-body.js';

const inboundSchema = z.strictObject({
  from: z
    .string()
    .transform((value) => value.replace(/[\s+\-().]/g, ''))
    .pipe(z.string().regex(/^[1-9]\d{7,14}$/, 'must be a phone number with its country code')),
  name: z.string().trim().min(1).max(100).optional(),
  text: z.string().min(1).max(4096),
});

/**
 * Sandbox mode only. `GET /sandbox`: the demo contacts. `POST /sandbox/inbound` `{ from, name?, text }`:
 * the emulator sends the message to the app's own webhook endpoint, so it arrives exactly as a real
 * one would (signature or shared secret checked, parsed by the provider, then on the event stream).
 */
export function sandboxRoutes(services: AppServices, sandbox: Sandbox): Hono {
  const routes = new Hono();
  routes.get('/sandbox', (c) => c.json({ contacts: sandbox.contacts, emulatorUrl: sandbox.emulatorUrl }));
  routes.post('/sandbox/inbound', async (c) => {
    const input = parseOrThrow(inboundSchema, await readJsonBody(c), { what: 'simulated message' });
    try {
      const { id } = await sandbox.simulateInbound({
        from: input.from,
        text: input.text,
        ...(input.name === undefined ? {} : { name: input.name }),
      });
      return c.json({ id });
    } catch (error) {
      services.logger.error('the simulated message did not arrive', error);
      return c.json(
        {
          error: {
            code: 'provider_unavailable',
            message: error instanceof Error ? error.message : String(error),
          },
        },
        502,
      );
    }
  });
  return routes;
}
