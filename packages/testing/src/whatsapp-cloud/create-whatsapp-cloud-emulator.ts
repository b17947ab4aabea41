import type { RequestHandler } from 'msw';
import { type LoopbackServer, startLoopbackServer } from '../loopback-server.js';
import type { WebhookDeliveryResult } from '../webhook-delivery.js';
import {
  DEFAULT_CLOUD_ACCESS_TOKEN,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
  DEFAULT_CLOUD_TEMPLATES,
} from './cloud-defaults.js';
import { CloudEmulatorStore } from './cloud-emulator-store.js';
import type { CloudSentMessage, WhatsAppCloudEmulatorState } from './cloud-emulator-types.js';
import { CloudIds } from './cloud-ids.js';
import { createCloudGraphHandlers, unsupportedRequestHandler } from './graph-router.js';
import { MetaSchemaValidator } from './meta-schema-validator.js';
import {
  type CloudWebhookTarget,
  DEFAULT_CLOUD_STATUS_DELAYS,
  WebhookDispatcher,
} from './webhook-dispatcher.js';
import { buildCloudMessageWebhook, buildCloudStatusWebhook, unixSeconds } from './webhook-payloads.js';
import type {
  CloudInboundMessageInput,
  WhatsAppCloudEmulator,
  WhatsAppCloudEmulatorOptions,
} from './whatsapp-cloud-emulator.js';

/**
 * Creates an emulator of the WhatsApp Cloud API (Meta Graph) that checks bearer tokens, paths and request
 * bodies against Meta's own OpenAPI schema (with its known defects fixed), keeps sent messages, media,
 * templates and profiles in memory, answers with Meta-shaped bodies and errors, and sends signed webhooks.
 *
 * @example
 * ```ts
 * const emulator = createWhatsAppCloudEmulator({ appSecret: 'app-secret', webhook: { url: `${app.url}/webhooks` } });
 * await using server = await emulator.listen();
 * const response = await fetch(`${server.url}/v23.0/106540352242922/messages`, {
 *   method: 'POST',
 *   headers: { authorization: 'Bearer test-access-token', 'content-type': 'application/json' },
 *   body: JSON.stringify({ messaging_product: 'whatsapp', to: '16505551234', type: 'text', text: { body: 'Hi' } }),
 * });
 * const { messages } = await response.json(); // [{ id: 'wamid.…' }]
 * await emulator.flushWebhooks(); // sent, delivered and read statuses have reached the app
 * await emulator.close();
 * ```
 */
export function createWhatsAppCloudEmulator(
  options: WhatsAppCloudEmulatorOptions = {},
): WhatsAppCloudEmulator {
  return new CloudEmulator(options);
}

const CONVERSATION_WINDOW_MS = 24 * 60 * 60 * 1000;

class CloudEmulator implements WhatsAppCloudEmulator {
  readonly handlers: RequestHandler[];
  readonly #store: CloudEmulatorStore;
  readonly #ids = new CloudIds();
  readonly #now: () => Date;
  readonly #dispatcher: WebhookDispatcher;
  readonly #conversations = new WeakMap<CloudSentMessage, { id: string; expiresAt: Date }>();
  readonly #servers: LoopbackServer[] = [];
  #target: CloudWebhookTarget | undefined;

