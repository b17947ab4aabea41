// Both emulators, the real adapters pointed at them (no transport retries, no limiter), fault
// injection in front of each send endpoint, and one webhook receiver (core's handler around a
// router) that both emulators post to, so a delivery must be dispatched to its own provider.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhookHandler,
  type InboundEvent,
  type InboundStatusEvent,
  type MessagingProvider,
  toNodeListener,
  type WebhookHandler,
} from '@switchboard/core';
import { createWati, type WatiOptions, type WatiProvider } from '@switchboard/provider-wati';
import {
  createWhatsAppCloud,
  type WhatsAppCloudOptions,
  type WhatsAppCloudProvider,
} from '@switchboard/provider-whatsapp-cloud';
import {
  createWatiEmulator,
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
  type LoopbackServer,
  type WatiEmulator,
  type WatiEmulatorOptions,
  type WatiEmulatorServer,
  type WhatsAppCloudEmulator,
} from '@switchboard/testing';
import {
  type FaultySendEndpoint,
  injectSendFaults,
  isCloudSend,
  isWatiSend,
} from './faulty-send-endpoint.js';

export const WATI_TOKEN = 'router-wati-token-123';
export const WATI_WEBHOOK_SECRET = 'router-wati-secret-456';
export const WATI_NUMBER = '14155550100';
export const CLOUD_TOKEN = 'EAAG-router-token-789';
export const CLOUD_APP_SECRET = 'router-app-secret';
export const CLOUD_VERIFY_TOKEN = 'router-verify-me';
/** A WATI contact (so WATI has a ticket for him) and a Cloud recipient. */
export const JOHN = '14155551234';
export const JANE = '14155555678';
/** A number WATI reports as not on WhatsApp. */
export const NOT_ON_WHATSAPP = '14155550000';

/** What one test needs: emulators, faults, providers and the webhook receiver. */
export interface RouterHarness {
  wati: WatiEmulator;
  cloud: WhatsAppCloudEmulator;
  watiServer: WatiEmulatorServer;
  cloudServer: LoopbackServer;
  watiFaults: FaultySendEndpoint;
  cloudFaults: FaultySendEndpoint;
  /** A WATI adapter on the emulator. */
  watiProvider(options?: Partial<WatiOptions>): WatiProvider;
  /** A WhatsApp Cloud adapter on the emulator. */
  cloudProvider(options?: Partial<WhatsAppCloudOptions>): WhatsAppCloudProvider;
  /** A base URL where no server listens: a connection to it never opens. */
  closedUrl: string;
  /** Where both emulators post their webhooks. */
  webhookUrl: string;
  /** Sets the provider (a router) whose webhooks the receiver parses. */
  receiveWith(provider: MessagingProvider): void;
  /** Every event the receiver accepted, in order. */
  events: InboundEvent[];
  /** The statuses received for `messageId`, in order. */
  statusesOf(messageId: string): string[];
  /** Clears faults, events and emulator data between tests. */
  reset(): void;
  close(): Promise<void>;
}

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

export async function startRouterHarness(
  options: { wati?: WatiEmulatorOptions } = {},
): Promise<RouterHarness> {
  const events: InboundEvent[] = [];
  let source: MessagingProvider | undefined;
  let handler: WebhookHandler | undefined;
  const receiver: Server = createServer(
    toNodeListener(async (request) => {
      if (source === undefined) return new Response('no receiver', { status: 503 });
      handler ??= createWebhookHandler(source, (event) => {
        events.push(event);
      });
      return handler(request);
    }),
  );
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  const instant = { sent: 0, delivered: 0, read: 0 };

  const wati = createWatiEmulator({
    tokens: [WATI_TOKEN],
    contacts: [
      { whatsappNumber: JOHN, name: 'John' },
      { whatsappNumber: JANE, name: 'Jane' },
    ],
    invalidNumbers: [NOT_ON_WHATSAPP],
    channelPhoneNumber: WATI_NUMBER,
    webhook: {
      url: webhookUrl,
      secret: { header: 'x-switchboard-webhook-secret', value: WATI_WEBHOOK_SECRET },
      statusDelaysMs: instant,
    },
    ...options.wati,
  });
  const cloud = createWhatsAppCloudEmulator({
    accessTokens: [CLOUD_TOKEN],
    appSecret: CLOUD_APP_SECRET,
    webhook: { url: webhookUrl, statusDelaysMs: instant },
  });
  const watiServer = await wati.listen();
  const cloudServer = await cloud.listen();
  const watiFaults = injectSendFaults(watiServer, isWatiSend);
  const cloudFaults = injectSendFaults(cloudServer, isCloudSend);

  return {
    wati,
    cloud,
    watiServer,
    cloudServer,
    watiFaults,
    cloudFaults,
    watiProvider: (overrides = {}) =>
      createWati({
        transport: 'direct',
        baseUrl: watiServer.tenantUrl,
        token: WATI_TOKEN,
        webhookSecret: { value: WATI_WEBHOOK_SECRET },
        retry: false,
        rateLimit: false,
        env: {},
        ...overrides,
      }),
    cloudProvider: (overrides = {}) =>
      createWhatsAppCloud({
        transport: 'direct',
        baseUrl: cloudServer.url,
        accessToken: CLOUD_TOKEN,
        phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
        businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
        appSecret: CLOUD_APP_SECRET,
        verifyToken: CLOUD_VERIFY_TOKEN,
        retry: false,
        rateLimit: false,
        env: {},
        ...overrides,
      }),
    closedUrl: await closedPort(),
    webhookUrl,
    receiveWith(provider) {
      source = provider;
      handler = undefined;
    },
    events,
    statusesOf: (messageId) =>
      events
        .filter(
          (event): event is InboundStatusEvent => event.kind === 'status' && event.messageId === messageId,
        )
        .map((event) => event.status),
    reset() {
      watiFaults.clear();
      cloudFaults.clear();
      watiFaults.log.length = 0;
      cloudFaults.log.length = 0;
      events.length = 0;
    },
    async close() {
      await Promise.all([wati.close(), cloud.close()]);
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    },
  };
}
