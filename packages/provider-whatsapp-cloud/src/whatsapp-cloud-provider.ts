import type {
  AccountFacet,
  BulkRequest,
  BulkSendOptions,
  BulkStreamOptions,
  BulkStreamResult,
  MediaFacet,
  MessagingProvider,
  OutboundMessage,
  SendOptions,
  TemplatesFacet,
} from '@switchboard/core';
import { createAccountFacet } from './account-api.js';
import { createMarkRead } from './mark-read.js';
import { createMediaFacet } from './media-api.js';
import { sendBulk, sendBulkStream } from './send-bulk.js';
import { sendMessage } from './send-message.js';
import { createTemplatesFacet } from './templates-api.js';
import { whatsappCloudWebhooks } from './webhooks/whatsapp-cloud-webhooks.js';
import { whatsappCloudCapabilities } from './whatsapp-cloud-capabilities.js';
import { WhatsAppCloudClient } from './whatsapp-cloud-client.js';
import { WHATSAPP_CLOUD_LIMITS, type WhatsAppCloudLimits } from './whatsapp-cloud-limits.js';
import {
  resolveWhatsAppCloudOptions,
  WHATSAPP_CLOUD_PROVIDER_ID,
  type WhatsAppCloudOptions,
} from './whatsapp-cloud-options.js';

/**
 * A {@link MessagingProvider} for the WhatsApp Cloud API, with Meta's media rules in `limits` and
 * the facets the Cloud API has: `markRead`, `templates`, `media` and `account`, each with every
 * operation. The Cloud API has no address book, conversation history or operators, so `contacts`,
 * `conversations` and `operators` are absent (typed `never`).
 */
export interface WhatsAppCloudProvider extends MessagingProvider {
  readonly id: 'whatsapp-cloud';
  readonly limits: WhatsAppCloudLimits;
  /** One template send per recipient (`concurrency` at a time), each result yielded as it settles. */
  sendBulkStream(request: BulkRequest, options?: BulkStreamOptions): AsyncIterable<BulkStreamResult>;
  /** Marks an inbound message (and the ones before it) as read: blue ticks for the user. */
  markRead(messageId: string): Promise<void>;
  /** Templates of the WhatsApp Business Account (`businessAccountId` required). */
  readonly templates: TemplatesFacet;
  readonly media: MediaFacet;
  readonly account: AccountFacet;
  readonly contacts?: never;
  readonly conversations?: never;
  readonly operators?: never;
}

/**
 * Creates a provider for the WhatsApp Cloud API (Meta Graph), called directly or through a gateway.
 *
 * - `direct`: `https://graph.facebook.com/{apiVersion}/…` with `Authorization: Bearer <accessToken>`.
 * - `maton`: the Maton gateway (`https://gateway.maton.ai/whatsapp-business/{apiVersion}/…`, your
 *   `apiKey`, `Maton-Connection: <connectionId>` when given), paced at 10 requests/s per Maton API
 *   key (shared by every provider using that key, WATI's too) unless `rateLimit` says otherwise.
 * - `gateway`: any `ProviderGateway`, e.g. one `createMatonGateway(…)` shared by several providers.
 *
 * Contacts, conversation history and operator assignment do not exist in the Cloud API: the
 * provider has no such facets, and `capabilities` lists exactly the operations it has.
 *
 * @throws {ValidationError} for invalid options, naming the option (and the environment variable
 *   of a missing value).
 * @example
 * ```ts
 * const whatsapp = createWhatsAppCloud({
 *   transport: 'direct',
 *   accessToken: process.env.WHATSAPP_ACCESS_TOKEN,
 *   phoneNumberId: '106540352242922',
 *   appSecret: process.env.WHATSAPP_APP_SECRET,
 * });
 * const sent = await whatsapp.send({ type: 'text', to: '+1 650 555 1234', text: 'Hello!' });
 * await whatsapp.markRead(inboundMessageId);
 * ```
 */
export function createWhatsAppCloud(options: WhatsAppCloudOptions): WhatsAppCloudProvider {
  const resolved = resolveWhatsAppCloudOptions(options);
  const client = new WhatsAppCloudClient(resolved);
  const self = { id: WHATSAPP_CLOUD_PROVIDER_ID, capabilities: whatsappCloudCapabilities(resolved) };

  const webhooks = whatsappCloudWebhooks(resolved.appSecret, resolved.verifyToken);
  const send = (message: OutboundMessage, sendOptions?: SendOptions) =>
    sendMessage(client, self, message, sendOptions);

  return {
    id: WHATSAPP_CLOUD_PROVIDER_ID,
    capabilities: self.capabilities,
    limits: WHATSAPP_CLOUD_LIMITS,
    send,
    sendBulk: (request: BulkRequest, bulkOptions?: BulkSendOptions) =>
      sendBulk(send, self, request, bulkOptions),
    sendBulkStream: (request: BulkRequest, streamOptions?: BulkStreamOptions) =>
      sendBulkStream(send, self, request, streamOptions),
    webhooks,
    markRead: createMarkRead(client),
    templates: createTemplatesFacet(client),
    media: createMediaFacet(client),
    account: createAccountFacet(client),

    /**
     * Ends every request not yet answered (waiting for the rate limiter, between retries, in flight)
     * with an `AbortError` and refuses later ones; connections belong to your `dispatcher` or
     * undici's shared global agent, which stay open.
     */
    async close(): Promise<void> {
      client.transport.close();
    },
  };
}
