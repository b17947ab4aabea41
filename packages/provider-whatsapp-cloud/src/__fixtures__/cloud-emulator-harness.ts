// The adapter wired to the independent Cloud API emulator of @switchboard/testing (which validates
// every request body against Meta's own OpenAPI description) and to a real webhook receiver built
// with core's createWebhookHandler, so signed status webhooks flow back into `events`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhookHandler,
  type InboundEvent,
  type InboundStatusEvent,
  toNodeListener,
} from '@switchboard/core';
import {
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
  type WhatsAppCloudEmulator,
} from '@switchboard/testing';
import type { WhatsAppCloudOptions } from '../whatsapp-cloud-options.js';
import { createWhatsAppCloud, type WhatsAppCloudProvider } from '../whatsapp-cloud-provider.js';

/** The Meta access token the emulator accepts. */
export const EMULATOR_TOKEN = 'EAAG-integration-token-123';
/** A Maton API key the emulator accepts under `/whatsapp-business`. */
export const EMULATOR_MATON_KEY = 'maton-integration-key-456';
export const EMULATOR_APP_SECRET = 'integration-app-secret';
export const EMULATOR_VERIFY_TOKEN = 'verify-me';
/** The customer every test talks to. */
export const CUSTOMER = '16505551234';

/** A running emulator, a webhook receiver and the events it accepted. */
export interface CloudEmulatorHarness {
  readonly emulator: WhatsAppCloudEmulator;
  /** The emulator's root URL (Graph paths, and Maton's under `/whatsapp-business`). */
  readonly baseUrl: string;
  /** Where the emulator posts webhooks: core's handler around {@link CloudEmulatorHarness.provider}. */
  readonly webhookUrl: string;
  /** Every event the webhook handler accepted (after de-duplication); clear it between tests. */
  readonly events: InboundEvent[];
  /** A `direct` provider on the emulator, with app secret and verify token, without retries. */
  provider(options?: Partial<WhatsAppCloudOptions>): WhatsAppCloudProvider;
  /** A `maton` provider on the emulator's `/whatsapp-business` gateway path. */
  matonProvider(options?: Partial<WhatsAppCloudOptions>): WhatsAppCloudProvider;
  /** The statuses the receiver accepted for a message, in order. */
  statusesOf(messageId: string): string[];
  close(): Promise<void>;
}

/** Starts the emulator (immediate sent → delivered → read statuses) and the webhook receiver. */
export async function startCloudEmulatorHarness(): Promise<CloudEmulatorHarness> {
  const emulator = createWhatsAppCloudEmulator({
    accessTokens: [EMULATOR_TOKEN, EMULATOR_MATON_KEY],
    appSecret: EMULATOR_APP_SECRET,
  });
  const baseUrl = (await emulator.listen()).url;
  const events: InboundEvent[] = [];
  const provider = (options: Partial<WhatsAppCloudOptions> = {}) =>
    createWhatsAppCloud({
      transport: 'direct',
      baseUrl,
      accessToken: EMULATOR_TOKEN,
      phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
      businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
      appSecret: EMULATOR_APP_SECRET,
      verifyToken: EMULATOR_VERIFY_TOKEN,
      retry: false,
      env: {},
      ...options,
    });
  const matonProvider = (options: Partial<WhatsAppCloudOptions> = {}) =>
    createWhatsAppCloud({
      transport: 'maton',
      baseUrl: `${baseUrl}/whatsapp-business`,
      apiKey: EMULATOR_MATON_KEY,
      connectionId: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
      phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
      businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
      retry: false,
      env: {},
      ...options,
    });
  const handler = createWebhookHandler(provider(), (event) => {
    events.push(event);
  });
  const receiver: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  const webhookUrl = `http://127.0.0.1:${port}/webhooks/whatsapp-cloud`;
  emulator.setWebhook({ url: webhookUrl, statusDelaysMs: { sent: 0, delivered: 0, read: 0 } });
  return {
    emulator,
    baseUrl,
    webhookUrl,
    events,
    provider,
    matonProvider,
    statusesOf: (messageId) =>
      events
        .filter(
          (event): event is InboundStatusEvent => event.kind === 'status' && event.messageId === messageId,
        )
        .map((event) => event.status),
    async close() {
      await emulator.close();
      await new Promise((resolve) => receiver.close(resolve));
    },
  };
}
