// `"providers": ["wati", "whatsapp-cloud"]` in live mode: two "real" accounts (emulators the app
// knows only through its config file), one router, both webhook endpoints live, and a failover
// when the primary's API answers 503.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createWatiEmulator,
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
  type WatiEmulator,
  type WhatsAppCloudEmulator,
} from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../config/load-app-config.js';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { isWatiSendPath, type SendFailureSwitch, sendFailureSwitch } from '../sandbox/send-failure.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import { connectEventStream } from '../test-support/event-stream-client.js';
import { getJson, postJson } from '../test-support/sandbox-app.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];
const TOKEN = 'live-token-0123456789abcdef';
const SECRET = 'live-webhook-secret-0123456789';

let dir: string;
let wati: WatiEmulator;
let cloud: WhatsAppCloudEmulator;
let failWati: SendFailureSwitch;
let app: RunningServer;

beforeAll(async () => {
  wati = createWatiEmulator({ tokens: [TOKEN], contacts: [{ whatsappNumber: ada.phone, name: ada.name }] });
  cloud = createWhatsAppCloudEmulator({ accessTokens: [TOKEN], appSecret: SECRET });
  const watiServer = await wati.listen();
  const cloudServer = await cloud.listen();
  failWati = sendFailureSwitch(watiServer, isWatiSendPath);
  dir = await mkdtemp(join(tmpdir(), 'switchboard-router-'));
  await writeFile(
    join(dir, 'switchboard.config.json'),
    JSON.stringify({
      providers: ['wati', 'whatsapp-cloud'],
      wati: {
        transport: 'direct',
        token: 'env:TEST_ACCESS_TOKEN',
        baseUrl: watiServer.tenantUrl,
        webhookSecret: { value: 'env:TEST_WEBHOOK_SECRET', pathSegment: true },
        retry: false,
      },
      'whatsapp-cloud': {
        transport: 'direct',
        accessToken: 'env:TEST_ACCESS_TOKEN',
        phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
        businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
        appSecret: 'env:TEST_WEBHOOK_SECRET',
        baseUrl: cloudServer.url,
      },
    }),
  );
  const config = await loadAppConfig({
    env: { TEST_ACCESS_TOKEN: TOKEN, TEST_WEBHOOK_SECRET: SECRET },
    cwd: dir,
  });
  expect(config).toMatchObject({ mode: 'live', providerId: 'wati', providers: ['wati', 'whatsapp-cloud'] });
  app = await startServer({ config, port: 0 });
  const instant = { sent: 5, delivered: 5, read: 5 };
  wati.setWebhook({ url: `${app.url}/webhooks/wati/${SECRET}`, statusDelaysMs: instant });
  cloud.setWebhook({ url: `${app.url}/webhooks/whatsapp-cloud`, statusDelaysMs: instant });
});

afterAll(async () => {
  await app?.close();
  await Promise.all([wati?.close(), cloud?.close()]);
  await rm(dir, { recursive: true, force: true });
});

/** Sends a message and waits until its `read` status came back through the app's webhooks. */
async function sendAndRead(
  message: Record<string, unknown>,
): Promise<{ provider: string; statusFrom: string }> {
  const stream = await connectEventStream(`${app.url}/api/events`);
  try {
    const sent = await postJson(`${app.url}/api/messages`, { to: ada.phone, ...message });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const read = await stream.waitFor((event) => {
      const data = event.data as { kind?: string; messageId?: string; status?: string };
      return data.kind === 'status' && data.messageId === sent.body.id && data.status === 'read';
    });
    return {
      provider: sent.body.provider as string,
      statusFrom: (read.data as { provider: string }).provider,
    };
  } finally {
    stream.close();
  }
}

describe('live mode with a router over WATI and WhatsApp Cloud', () => {
  it('reports the router and refuses the sandbox-only failure switch', async () => {
    expect((await getJson(`${app.url}/api/capabilities`)).body).toMatchObject({
      provider: 'wati',
      routing: ['wati', 'whatsapp-cloud'],
      sandbox: false,
    });
    expect((await getJson(`${app.url}/api/routing`)).body).toMatchObject({ canFailPrimary: false });
    expect((await postJson(`${app.url}/api/routing/primary-failure`, { failing: true })).status).toBe(409);
  });

  it('sends through WATI, whose statuses arrive on its secret webhook path', async () => {
    expect(await sendAndRead({ type: 'text', text: 'Through the primary' })).toEqual({
      provider: 'wati',
      statusFrom: 'wati',
    });
  });

  it('sends a location (which WATI cannot send) through WhatsApp Cloud, whose statuses arrive on its endpoint', async () => {
    expect(await sendAndRead({ type: 'location', latitude: 51.5, longitude: -0.12, name: 'Shop' })).toEqual({
      provider: 'whatsapp-cloud',
      statusFrom: 'whatsapp-cloud',
    });
  });

  it('fails over to WhatsApp Cloud while WATI answers 503, and the inbox lists the failover', async () => {
    failWati(true);
    try {
      expect(await sendAndRead({ type: 'text', text: 'WATI is down' })).toEqual({
        provider: 'whatsapp-cloud',
        statusFrom: 'whatsapp-cloud',
      });
    } finally {
      failWati(false);
    }
    const routing = (await getJson(`${app.url}/api/routing`)).body;
    expect((routing.failovers as unknown[])[0]).toMatchObject({
      provider: 'wati',
      code: 'provider_unavailable',
    });
  });
});
