// Test support (excluded from the build): the WATI emulator, and an "app" receiving its webhooks
// through core's createWebhookHandler in front of the adapter's parser.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhookHandler,
  type InboundEvent,
  type InboundStatusEvent,
  toNodeListener,
  type WebhookEventListener,
} from '@switchboard/core';
import {
  createWatiEmulator,
  type WatiEmulator,
  type WatiEmulatorOptions,
  type WatiEmulatorServer,
  type WatiWebhookTarget,
} from '@switchboard/testing';
import type { WatiOptions } from '../wati-options.js';
import { createWati, type WatiProvider } from '../wati-provider.js';

export const EMULATOR_TOKEN = 'integration-wati-token-123';
export const WEBHOOK_SECRET = 'integration-webhook-secret-456';
export const JOHN = '14155551234';
export const JANE = '14155555678';
export const NOT_ON_WHATSAPP = '14155550000';

/** A running emulator and the app its webhooks reach. */
export interface WatiEmulatorApp {
  emulator: WatiEmulator;
  api: WatiEmulatorServer;
  /** Every event the app's listener accepted, in order (de-duplicated by core's handler). */
  events: InboundEvent[];
  /** What the handler reported through `onError` (a listener that threw), instead of logging it. */
  errors: unknown[];
  /** Where the app listens for WATI webhooks. */
  webhookUrl: string;
  /** A direct provider for the emulator's tenant, with the webhook secret, no retries, no limiter. */
  provider(options?: Partial<WatiOptions>): WatiProvider;
  /** Points the emulator's webhooks at the app, with the secret header and instant statuses. */
  setWebhook(target?: Partial<WatiWebhookTarget>): void;
  /**
   * Cuts every connection to the app, the webhook request in flight included, as a proxy or the
   * network might: the emulator gets no answer to it (status 0), while the app's work goes on.
   */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * Starts the emulator (Jane and John as contacts, one number not on WhatsApp) and the app. `onEvent`
 * runs before an event is recorded, so a test can slow it down or make it fail.
 */
export async function startWatiEmulatorApp(
  options: { emulator?: WatiEmulatorOptions; onEvent?: WebhookEventListener } = {},
): Promise<WatiEmulatorApp> {
  const emulator = createWatiEmulator({
    tokens: [EMULATOR_TOKEN],
    contacts: [
      { whatsappNumber: JOHN, name: 'John', customParams: { city: 'Lisbon', tier: 'gold' } },
      { whatsappNumber: JANE, name: 'Jane', customParams: { city: 'Porto' } },
    ],
    invalidNumbers: [NOT_ON_WHATSAPP],
    ...options.emulator,
  });
  const api = await emulator.listen();
  const provider = (overrides: Partial<WatiOptions> = {}): WatiProvider =>
    createWati({
      transport: 'direct',
      baseUrl: api.tenantUrl,
      token: `Bearer ${EMULATOR_TOKEN}`,
      webhookSecret: { value: WEBHOOK_SECRET },
      retry: false,
      rateLimit: false,
      env: {},
      ...overrides,
    });
  const events: InboundEvent[] = [];
  const errors: unknown[] = [];
  const handler = createWebhookHandler(
    provider(),
    async (event) => {
      await options.onEvent?.(event);
      events.push(event);
    },
    { onError: (error) => errors.push(error) },
  );
  const receiver: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/wati`;
  const setWebhook = (target: Partial<WatiWebhookTarget> = {}) =>
    emulator.setWebhook({
      url: webhookUrl,
      secret: { header: 'x-switchboard-webhook-secret', value: WEBHOOK_SECRET },
      statusDelaysMs: { sent: 0, delivered: 0, read: 0 },
      ...target,
    });
  setWebhook();
  return {
    emulator,
    api,
    events,
    errors,
    webhookUrl,
    provider,
    setWebhook,
    dropConnections: () => receiver.closeAllConnections(),
    async close() {
      await emulator.close();
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    },
  };
}

/** The statuses the app received for `messageId`, in order. */
export function statusesOf(events: readonly InboundEvent[], messageId: string): string[] {
  return events
    .filter((event): event is InboundStatusEvent => event.kind === 'status' && event.messageId === messageId)
    .map((event) => event.status);
}