  constructor(options: WhatsAppCloudEmulatorOptions) {
    const accessTokens = options.accessTokens ?? [DEFAULT_CLOUD_ACCESS_TOKEN];
    if (accessTokens.length === 0) throw new RangeError('accessTokens must list at least one token');
    this.#now = options.now ?? (() => new Date());
    this.#store = new CloudEmulatorStore(
      {
        businessAccountId: options.businessAccountId ?? DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
        phoneNumbers: options.phoneNumbers ?? [DEFAULT_CLOUD_PHONE_NUMBER],
        templates: options.templates ?? DEFAULT_CLOUD_TEMPLATES,
      },
      this.#ids,
    );
    this.#dispatcher = new WebhookDispatcher({
      appSecret: options.appSecret,
      record: (delivery) => this.#store.webhookDeliveries.push(delivery),
      now: this.#now,
    });
    this.#target = options.webhook === undefined ? undefined : { ...options.webhook };
    this.handlers = createCloudGraphHandlers({
      store: this.#store,
      ids: this.#ids,
      now: this.#now,
      accessTokens: new Set(accessTokens),
      templateReviewStatus: options.templateReviewStatus ?? 'APPROVED',
      validator: () => MetaSchemaValidator.load(),
      messageAccepted: (message) => this.#scheduleStatuses(message),
    });
  }

  get state(): WhatsAppCloudEmulatorState {
    return this.#store;
  }

  async listen(): Promise<LoopbackServer> {
    // Load Meta's schema now, so the first request is not slow and a broken install fails here.
    await MetaSchemaValidator.load();
    const server = await startLoopbackServer({ handlers: [...this.handlers, unsupportedRequestHandler()] });
    this.#servers.push(server);
    return server;
  }

  setWebhook(target: CloudWebhookTarget | undefined): void {
    this.#target = target === undefined ? undefined : { ...target };
  }

  async simulateInboundMessage(
    input: CloudInboundMessageInput,
  ): Promise<{ id: string; delivery: WebhookDeliveryResult }> {
    const url = this.#requireTarget().url;
    const phone = this.#store.phoneNumberOrDefault(input.phoneNumberId);
    const from = input.from.replace(/\D/g, '');
    if (!/^[1-9]\d{6,14}$/.test(from)) {
      throw new TypeError(
        `simulateInboundMessage: from must be a phone number with country code, got "${input.from}"`,
      );
    }
    const id = this.#ids.inboundMessage(from);
    const receivedAt = this.#now();
    const context =
      input.replyTo === undefined
        ? {}
        : { context: { from: phone.displayPhoneNumber.replace(/\D/g, ''), id: input.replyTo } };
    const content = 'text' in input ? { type: 'text', text: { body: input.text } } : input.message;
    if (typeof content.type !== 'string')
      throw new TypeError('simulateInboundMessage: message.type must be a string');
    const message = {
      from,
      id,
      timestamp: unixSeconds(receivedAt),
      ...context,
      ...content,
      type: content.type,
    };
    this.#store.inboundMessages.push({ id, phoneNumberId: phone.id, from, message, receivedAt });
    const payload = buildCloudMessageWebhook({
      businessAccountId: this.#store.businessAccountId,
      phoneNumberId: phone.id,
      displayPhoneNumber: phone.displayPhoneNumber,
      contact: { waId: from, name: input.name ?? 'WhatsApp User' },
      message,
    });
    return { id, delivery: await this.#dispatcher.deliver(url, payload) };
  }

  async deliverStatus(
    messageId: string,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    error?: { code: number; title: string },
  ): Promise<WebhookDeliveryResult> {
    const url = this.#requireTarget().url;
    const message = this.#store.sentMessage(messageId);
    if (message === undefined) throw new Error(`The emulator sent no message with id ${messageId}`);
    return this.#deliverStatusOf(message, status, url, error);
  }

  flushWebhooks(): Promise<void> {
    return this.#dispatcher.flush();
  }

  reset(): void {
    this.#dispatcher.cancel();
    this.#store.reset();
  }

  async close(): Promise<void> {
    this.#dispatcher.cancel();
    const servers = this.#servers.splice(0);
    await Promise.all(servers.map((server) => server.close()));
  }

  #requireTarget(): CloudWebhookTarget {
    if (this.#target === undefined) {
      throw new Error(
        'No webhook target: pass `webhook` to createWhatsAppCloudEmulator or call setWebhook()',
      );
    }
    return this.#target;
  }

  #scheduleStatuses(message: CloudSentMessage): void {
    const target = this.#target;
    if (target === undefined || target.statusDelaysMs === false) return;
    const delays = target.statusDelaysMs ?? DEFAULT_CLOUD_STATUS_DELAYS;
    this.#dispatcher.schedule(
      (['sent', 'delivered', 'read'] as const).map((status) => ({
        atMs: delays[status],
        run: async () => {
          await this.#deliverStatusOf(message, status, target.url);
        },
      })),
    );
  }

  #deliverStatusOf(
    message: CloudSentMessage,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    url: string,
    error?: { code: number; title: string },
  ): Promise<WebhookDeliveryResult> {
    const phone = this.#store.phoneNumberOrDefault(message.phoneNumberId);
    const timestamp = this.#now();
    let conversation = this.#conversations.get(message);
    if (conversation === undefined) {
      conversation = {
        id: this.#ids.conversation(),
        expiresAt: new Date(timestamp.getTime() + CONVERSATION_WINDOW_MS),
      };
      this.#conversations.set(message, conversation);
    }
    const callbackData = message.body.biz_opaque_callback_data;
    // Meta bills on sent/delivered statuses; read receipts come without pricing.
    const billed = status === 'sent' || status === 'delivered';
    const payload = buildCloudStatusWebhook({
      businessAccountId: this.#store.businessAccountId,
      phoneNumberId: phone.id,
      displayPhoneNumber: phone.displayPhoneNumber,
      messageId: message.id,
      status,
      timestamp,
      ...(message.waId === undefined ? { recipientUserId: message.input } : { recipientId: message.waId }),
      ...(typeof callbackData === 'string' ? { bizOpaqueCallbackData: callbackData } : {}),
      ...(billed ? { pricingCategory: message.pricingCategory, conversation } : {}),
      ...(error === undefined ? {} : { error }),
    });
    message.statuses.push({ status, timestamp });
    return this.#dispatcher.deliver(url, payload);
  }
}
