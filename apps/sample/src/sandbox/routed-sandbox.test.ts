// `"providers": ["wati", "whatsapp-cloud"]` in sandbox mode: both emulators run, the app sends
// through core's router, and each emulator's webhooks reach the app on its own endpoint.
import type { SendResult } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server/start-server.js';
import { FAST_STATUSES, getJson, postJson } from '../test-support/sandbox-app.js';
import { DEMO_CONTACTS } from './demo-contacts.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];
let app: RunningServer;

beforeAll(async () => {
  app = await startServer({
    config: {
      mode: 'sandbox',
      providerId: 'wati',
      providers: ['wati', 'whatsapp-cloud'],
      transport: 'direct',
      source: { kind: 'default' },
      reason: 'test',
    },
    port: 0,
    statusDelaysMs: FAST_STATUSES,
  });
});
afterAll(() => app.close());

function statusOf(id: string): string | undefined {
  const messages = app.store.snapshot().flatMap((conversation) => conversation.messages);
  return messages.find((message) => message.id === id)?.status;
}

describe('a routed sandbox', () => {
  it('sends through the primary, and its statuses arrive on /webhooks/wati', async () => {
    expect(app.runtime.provider.id).toBe('router');
    const sent = await postJson(`${app.url}/api/messages`, {
      type: 'text',
      to: ada.phone,
      text: 'On its way',
    });
    expect(sent.status).toBe(200);
    const result = sent.body as unknown as SendResult;
    expect(result.provider).toBe('wati');
    await app.runtime.sandbox?.flushWebhooks();
    expect(statusOf(result.id)).toBe('read');
  });

  it('sends what only the fallback can send through it, and its statuses arrive on /webhooks/whatsapp-cloud', async () => {
    const sent = await postJson(`${app.url}/api/messages`, {
      type: 'location',
      to: ada.phone,
      latitude: 51.5,
      longitude: -0.12,
      name: 'The shop',
    });
    expect(sent.status).toBe(200);
    const result = sent.body as unknown as SendResult;
    expect(result.provider).toBe('whatsapp-cloud');
    await app.runtime.sandbox?.flushWebhooks();
    expect(statusOf(result.id)).toBe('read');
  });

  it('takes inbound messages through the primary’s emulator', async () => {
    await app.runtime.sandbox?.simulateInbound({ from: ada.phone, name: ada.name, text: 'Thanks!' });
    const texts = app.store.snapshot().flatMap((conversation) => conversation.messages.map((m) => m.text));
    expect(texts).toContain('Thanks!');
  });

  it('shows each conversation’s window per provider: open with WATI once Ada wrote there, unknown with Cloud', async () => {
    const { status, body } = await getJson(`${app.url}/api/routing`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      providers: [
        { id: 'wati', label: 'WATI' },
        { id: 'whatsapp-cloud', label: 'WhatsApp Cloud API' },
      ],
      canFailPrimary: true,
      primaryFailing: false,
    });
    const conversations = body.conversations as {
      phone: string;
      windows: Record<string, { state: string }>;
    }[];
    const windows = conversations.find((conversation) => conversation.phone === ada.phone)?.windows;
    expect(windows?.wati?.state).toBe('open');
    expect(windows?.['whatsapp-cloud']?.state).toBe('unknown');
    expect((await getJson(`${app.url}/api/capabilities`)).body.routing).toEqual(['wati', 'whatsapp-cloud']);
  });

  it('the primary-failure switch makes WATI answer 503, so sends fail over to Cloud until it is off', async () => {
    const send = async () =>
      (
        (await postJson(`${app.url}/api/messages`, { type: 'text', to: ada.phone, text: 'Ping' }))
          .body as unknown as SendResult
      ).provider;
    expect((await postJson(`${app.url}/api/routing/primary-failure`, { failing: true })).body).toEqual({
      primaryFailing: true,
    });
    expect(await send()).toBe('whatsapp-cloud');
    const { body } = await getJson(`${app.url}/api/routing`);
    expect(body.primaryFailing).toBe(true);
    expect((body.failovers as unknown[])[0]).toMatchObject({
      provider: 'wati',
      code: 'provider_unavailable',
    });
    await postJson(`${app.url}/api/routing/primary-failure`, { failing: false });
    expect(await send()).toBe('wati');
    expect((await postJson(`${app.url}/api/routing/primary-failure`, { failing: 'yes' })).status).toBe(400);
  });
});
