import { parseOrThrow, urlPath } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import type { WhatsAppCloudClient } from './whatsapp-cloud-client.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

const messageIdSchema = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.trim(), z.minLength(1, 'a message id is required')),
);

/**
 * `markRead` of a WhatsApp Cloud provider: marks an inbound message (and the ones before it) as
 * read, which shows blue ticks to the user: `POST /{phone-number-id}/messages` with `status: "read"`.
 */
export function createMarkRead(client: WhatsAppCloudClient): (messageId: string) => Promise<void> {
  return async (messageId) => {
    const id = parseOrThrow(messageIdSchema, messageId, {
      what: 'message id',
      provider: WHATSAPP_CLOUD_PROVIDER_ID,
    });
    await client.callForSuccess({
      method: 'POST',
      path: urlPath`/${client.options.phoneNumberId}/messages`,
      body: { type: 'json', value: { messaging_product: 'whatsapp', status: 'read', message_id: id } },
      // Marking a message read twice changes nothing.
      idempotent: true,
      operation: 'messages.markRead',
    });
  };
}
