import { bulkRequestSchema, outboundMessageSchema, parseOrThrow } from '@switchboard/core';
import { Hono } from 'hono';
import { describeOutbound, describeTemplate } from '../../inbox/describe-message.js';
import { messageFromJson } from '../../messages/message-from-json.js';
import { type AppServices, publishChange } from '../app-services.js';
import { readJsonBody } from '../read-json-body.js';

/**
 * `POST /messages`: a neutral `OutboundMessage` in, the `SendResult` out.
 * `POST /bulk`: a `BulkRequest` in, the `BulkResult` out.
 * Accepted messages join the inbox; errors are answered by the app's error handler.
 */
export function messageRoutes(services: AppServices): Hono {
  const routes = new Hono();
  const { provider } = services.runtime;

  routes.post('/messages', async (c) => {
    // Parsed here, not only inside the provider: the route reads the message after the send.
    const typed = parseOrThrow(outboundMessageSchema, messageFromJson(await readJsonBody(c)), {
      what: 'message',
    });
    const result = await provider.send(typed);
    publishChange(
      services,
      services.store.recordOutbound({
        id: result.id,
        to: result.to,
        type: typed.type,
        text: describeOutbound(typed),
        ...(result.providerIds === undefined ? {} : { providerIds: result.providerIds }),
      }),
    );
    return c.json(result);
  });

  routes.post('/bulk', async (c) => {
    const request = parseOrThrow(bulkRequestSchema, await readJsonBody(c), { what: 'bulk request' });
    const result = await provider.sendBulk(request);
    request.recipients.forEach((recipient, index) => {
      const outcome = result.results[index];
      if (outcome?.ok !== true || outcome.id === undefined) return;
      publishChange(
        services,
        services.store.recordOutbound({
          id: outcome.id,
          to: outcome.to,
          type: 'template',
          text: describeTemplate(request.template.name, recipient.parameters),
        }),
      );
    });
    return c.json(result);
  });

  return routes;
}
