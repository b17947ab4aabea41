import type { RequestHandler } from 'msw';
import { http } from 'msw';
import { EmulatorRuntime } from '../emulator-kit/emulator-runtime.js';
import { resolveRetention } from '../emulator-kit/retention.js';
import { type LoopbackServer, startLoopbackServer } from '../loopback-server.js';
import type { WebhookDeliveryResult } from '../webhook-delivery.js';
import { contactRoutes } from './handlers/contact-routes.js';
import { historyRoutes } from './handlers/history-routes.js';
import { interactiveRoutes } from './handlers/interactive-routes.js';
import { sessionFileRoutes } from './handlers/session-file-routes.js';
import { sessionMessageRoutes } from './handlers/session-message-routes.js';
import { templateCsvRoutes } from './handlers/template-csv-routes.js';
import { templateSendRoutes } from './handlers/template-send-routes.js';
import { v3ContactRoutes } from './v3/v3-contact-routes.js';
import { v3ConversationRoutes } from './v3/v3-conversation-routes.js';
import { v3TemplateRoutes } from './v3/v3-template-routes.js';
import { v3TypingRoutes } from './v3/v3-typing-routes.js';
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
import { toWatiBsuidEvent, type WatiBsuidEventOptions } from './webhooks/bsuid-events.js';
import type { WatiDeliveryStatus, WatiFailure } from './webhooks/record-events.js';
import { StatusReporter } from './webhooks/status-reporter.js';
import type { WatiWebhookTarget } from './webhooks/wati-webhook-target.js';

const DEFAULT_TOKEN = 'test-wati-token';
const DEFAULT_TENANT = '123456';

/**
 * Creates a WATI emulator: msw handlers that behave like WATI's v1/v2 API and its V3 API
 * (`/api/ext/v3/…` at the root, no tenant segment; `{ code, message, timestamp }` errors) for everything an adapter
 * does (content types, bearer token, soft failures, the 24-hour window, pagination, in-memory contacts,
 * messages, templates and media) and delivers WATI webhooks (statuses after each send, inbound messages
 * on demand).
 *
 * @example
 * ```ts
 * await using wati = createWatiEmulator({ webhook: { url: `${app.url}/webhooks/wati` } });
 * const { tenantUrl } = await wati.listen(); // the provider's baseUrl
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
  readonly state: WatiEmulatorState;
  readonly tenantId: string;
  readonly #options: WatiEmulatorOptions;
  readonly #context: WatiEmulatorContext;
  readonly #runtime: EmulatorRuntime<WatiWebhookTarget, Record<string, unknown>, WatiEmulatorServer>;
  readonly #reporter: StatusReporter;

  constructor(options: WatiEmulatorOptions) {
    this.#options = options;
    const retention = resolveRetention('createWatiEmulator', options.retention);
    this.state = new WatiEmulatorState(retention.webhookDeliveries);
    this.tenantId = options.tenantId ?? DEFAULT_TENANT;
    const config: WatiEmulatorConfig = {
      tokens: [...(options.tokens ?? [DEFAULT_TOKEN])],
      tenantId: this.tenantId,
      invalidNumbers: new Set(options.invalidNumbers ?? []),
      sessionWindow: options.sessionWindow ?? 'open',
      channelPhoneNumber: options.channelPhoneNumber ?? '14155550100',
      channels: (options.channels ?? []).map((channel) => ({
        id: watiObjectId(),
        name: channel.name,
        phoneNumber: channel.phoneNumber,
      })),
      operatorEmail: 'operator@example.com',
      operatorName: 'Wati User',
      assigneeId: watiObjectId(),
      now: options.now ?? (() => new Date()),
    };
    this.#runtime = new EmulatorRuntime({
      now: config.now,
      record: (delivery) =>
        this.state.recordWebhookDelivery({ ...delivery, eventType: String(delivery.payload.eventType) }),
      startServer: async () => {
        const server = await startLoopbackServer({
          // Like WATI's own server, anything outside the API is a plain 404.
          handlers: [...this.handlers, http.all('*', () => watiNotFound())],
          maxRecordedRequests: retention.requests,
        });
        return withTenantUrl(server, `${server.url}/${this.tenantId}`);
      },
      // WATI signs nothing; a configured secret header is the only proof of origin.
      delivery: (target) =>
        target.secret === undefined ? {} : { headers: { [target.secret.header]: target.secret.value } },
    });
    this.#reporter = new StatusReporter(
      config,
      this.#runtime.scheduler,
      (payload) => this.#deliver(payload),
      () => this.#runtime.target,
    );
    this.#context = {
      config,
      state: this.state,
      teamId: watiObjectId(config.now()),
      tenantBaseUrl: (origin) =>
        `${origin ?? this.#runtime.serverUrl ?? 'https://live-mt-server.wati.io'}/${this.tenantId}`,
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
      ...v3ConversationRoutes(this.#context),
      ...v3TypingRoutes(this.#context),
      ...v3TemplateRoutes(this.#context),
      ...v3ContactRoutes(this.#context),
    ];
    const access = { tenantId: config.tenantId, tokens: config.tokens };
    this.handlers = [
      ...routes.map((route) => watiRouteHandler(access, route)),
      watiFallbackHandler(access, routes),
    ];
    this.setWebhook(options.webhook);
    this.#seed();
  }

  /** Delivers a webhook, as its BSUID-first variant when the target asks for those. */
  #deliver(payload: Record<string, unknown>): Promise<WebhookDeliveryResult | undefined> {
    const bsuid = this.#runtime.target?.bsuidEvents;
    if (bsuid === undefined || bsuid === false) return this.#runtime.deliver(payload);
    return this.#runtime.deliver(toWatiBsuidEvent(payload, this.#withContactBsuid(payload, bsuid)));
  }

  /**
   * The BSUID-event options for one payload: a contact's own `bsuid` is its identity unless the
   * webhook target's `users` names its number, so a BSUID a test addresses sends to is the one its
   * events carry.
   */
  #withContactBsuid(
    payload: Record<string, unknown>,
    bsuid: true | WatiBsuidEventOptions,
  ): WatiBsuidEventOptions {
    const options = bsuid === true ? {} : bsuid;
    const waId = typeof payload.waId === 'string' ? payload.waId : undefined;
    const contactBsuid = waId === undefined ? undefined : this.state.contacts.get(waId)?.bsuid;
    if (waId === undefined || contactBsuid === undefined || options.users?.[waId] !== undefined)
      return options;
    return { ...options, users: { ...options.users, [waId]: { bsuid: contactBsuid } } };
  }

  listen(): Promise<WatiEmulatorServer> {
    return this.#runtime.listen();
  }

  setWebhook(target: WatiWebhookTarget | undefined): void {
    this.#runtime.setTarget(target);
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

  flushWebhooks(): Promise<void> {
    return this.#runtime.flush();
  }

  reset(): void {
    this.#runtime.reset();
    this.state.clear();
    this.#seed();
  }

  close(): Promise<void> {
    return this.#runtime.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #seed(): void {
    const now = this.#context.config.now();
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
        bsuid: seed.bsuid,
      });
      contact.lastInboundAt = seed.lastInboundAt;
    }
  }
}

/** The loopback server with the tenant URL added (and `server`, itself, for earlier callers). */
function withTenantUrl(server: LoopbackServer, tenantUrl: string): WatiEmulatorServer {
  return Object.defineProperties(server, {
    tenantUrl: { value: tenantUrl, enumerable: true },
    server: { value: server },
  }) as WatiEmulatorServer;
}
