import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createWatiEmulator,
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
} from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../config/load-app-config.js';
import type { ProviderId } from '../providers.js';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import { connectEventStream } from '../test-support/event-stream-client.js';
import { postJson } from '../test-support/sandbox-app.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];
const TOKEN = 'live-token-0123456789abcdef';
const SECRET = 'live-webhook-secret-0123456789';

/** A "real" account: an emulator the app knows only through its config file, as it would a provider. */
interface FakeAccount {
  /** The config file's provider section; secrets as `env:` references. */
  section: Record<string, unknown>;
  /** Points the account's webhooks at the app. */
  connect(appUrl: string): void;
  close(): Promise<void>;
}

async function cloudAccount(): Promise<FakeAccount> {
  const emulator = createWhatsAppCloudEmulator({ accessTokens: [TOKEN], appSecret: SECRET });
  const server = await emulator.listen();
  return {
    section: {
      transport: 'direct',
      accessToken: 'env:TEST_ACCESS_TOKEN',
      phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
      businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
      appSecret: 'env:TEST_WEBHOOK_SECRET',
      baseUrl: server.url,
    },
    connect: (appUrl) =>
      emulator.setWebhook({
        url: `${appUrl}/webhooks/whatsapp-cloud`,
        statusDelaysMs: { sent: 5, delivered: 10, read: 15 },
      }),
    close: () => emulator.close(),
  };
}

async function watiAccount(): Promise<FakeAccount> {
  const emulator = createWatiEmulator({
    tokens: [TOKEN],
    contacts: [{ whatsappNumber: ada.phone, name: ada.name }],
  });
  const server = await emulator.listen();
  return {
    section: {
      transport: 'direct',
      token: 'env:TEST_ACCESS_TOKEN',
      baseUrl: server.tenantUrl,
      webhookSecret: { value: 'env:TEST_WEBHOOK_SECRET', pathSegment: true },
    },
    // WATI cannot send custom headers, so the secret travels as the last path segment.
    connect: (appUrl) =>
      emulator.setWebhook({
        url: `${appUrl}/webhooks/wati/${SECRET}`,
        statusDelaysMs: { sent: 5, delivered: 5, read: 5 },
      }),
    close: () => emulator.close(),
  };
}

const ACCOUNTS: Record<ProviderId, () => Promise<FakeAccount>> = {
  'whatsapp-cloud': cloudAccount,
  wati: watiAccount,
};

describe.each(['whatsapp-cloud', 'wati'] as const)(
  'live mode on %s from switchboard.config.json',
  (providerId) => {
    let dir: string;
    let account: FakeAccount;
    let app: RunningServer;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'switchboard-live-'));
      account = await ACCOUNTS[providerId]();
      // One file holds both providers' sections; only "provider" differs between the two runs.
      const other = providerId === 'wati' ? 'whatsapp-cloud' : 'wati';
      await writeFile(
        join(dir, 'switchboard.config.json'),
        JSON.stringify({
          provider: providerId,
          [providerId]: account.section,
          [other]: { transport: 'maton', apiKey: 'env:UNUSED' },
        }),
      );
      const config = await loadAppConfig({
        env: { TEST_ACCESS_TOKEN: TOKEN, TEST_WEBHOOK_SECRET: SECRET },
        cwd: dir,
      });
      expect(config).toMatchObject({
        mode: 'live',
        providerId,
        transport: 'direct',
        source: { kind: 'file' },
      });
      app = await startServer({ config, port: 0 });
      account.connect(app.url);
    });

    afterAll(async () => {
      await app?.close();
      await account?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('reports live mode and has no sandbox routes', async () => {
      expect(await (await fetch(`${app.url}/api/capabilities`)).json()).toMatchObject({
        provider: providerId,
        sandbox: false,
      });
      expect((await postJson(`${app.url}/api/sandbox/inbound`, { from: ada.phone, text: 'hi' })).status).toBe(
        404,
      );
    });

    it('sends with the configured credentials and verifies the account’s webhooks with the configured secret', async () => {
      const stream = await connectEventStream(`${app.url}/api/events`);
      const sent = await postJson(`${app.url}/api/messages`, {
        type: 'text',
        to: ada.phone,
        text: 'Live hello',
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      const read = await stream.waitFor(
        (event) =>
          (event.data as { kind?: string; messageId?: string; status?: string }).kind === 'status' &&
          (event.data as { messageId: string }).messageId === sent.body.id &&
          (event.data as { status: string }).status === 'read',
      );
      expect(read.data).toMatchObject({ provider: providerId });
      stream.close();
    });
  },
);

describe('a provider refusing the configured credentials', () => {
  it('answers 502 auth_failed without echoing the token', async () => {
    const emulator = createWhatsAppCloudEmulator({ accessTokens: ['the-right-token'] });
    const server = await emulator.listen();
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-auth-'));
    const wrongToken = 'wrong-token-that-must-not-leak';
    await writeFile(
      join(dir, 'switchboard.config.json'),
      JSON.stringify({
        provider: 'whatsapp-cloud',
        'whatsapp-cloud': {
          transport: 'direct',
          accessToken: wrongToken,
          phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
          baseUrl: server.url,
          retry: false,
        },
      }),
    );
    const app = await startServer({ config: await loadAppConfig({ env: {}, cwd: dir }), port: 0 });
    try {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'text', to: ada.phone, text: 'hi' }),
      });
      expect(response.status).toBe(502);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({
        error: { name: 'AuthenticationError', code: 'auth_failed', provider: 'whatsapp-cloud' },
      });
      expect(text).not.toContain(wrongToken);
    } finally {
      await app.close();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
