import { bulkRequestSchema, outboundMessageSchema, parseOrThrow } from '@switchboard/core';
import type { Outbox } from '@switchboard/queue';
import { Hono } from 'hono';
import { describeOutbound, describeTemplate } from '../../inbox/describe-message.js';
import { messageFromJson } from '../../messages/message-from-json.js';
import { type AppServices, publishChange } from '../app-services.js';
import { readJsonBody } from '../read-json-body.js';

/** The request header whose value becomes the job's idempotency key. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * The message routes when the app has an outbox (`REDIS_URL`): the same requests as
 * `messageRoutes`, answered `202 Accepted` once the job is in Redis; the app's worker sends it and
 * the inbox shows it `queued`, then `accepted` (or `failed`).
 *
 * - `POST /messages`: `{ jobId, duplicate, status: 'queued', to }`. An `Idempotency-Key` header
 *   makes a repeated request return the first job (`duplicate: true`) instead of sending again.
 * - `POST /bulk`: `{ bulkId, jobIds, status: 'queued' }`, one job per recipient.
 * - `GET /bulk/:bulkId`: the campaign's counts and each recipient's outcome.
 * - `GET /jobs/:jobId`: one job's state and, once done, its `SendResult` or error.
 */
export function queuedMessageRoutes(services: AppServices, outbox: Outbox): Hono {
  const routes = new Hono();

  routes.post('/messages', async (c) => {
    const typed = parseOrThrow(outboundMessageSchema, messageFromJson(await readJsonBody(c)), {
      what: 'message',
    });
    const idempotencyKey = c.req.header(IDEMPOTENCY_KEY_HEADER);
    const { jobId, duplicate } = await outbox.enqueue(
      typed,
      idempotencyKey === undefined ? {} : { idempotencyKey },
    );
    publishChange(
      services,
      services.store.recordQueued({ jobId, to: typed.to, type: typed.type, text: describeOutbound(typed) }),
    );
    return c.json({ jobId, duplicate, status: 'queued', to: typed.to }, 202);
  });

  routes.post('/bulk', async (c) => {
    const request = parseOrThrow(bulkRequestSchema, await readJsonBody(c), { what: 'bulk request' });
    const { bulkId, jobIds } = await outbox.enqueueBulk(request);
    request.recipients.forEach((recipient, index) => {
      const jobId = jobIds[index];
      if (jobId === undefined) return;
      publishChange(
        services,
        services.store.recordQueued({
          jobId,
          to: recipient.to,
          type: 'template',
          text: describeTemplate(request.template.name, recipient.parameters),
        }),
      );
    });
    return c.json({ bulkId, jobIds, status: 'queued' }, 202);
  });

  routes.get('/bulk/:bulkId', async (c) => {
    const progress = await outbox.getBulkResult(c.req.param('bulkId'));
    if (progress === undefined) {
      return c.json({ error: { code: 'not_found', message: 'No such bulk send (or it expired)' } }, 404);
    }
    return c.json(progress);
  });

  routes.get('/jobs/:jobId', async (c) => {
    const job = await outbox.getJob(c.req.param('jobId'));
    if (job === undefined) {
      return c.json({ error: { code: 'not_found', message: 'No such job (or it expired)' } }, 404);
    }
    return c.json(job);
  });

  return routes;
}
