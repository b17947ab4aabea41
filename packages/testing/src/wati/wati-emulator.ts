import type { RequestHandler } from 'msw';
import { http } from 'msw';
import { startLoopbackServer } from '../loopback-server.js';
import type { WebhookDeliveryResult } from '../webhook-delivery.js';
import { contactRoutes } from './handlers/contact-routes.js';
import { historyRoutes } from './handlers/history-routes.js';
import { interactiveRoutes } from './handlers/interactive-routes.js';
import { sessionFileRoutes } from './handlers/session-file-routes.js';
import { sessionMessageRoutes } from './handlers/session-message-routes.js';
import { templateCsvRoutes } from './handlers/template-csv-routes.js';
import { templateSendRoutes } from './handlers/template-send-routes.js';
import type { WatiEmulatorConfig, WatiEmulatorContext } from './wati-context.js';
import { defaultWatiTemplates } from './wati-default-templates.js';
import type { WatiEmulatorOptions } from './wati-emulator-options.js';
import type { WatiEmulator, WatiEmulatorServer } from './wati-emulator-types.js';
import { watiObjectId } from './wati-ids.js';
import {
  receiveInbound,
  type WatiSimulatedInbound,
  type WatiSimulatedInboundResult,
} from './wati-inbound.js';
import { watiNotFound } from './wati-responses.js';
import { watiFallbackHandler, watiRouteHandler } from './wati-route.js';
import { WatiEmulatorState } from './wati-state.js';
import { toTemplateRecord } from './wati-template.js';
import type { WatiDeliveryStatus, WatiFailure } from './webhooks/record-events.js';
import { StatusReporter } from './webhooks/status-reporter.js';
import { TaskScheduler } from './webhooks/task-scheduler.js';
import { type WatiWebhookTarget, WebhookDispatcher } from './webhooks/webhook-dispatcher.js';

const DEFAULT_TOKEN = 'test-wati-token';
const DEFAULT_TENANT = '123456';

/**
 * Creates a WATI emulator: msw handlers that behave like WATI's v1/v2 API for everything an adapter
 * does (content types, bearer token, soft failures, the 24-hour window, pagination, in-memory contacts,
 * messages, templates and media) and delivers WATI webhooks (statuses after each send, inbound messages
 * on demand).
 *
 * @example
 * ```ts
 * await using wati = createWatiEmulator({ webhook: { url: `${app.url}/webhooks/wati` } });
 * const { tenantUrl } = await wati.listen();
 * await wati.simulateInboundMessage({ from: '14155551234', name: 'John', text: 'hi' });
 *
 * const response = await fetch(`${tenantUrl}/api/v1/sendSessionMessage/14155551234?messageText=hello`, {
 *   method: 'POST',
 *   headers: { authorization: 'Bearer test-wati-token' },
 * });
 * const { message } = await response.json(); // { id, whatsappMessageId, … }
 * await wati.flushWebhooks(); // sessionMessageSent_v2, sentMessageDELIVERED_v2, sentMessageREAD_v2
 * ```
 */
export function createWatiEmulator(options: WatiEmulatorOptions = {}): WatiEmulator {
  return new WatiEmulatorInstance(options);
}

class WatiEmulatorInstance implements WatiEmulator {
  readonly handlers: RequestHandler[];
  readonly state = new WatiEmulatorState();
  readonly tenantId: string;
  readonly #options: WatiEmulatorOptions;
  readonly #context: WatiEmulatorContext;
  readonly #scheduler = new TaskScheduler();
  readonly #dispatcher: WebhookDispatcher;
  readonly #reporter: StatusReporter;
  #webhook: WatiWebhookTarget | undefined;
  #server: Promise<WatiEmulatorServer> | undefined;
  #serverUrl: string | undefined;

