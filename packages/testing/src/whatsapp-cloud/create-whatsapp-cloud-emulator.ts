import type { RequestHandler } from 'msw';
import { EmulatorRuntime } from '../emulator-kit/emulator-runtime.js';
import { resolveRetention } from '../emulator-kit/retention.js';
import { type LoopbackServer, startLoopbackServer } from '../loopback-server.js';
import type { WebhookDeliveryResult } from '../webhook-delivery.js';
import {
  DEFAULT_CLOUD_ACCESS_TOKEN,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
  DEFAULT_CLOUD_TEMPLATES,
} from './cloud-defaults.js';
import { CloudEmulatorStore } from './cloud-emulator-store.js';
import type { WhatsAppCloudEmulatorState } from './cloud-emulator-types.js';
import { CloudIds } from './cloud-ids.js';
import { type CloudStatusError, CloudStatusReporter } from './cloud-status-reporter.js';
import type { CloudWebhookTarget } from './cloud-webhook-target.js';
import { createCloudGraphHandlers, unsupportedRequestHandler } from './graph-router.js';
import { checkSender, senderContact, senderFields } from './inbound-sender.js';
import { MetaSchemaValidator } from './meta-schema-validator.js';
import {
  buildCloudMessageWebhook,
  type CloudStatusValue,
  type CloudWebhookPayload,
  unixSeconds,
} from './webhook-payloads.js';
import type {
  CloudInboundMessageInput,
  CloudSimulatedInboundResult,
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
 * await using emulator = createWhatsAppCloudEmulator({ appSecret: 'app-secret', webhook: { url: `${app.url}/webhooks` } });
 * const server = await emulator.listen();
 * const response = await fetch(`${server.url}/v23.0/106540352242922/messages`, {
 *   method: 'POST',
 *   headers: { authorization: 'Bearer test-access-token', 'content-type': 'application/json' },
 *   body: JSON.stringify({ messaging_product: 'whatsapp', to: '16505551234', type: 'text', text: { body: 'Hi' } }),
 * });
 * const { messages } = await response.json(); // [{ id: 'wamid.…' }]
 * await emulator.flushWebhooks(); // sent, delivered and read statuses have reached the app
 * ```
 */
export function createWhatsAppCloudEmulator(
  options: WhatsAppCloudEmulatorOptions = {},
): WhatsAppCloudEmulator {
  return new CloudEmulator(options);
}

/** Meta's webhook requests identify themselves with this user agent. */
const META_WEBHOOK_USER_AGENT = 'facebookexternalua';

class CloudEmulator implements WhatsAppCloudEmulator {
  readonly handlers: RequestHandler[];
  readonly #store: CloudEmulatorStore;
  readonly #ids = new CloudIds();
  readonly #now: () => Date;
  readonly #runtime: EmulatorRuntime<CloudWebhookTarget, CloudWebhookPayload, LoopbackServer>;
  readonly #reporter: CloudStatusReporter;

  constructor(options: WhatsAppCloudEmulatorOptions) {
    const accessTokens = options.accessTokens ?? [DEFAULT_CLOUD_ACCESS_TOKEN];
    if (accessTokens.length === 0) throw new RangeError('accessTokens must list at least one token');
    const retention = resolveRetention('createWhatsAppCloudEmulator', options.retention);
    this.#now = options.now ?? (() => new Date());
    const appSecret = options.appSecret;
    this.#store = new CloudEmulatorStore(
      {
        businessAccountId: options.businessAccountId ?? DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
        phoneNumbers: options.phoneNumbers ?? [DEFAULT_CLOUD_PHONE_NUMBER],
        templates: options.templates ?? DEFAULT_CLOUD_TEMPLATES,
      },
      this.#ids,
      retention.webhookDeliveries,
    );
    this.#runtime = new EmulatorRuntime({
      now: this.#now,
      record: (delivery) => this.#store.recordWebhookDelivery({ ...delivery, deliveredAt: delivery.at }),
      startServer: async () => {
        // Load Meta's schema now, so the first request is not slow and a broken install fails here.
        await MetaSchemaValidator.load();
        return startLoopbackServer({
          handlers: [...this.handlers, unsupportedRequestHandler()],
          maxRecordedRequests: retention.requests,
        });
      },
      delivery: () => ({
        headers: { 'user-agent': META_WEBHOOK_USER_AGENT },
        ...(appSecret === undefined ? {} : { signWith: { secret: appSecret } }),
      }),
    });
    this.#reporter = new CloudStatusReporter({
      store: this.#store,
      ids: this.#ids,
      now: this.#now,
      scheduler: this.#runtime.scheduler,
      target: () => this.#runtime.target,
      deliver: (payload) => this.#runtime.deliver(payload),
    });
    this.setWebhook(options.webhook);
    this.handlers = createCloudGraphHandlers({
      store: this.#store,
      ids: this.#ids,
      now: this.#now,
      accessTokens: new Set(accessTokens),
      templateReviewStatus: options.templateReviewStatus ?? 'APPROVED',
      validator: () => MetaSchemaValidator.load(),
      messageAccepted: (message) => this.#reporter.scheduleProgression(message),
    });
  }

  get state(): WhatsAppCloudEmulatorState {
    return this.#store;
  }

  listen(): Promise<LoopbackServer> {
    return this.#runtime.listen();
  }

  setWebhook(target: CloudWebhookTarget | undefined): void {
    this.#runtime.setTarget(target);
  }

  async simulateInboundMessage(input: CloudInboundMessageInput): Promise<CloudSimulatedInboundResult> {
    const phone = this.#store.phoneNumberOrDefault(input.phoneNumberId);
    const sender = checkSender(input);
    const content = 'text' in input ? { type: 'text', text: { body: input.text } } : input.message;
    if (typeof content.type !== 'string') {
      throw new TypeError('simulateInboundMessage: message.type must be a string');
    }
    const id = this.#ids.inboundMessage(sender.phone ?? sender.userId ?? '');
    const receivedAt = this.#now();
    const context =
      input.replyTo === undefined
        ? {}
        : { context: { from: phone.displayPhoneNumber.replace(/\D/g, ''), id: input.replyTo } };
    const message = {
      ...senderFields(sender),
      id,
      timestamp: unixSeconds(receivedAt),
      ...context,
      ...(input.referral === undefined ? {} : { referral: input.referral }),
      ...content,
      type: content.type,
    };
    this.#store.inboundMessages.push({
      id,
      phoneNumberId: phone.id,
      from: sender.phone,
      ...(sender.userId === undefined ? {} : { userId: sender.userId }),
      message,
      receivedAt,
    });
    const payload = buildCloudMessageWebhook({
      businessAccountId: this.#store.businessAccountId,
      phoneNumberId: phone.id,
      displayPhoneNumber: phone.displayPhoneNumber,
      contact: senderContact(sender),
      message,
    });
    return { id, delivery: await this.#runtime.deliver(payload) };
  }

  async deliverStatus(
    messageId: string,
    status: CloudStatusValue,
    error?: CloudStatusError,
  ): Promise<WebhookDeliveryResult | undefined> {
    const message = this.#store.sentMessage(messageId);
    if (message === undefined)
      throw new Error(`deliverStatus: the emulator sent no message with id ${messageId}`);
    return this.#reporter.report(message, status, error);
  }

  flushWebhooks(): Promise<void> {
    return this.#runtime.flush();
  }

  reset(): void {
    this.#runtime.reset();
    this.#store.reset();
  }

  close(): Promise<void> {
    return this.#runtime.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
