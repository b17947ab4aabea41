// `"providers": ["wati", "whatsapp-cloud"]` in sandbox mode: both emulators run, the app sends
// through core's router, and each emulator's webhooks reach the app on its own endpoint.
import type { SendResult } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server/start-server.js';
import { FAST_STATUSES, postJson } from '../test-support/sandbox-app.js';
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
});
