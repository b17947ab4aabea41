import { requireOperation } from '@switchboard/core';
import { Hono } from 'hono';
import { withoutRaw } from '../../messages/without-raw.js';
import type { AppServices } from '../app-services.js';
import { listOptionsFromQuery } from '../list-options.js';

/**
 * `GET /templates?cursor&pageSize` and `GET /contacts?cursor&pageSize&name`: one page from the
 * provider, items without their `raw` records. Contacts answer 422 on a provider without an address
 * book (WhatsApp Cloud has no `contacts` facet).
 */
export function directoryRoutes(services: AppServices): Hono {
  const routes = new Hono();
  const { provider } = services.runtime;

  routes.get('/templates', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const page = await requireOperation(provider, 'templates.list')(listOptionsFromQuery(query));
    return c.json({ ...page, items: withoutRaw(page.items) });
  });

  routes.get('/contacts', async (c) => {
    const query = new URL(c.req.url).searchParams;
    const name = query.get('name');
    const page = await requireOperation(
      provider,
      'contacts.list',
    )({
      ...listOptionsFromQuery(query),
      // A name filter is WATI's; another address book ignores the wati namespace.
      ...(name === null || name === '' ? {} : { providerOptions: { wati: { name } } }),
    });
    return c.json({ ...page, items: withoutRaw(page.items) });
  });

  return routes;
}
