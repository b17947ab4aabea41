import { parseOrThrow, type WindowState } from '@switchboard/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { PROVIDER_LABELS } from '../../providers.js';
import type { Routing } from '../../routing/routing.js';
import type { AppServices } from '../app-services.js';
import { readJsonBody } from '../read-json-body.js';

const failureSchema = z.strictObject({ failing: z.boolean() });

/** A window as JSON: `open` with `closesAt`, `closed` with `closedAt`, or `unknown`. */
function windowJson(state: WindowState): Record<string, string> {
  if (state.state === 'open') return { state: 'open', closesAt: state.closesAt.toISOString() };
  if (state.state === 'closed') return { state: 'closed', closedAt: state.closedAt.toISOString() };
  return { state: 'unknown' };
}

/**
 * With `"providers"` in the config. `GET /routing`: the providers in order, whether the sandbox's
 * primary is failing, the latest failovers, and per conversation the 24-hour window with each
 * provider (open until …, or closed: a template is required). `POST /routing/primary-failure`
 * `{ failing }` (sandbox only): the primary's emulator answers every send 503, so the next send
 * fails over for all to see.
 */
export function routingRoutes(services: AppServices, routing: Routing): Hono {
  const routes = new Hono();
  const sandbox = services.runtime.sandbox;
  const canFail = sandbox?.failSends !== undefined;

  routes.get('/routing', async (c) => {
    const conversations = await Promise.all(
      services.store.conversations().map(async ({ phone, name }) => ({
        phone,
        ...(name === undefined ? {} : { name }),
        windows: Object.fromEntries(
          await Promise.all(
            routing.providers.map(
              async (provider) =>
                [provider, windowJson(await routing.tracker.window({ provider, customer: phone }))] as const,
            ),
          ),
        ),
      })),
    );
    return c.json({
      providers: routing.providers.map((id) => ({ id, label: PROVIDER_LABELS[id] })),
      canFailPrimary: canFail,
      primaryFailing: routing.primaryFailing,
      failovers: routing.failovers.map((failover) => ({ ...failover, at: failover.at.toISOString() })),
      conversations,
    });
  });

  routes.post('/routing/primary-failure', async (c) => {
    const { failing } = parseOrThrow(failureSchema, await readJsonBody(c), {
      what: 'primary failure switch',
    });
    if (!canFail) {
      return c.json(
        { error: { code: 'unsupported_feature', message: 'Only the sandbox can make the primary fail' } },
        409,
      );
    }
    sandbox?.failSends?.(failing);
    routing.primaryFailing = failing;
    services.logger.info(`sandbox: the primary's sends ${failing ? 'now fail with 503' : 'work again'}`);
    return c.json({ primaryFailing: failing });
  });
  return routes;
}
