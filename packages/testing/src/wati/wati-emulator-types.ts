import type { RequestHandler } from 'msw';
import type { LoopbackServer } from '../loopback-server.js';
import type { WebhookDeliveryResult } from '../webhook-delivery.js';
import type { WatiSimulatedInbound, WatiSimulatedInboundResult } from './wati-inbound.js';
import type { WatiEmulatorState } from './wati-state.js';
import type { WatiDeliveryStatus, WatiFailure } from './webhooks/record-events.js';
import type { WatiWebhookTarget } from './webhooks/wati-webhook-target.js';

/**
 * The emulator's running server: a {@link LoopbackServer} (like the Cloud emulator's) whose `url` is the
 * root (a Maton-like base), plus `tenantUrl`, a WATI tenant URL.
 *
 * @example
 * ```ts
 * const server = await wati.listen(); // pass server.tenantUrl as the WATI provider's baseUrl
 * await fetch(`${server.tenantUrl}/api/v1/getContacts?pageSize=10&pageNumber=1`, {
 *   headers: { authorization: 'Bearer test-wati-token' },
 * });
 * expect(server.requests[0]?.path).toBe('/123456/api/v1/getContacts');
 * ```
 */
export interface WatiEmulatorServer extends LoopbackServer {
  /** `url + '/' + tenantId`: pass it as a WATI provider's `baseUrl`. */
  readonly tenantUrl: string;
  /** @deprecated The server itself, kept for earlier callers: use it directly. */
  readonly server: LoopbackServer;
}

/**
 * An in-memory WATI (v1/v2 API and webhooks). See {@link createWatiEmulator}.
 */
export interface WatiEmulator extends AsyncDisposable {
  /**
   * msw handlers for every emulated endpoint, for your own loopback server or msw setup. They match any
   * host, at the root, under Maton's `/wati` prefix and under `/{tenantId}`; the last one answers WATI's plain 404 (or 405) for any other
   * path under `/api/`.
   *
   * @example
   * ```ts
   * await using server = await startLoopbackServer({ handlers: wati.handlers });
   * ```
   */
  readonly handlers: RequestHandler[];
  /**
   * The live in-memory data: contacts, messages, templates, media and webhook deliveries.
   *
   * @example
   * ```ts
   * expect(wati.state.messages.at(-1)).toMatchObject({ kind: 'template', statusString: 'SENT' });
   * expect(wati.state.webhookDeliveries.every((delivery) => delivery.ok)).toBe(true);
   * ```
   */
  readonly state: WatiEmulatorState;
  readonly tenantId: string;
  /**
   * Serves the handlers on `127.0.0.1`. The server is started once: later calls return it, and after
   * `close()` a new one starts. It keeps the last `retention.requests` requests.
   */
  listen(): Promise<WatiEmulatorServer>;
  /**
   * Sets (or, with `undefined`, removes) where webhooks go.
   *
   * @example
   * ```ts
   * wati.setWebhook({ url: `${app.url}/webhooks/wati`, statusDelaysMs: false });
   * ```
   */
  setWebhook(target: WatiWebhookTarget | undefined): void;
  /**
   * A contact sends a message: the contact is added if new (then `newContactMessageReceived` is
   * delivered first), the 24-hour window opens, the message joins the history, and a `message` webhook
   * is delivered. A reply to one of our messages also delivers `sentMessageREPLIED(_v2)` for it.
   * Resolves with the app's answer to the `message` webhook (status 0 when it did not answer),
   * `undefined` without a webhook; never rejects for a failed delivery.
   *
   * @throws RangeError when `from` is not digits with the country code.
   * @example
   * ```ts
   * const { id, delivery } = await wati.simulateInboundMessage({ from: '14155551234', name: 'John', text: 'hi' });
   * expect(delivery?.status).toBe(200);
   * await wati.simulateInboundMessage({ from: '14155551234', type: 'interactive', listReply: { title: 'Tuesday' } });
   * ```
   */
  simulateInboundMessage(input: WatiSimulatedInbound): Promise<WatiSimulatedInboundResult>;
  /**
   * Reports a status of a sent message now, by any of its ids (`id`, `whatsappMessageId`,
   * `localMessageId`), and updates its history status (never backwards). `failed` takes Meta's code and
   * text (default `131026` "Message undeliverable"). Resolves with the app's answer, `undefined` without
   * a webhook.
   *
   * @throws Error (a rejected promise) when no business-sent message has that id.
   * @example
   * ```ts
   * await wati.deliverStatus(result.id, 'failed', { code: '131047', detail: 'Re-engagement message' });
   * ```
   */
  deliverStatus(
    messageIdOrLocalId: string,
    status: WatiDeliveryStatus,
    error?: WatiFailure,
  ): Promise<WebhookDeliveryResult | undefined>;
  /**
   * Sends every scheduled webhook (statuses, redeliveries) now, in due order, without waiting for their
   * delays, and resolves once all have been attempted.
   *
   * @example
   * ```ts
   * await provider.send(message);
   * await wati.flushWebhooks(); // sent, delivered and read have reached the app
   * ```
   */
  flushWebhooks(): Promise<void>;
  /** Cancels scheduled webhooks and restores the data the emulator was created with; the webhook target stays. */
  reset(): void;
  /** Cancels scheduled webhooks, aborts deliveries in flight and stops the server `listen()` started. */
  close(): Promise<void>;
}
