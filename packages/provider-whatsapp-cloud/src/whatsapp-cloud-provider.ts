import {
  type BulkRequest,
  type BulkResult,
  bulkRequestSchema,
  type Capability,
  fanOut,
  type MessagingProvider,
  type OutboundMessage,
  type ProviderWebhooks,
  parseOrThrow,
  requireCapability,
  type SendOptions,
  type SendResult,
  UnsupportedFeatureError,
  urlPath,
} from '@switchboard/core';
import { z } from 'zod';
import { createAccountApi } from './account-api.js';
import { GraphClient } from './graph-client.js';
import { createMediaApi } from './media-api.js';
import { sendMessage } from './send-message.js';
import { createTemplatesApi } from './templates-api.js';
import { parseWebhook } from './webhooks/parse-webhook.js';
import { handleVerification } from './webhooks/verification.js';
import { whatsappCloudCapabilities } from './whatsapp-cloud-capabilities.js';
import { WHATSAPP_CLOUD_LIMITS, type WhatsAppCloudLimits } from './whatsapp-cloud-limits.js';
import {
  resolveWhatsAppCloudOptions,
  WHATSAPP_CLOUD_PROVIDER_ID,
  type WhatsAppCloudOptions,
} from './whatsapp-cloud-options.js';

const messageIdSchema = z.string().trim().min(1, 'a message id is required');

/** A {@link MessagingProvider} for the WhatsApp Cloud API, with Meta's media rules in `limits`. */
export interface WhatsAppCloudProvider extends MessagingProvider {
  readonly id: 'whatsapp-cloud';
  readonly limits: WhatsAppCloudLimits;
}

/**
 * Creates a provider for the WhatsApp Cloud API (Meta Graph), called directly or through the
 * Maton gateway.
 *
 * - `direct`: `https://graph.facebook.com/{apiVersion}/…` with `Authorization: Bearer <accessToken>`.
 * - `maton`: `https://gateway.maton.ai/whatsapp-business/{apiVersion}/…` with
 *   `Authorization: Bearer <apiKey>` and `Maton-Connection: <connectionId>` when given; paced at
 *   10 requests/s per Maton API key (shared by every provider using that key, WATI's too) unless
 *   `rateLimit` says otherwise.
 *
 * Contacts, conversation history and operator assignment do not exist in the Cloud API: they throw
 * `UnsupportedFeatureError` before any request (see `capabilities`).
 *
 * @throws {ValidationError} for invalid options, naming the option (and the environment variable
 *   of a missing credential).
 * @example
 * ```ts
 * const whatsapp = createWhatsAppCloud({
 *   transport: 'direct',
 *   accessToken: process.env.WHATSAPP_ACCESS_TOKEN,
 *   phoneNumberId: '106540352242922',
 *   appSecret: process.env.WHATSAPP_APP_SECRET,
 * });
 * const sent = await whatsapp.send({ type: 'text', to: '+1 650 555 1234', text: 'Hello!' });
 * ```
 */
export function createWhatsAppCloud(options: WhatsAppCloudOptions): WhatsAppCloudProvider {
  const resolved = resolveWhatsAppCloudOptions(options);
  const client = new GraphClient(resolved);
  const capabilities = whatsappCloudCapabilities(resolved);
  const self = { id: WHATSAPP_CLOUD_PROVIDER_ID, capabilities };
  // The Cloud API has no endpoint for these: they are never in `capabilities`, so
  // requireCapability throws UnsupportedFeatureError before any request.
  const unsupported = async (capability: Capability): Promise<never> => {
    requireCapability(self, capability);
    throw new UnsupportedFeatureError(
      `Provider "${WHATSAPP_CLOUD_PROVIDER_ID}" does not support ${capability}`,
      {
        provider: WHATSAPP_CLOUD_PROVIDER_ID,
        capability,
      },
    );
  };

  const webhooks: ProviderWebhooks = {
    handleVerification: (requestOrUrl) => handleVerification(requestOrUrl, resolved.verifyToken),
    parse: (request) => parseWebhook(request, resolved.appSecret),
  };

  const send = (message: OutboundMessage, sendOptions?: SendOptions): Promise<SendResult> =>
    sendMessage(client, self, message, sendOptions);

  return {
    id: WHATSAPP_CLOUD_PROVIDER_ID,
    capabilities,
    limits: WHATSAPP_CLOUD_LIMITS,
    send,

    /**
     * The Cloud API has no bulk endpoint: one template send per recipient (core's `fanOut`, four
     * at a time), paced by this instance's rate limiter. `broadcastName` is a WATI notion and ignored.
     */
    async sendBulk(request: BulkRequest, bulkOptions: { signal?: AbortSignal } = {}): Promise<BulkResult> {
      requireCapability(self, 'send.bulk');
      const bulk = parseOrThrow(bulkRequestSchema, request, {
        what: 'bulk request',
        provider: WHATSAPP_CLOUD_PROVIDER_ID,
      });
      return fanOut(
        bulk.recipients,
        (recipient, signal) =>
          send(
            {
              type: 'template',
              to: recipient.to,
              template: {
                name: bulk.template.name,
                language: bulk.template.language,
                ...(recipient.parameters === undefined ? {} : { parameters: recipient.parameters }),
              },
            },
            signal === undefined ? {} : { signal },
          ),
        bulkOptions.signal === undefined ? {} : { signal: bulkOptions.signal },
      );
    },

    /** Marks an inbound message (and the ones before it) as read: blue ticks for the user. */
    async markRead(messageId: string): Promise<void> {
      requireCapability(self, 'messages.markRead');
      const id = parseOrThrow(messageIdSchema, messageId, {
        what: 'message id',
        provider: WHATSAPP_CLOUD_PROVIDER_ID,
      });
      await client.callForSuccess({
        method: 'POST',
        path: urlPath`/${resolved.phoneNumberId}/messages`,
        body: { type: 'json', value: { messaging_product: 'whatsapp', status: 'read', message_id: id } },
        // Marking a message read twice changes nothing.
        idempotent: true,
        operation: 'messages.markRead',
      });
    },

    templates: createTemplatesApi(client),
    contacts: {
      list: () => unsupported('contacts.list'),
      upsert: () => unsupported('contacts.upsert'),
      updateAttributes: () => unsupported('contacts.updateAttributes'),
    },
    conversations: { messages: () => unsupported('conversations.messages') },
    media: createMediaApi(client),
    operators: { assign: () => unsupported('operators.assign') },
    account: createAccountApi(client),
    webhooks,

    /** Nothing to release: requests use your `dispatcher` or undici's shared global agent. */
    async close(): Promise<void> {},
  };
}