  constructor(options: WatiEmulatorOptions) {
    this.#options = options;
    this.tenantId = options.tenantId ?? DEFAULT_TENANT;
    const config: WatiEmulatorConfig = {
      tokens: [...(options.tokens ?? [DEFAULT_TOKEN])],
      tenantId: this.tenantId,
      invalidNumbers: new Set(options.invalidNumbers ?? []),
      sessionWindow: options.sessionWindow ?? 'open',
      channelPhoneNumber: options.channelPhoneNumber ?? '14155550100',
      operatorEmail: 'operator@example.com',
      operatorName: 'Wati User',
      assigneeId: watiObjectId(),
      now: options.now ?? (() => new Date()),
    };
    this.#dispatcher = new WebhookDispatcher(
      this.#scheduler,
      (delivery) => this.state.webhookDeliveries.push(delivery),
      config.now,
    );
    this.#reporter = new StatusReporter(
      config,
      this.#scheduler,
      (payload) => this.#deliver(payload),
      () => this.#webhook,
    );
    this.#context = {
      config,
      state: this.state,
      teamId: watiObjectId(config.now()),
      tenantBaseUrl: (origin) =>
        `${origin ?? this.#serverUrl ?? 'https://live-mt-server.wati.io'}/${this.tenantId}`,
      messageAccepted: (message) => this.#reporter.scheduleProgression(message),
    };
    const routes = [
      ...sessionMessageRoutes(this.#context),
      ...sessionFileRoutes(this.#context),
      ...templateSendRoutes(this.#context),
      ...templateCsvRoutes(this.#context),
      ...interactiveRoutes(this.#context),
      ...contactRoutes(this.#context),
      ...historyRoutes(this.#context),
    ];
    const access = { tenantId: config.tenantId, tokens: config.tokens };
    this.handlers = [
      ...routes.map((route) => watiRouteHandler(access, route)),
      watiFallbackHandler(access, routes),
    ];
    this.#seed();
  }

  listen(): Promise<WatiEmulatorServer> {
    this.#server ??= (async () => {
      const server = await startLoopbackServer({
        // Like WATI's own server, anything outside the API is a plain 404.
        handlers: [...this.handlers, http.all('*', () => watiNotFound())],
      });
      this.#serverUrl = server.url;
      return {
        url: server.url,
        tenantUrl: `${server.url}/${this.tenantId}`,
        server,
        close: () => server.close(),
      };
    })();
    return this.#server;
  }

  setWebhook(target: WatiWebhookTarget | undefined): void {
    this.#webhook = target;
  }

  async simulateInboundMessage(input: WatiSimulatedInbound): Promise<WatiSimulatedInboundResult> {
    const received = receiveInbound(this.#context, input);
    if (received.newContactPayload !== undefined) void this.#deliver(received.newContactPayload);
    const delivery = this.#deliver(received.messagePayload);
    if (received.repliedTo !== undefined) void this.#reporter.report(received.repliedTo, 'replied');
    return {
      id: received.message.id,
      whatsappMessageId: received.message.whatsappMessageId,
      delivery: await delivery,
    };
  }

  deliverStatus(
    messageIdOrLocalId: string,
    status: WatiDeliveryStatus,
    error?: WatiFailure,
  ): Promise<WebhookDeliveryResult | undefined> {
    const message = this.state.findMessage(messageIdOrLocalId);
    if (message === undefined || !message.owner) {
      return Promise.reject(
        new Error(`deliverStatus: no message sent by the business has the id ${messageIdOrLocalId}`),
      );
    }
    return this.#reporter.report(message, status, error);
  }

  async flushWebhooks(): Promise<void> {
    await this.#scheduler.flush();
    await this.#dispatcher.drain();
  }

  reset(): void {
    this.#scheduler.cancelAll();
    this.#scheduler.resume();
    this.#dispatcher.abortInFlight();
    this.state.clear();
    this.#seed();
  }

  async close(): Promise<void> {
    this.#scheduler.cancelAll();
    this.#dispatcher.abortInFlight();
    await this.#dispatcher.drain();
    const server = await this.#server;
    await server?.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #deliver(payload: Record<string, unknown>): Promise<WebhookDeliveryResult | undefined> {
    const target = this.#webhook;
    return target === undefined ? Promise.resolve(undefined) : this.#dispatcher.deliver(target, payload);
  }

  #seed(): void {
    const now = this.#context.config.now();
    this.#webhook = this.#options.webhook;
    for (const template of this.#options.templates ?? defaultWatiTemplates) {
      const record = toTemplateRecord(template, now);
      this.state.templates.set(record.elementName, record);
    }
    for (const seed of this.#options.contacts ?? []) {
      const { contact } = this.state.ensureContact({
        waId: seed.whatsappNumber,
        name: seed.name,
        customParams: Object.entries(seed.customParams ?? {}).map(([name, value]) => ({ name, value })),
        valid: !this.#context.config.invalidNumbers.has(seed.whatsappNumber),
        now,
      });
      contact.lastInboundAt = seed.lastInboundAt;
    }
  }
}
