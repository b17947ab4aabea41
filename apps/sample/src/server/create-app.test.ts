import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { connectEventStream } from '../test-support/event-stream-client.js';
import { postJson, startSandboxApp } from '../test-support/sandbox-app.js';
import type { RunningServer } from './start-server.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];
/** A shutdown grace period far beyond the test timeout: connections are never cut within a test. */
const NO_GRACE_CUT_MS = 3_600_000;

describe('the HTTP app (WhatsApp Cloud sandbox)', () => {
  let app: RunningServer;

  beforeAll(async () => {
    app = await startSandboxApp('whatsapp-cloud', { seed: true });
  });
  afterAll(() => app.close());

  it('seeds the inbox with a message from a demo contact', async () => {
    const body = (await (await fetch(`${app.url}/api/conversations`)).json()) as {
      conversations: {
        phone: string;
        name: string;
        unread: number;
        messages: { direction: string; text: string }[];
      }[];
    };
    expect(body.conversations).toStrictEqual([
      expect.objectContaining({
        phone: ada.phone,
        name: ada.name,
        unread: 1,
        messages: [expect.objectContaining({ direction: 'inbound', text: 'Hi! Has my order shipped yet?' })],
      }),
    ]);
  });

  it('clears the unread badge and marks the message read at the provider', async () => {
    const response = await fetch(`${app.url}/api/conversations/${ada.phone}/read`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      conversation: { phone: ada.phone, unread: 0 },
      markedAtProvider: true,
    });
    // The number as a person writes it names the same conversation.
    const written = `+${ada.phone.slice(0, 1)} ${ada.phone.slice(1, 4)} ${ada.phone.slice(4)}`;
    const formatted = await fetch(`${app.url}/api/conversations/${encodeURIComponent(written)}/read`, {
      method: 'POST',
    });
    expect(formatted.status).toBe(200);
    expect(await formatted.json()).toMatchObject({ conversation: { phone: ada.phone, unread: 0 } });
    const missing = await fetch(`${app.url}/api/conversations/999/read`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(404);
  });

  it('answers 413 to an API body over 1 MiB', async () => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'text', to: ada.phone, text: 'x'.repeat(1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: { name: 'PayloadTooLargeError', limitBytes: 1024 * 1024 },
    });
  });

  it('refuses bodies that are not JSON, so no web page can post a simple cross-site form', async () => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ type: 'text', to: ada.phone, text: 'hi' }),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'unsupported_media_type',
        message: 'Send the request body as JSON with content-type: application/json (got text/plain)',
      },
    });
    const broken = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { message: 'The request body is not valid JSON' } });
  });

  it('serves only the inactive provider’s webhook path as a 404 that says why', async () => {
    const response = await fetch(`${app.url}/webhooks/wati`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('This app runs on whatsapp-cloud');
  });

  it('rejects a webhook delivery without a valid signature, and publishes nothing', async () => {
    const stream = await connectEventStream(`${app.url}/api/events`);
    const before = stream.events.length;
    const response = await fetch(`${app.url}/webhooks/whatsapp-cloud`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
      body: JSON.stringify({ object: 'whatsapp_business_account', entry: [] }),
    });
    expect(response.status).toBe(401);
    expect(stream.events.length).toBe(before);
    stream.close();
  });

  it('answers the subscription handshake with 403 for a wrong verify token', async () => {
    const response = await fetch(
      `${app.url}/webhooks/whatsapp-cloud?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444`,
    );
    expect(response.status).toBe(403);
  });

  it('replays the events after Last-Event-ID to a reconnecting client', async () => {
    const first = await connectEventStream(`${app.url}/api/events`);
    await postJson(`${app.url}/api/sandbox/inbound`, { from: ada.phone, text: 'one' });
    // The inbox change comes after the inbound event it stems from: the last event about 'one'.
    const one = await first.waitFor(
      (event) =>
        event.event === 'inbox' && (event.data as { message: { text: string } }).message.text === 'one',
    );
    first.close();
    await postJson(`${app.url}/api/sandbox/inbound`, { from: ada.phone, text: 'two' });
    const again = await connectEventStream(`${app.url}/api/events`, { 'last-event-id': one.id ?? '' });
    const two = await again.waitFor(
      (event) => (event.data as { message?: { text?: string } }).message?.text === 'two',
    );
    expect(two.event).toBe('message');
    expect(
      again.events.some((event) => (event.data as { message?: { text?: string } }).message?.text === 'one'),
    ).toBe(false);
    again.close();
  });

  it('answers its page and API only as localhost, while webhooks take any host name', async () => {
    const port = Number(new URL(app.url).port);
    // fetch() cannot set Host; node:http can, as a rebinding page or a tunnel would.
    const status = (method: string, path: string, host: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const outgoing = request(
          { host: '127.0.0.1', port, method, path, headers: { host, 'content-type': 'application/json' } },
          (response) => {
            response.resume();
            resolve(response.statusCode);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(method === 'POST' ? '{}' : undefined);
      });
    expect(await status('GET', '/api/capabilities', 'rebound.example:3000')).toBe(403);
    expect(await status('GET', '/', 'rebound.example')).toBe(403);
    expect(await status('GET', '/api/capabilities', `localhost:${port}`)).toBe(200);
    expect(await status('GET', '/healthz', `[::1]:${port}`)).toBe(200);
    // Reaches the webhook handler, which rejects the unsigned body.
    expect(await status('POST', '/webhooks/whatsapp-cloud', 'hooks.example.com')).toBe(401);
  });

  it('answers a webhook only once its event is in the inbox', async () => {
    // The sandbox resolves when the app answered the emulator's webhook delivery.
    const answered = await postJson(`${app.url}/api/sandbox/inbound`, { from: ada.phone, text: 'In order?' });
    expect(answered.status).toBe(200);
    const inbox = app.store.conversation(ada.phone);
    expect(inbox?.messages.at(-1)).toMatchObject({
      id: answered.body.id,
      text: 'In order?',
      direction: 'inbound',
    });
  });

  it('validates simulated inbound messages', async () => {
    const response = await postJson(`${app.url}/api/sandbox/inbound`, { from: 'nobody', text: '' });
    expect(response.status).toBe(400);
    expect(
      (response.body.error as { issues: { path: string }[] }).issues.map((issue) => issue.path).sort(),
    ).toStrictEqual(['from', 'text']);
  });

  it('serves the inbox page with a strict content security policy, and nothing outside public/', async () => {
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('data-testid="composer"');
    const script = await fetch(`${app.url}/inbox.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await script.text()).startsWith('// @ts-check')).toBe(true);
    for (const path of ['/package.json', '/..%2Fpackage.json', '/nope.js']) {
      expect((await fetch(`${app.url}${path}`)).status).toBe(404);
    }
    const api = await fetch(`${app.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('the HTTP app (WATI sandbox)', () => {
  it('rejects a webhook delivery without the shared secret', async () => {
    const app = await startSandboxApp('wati');
    try {
      const response = await fetch(`${app.url}/webhooks/wati`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ eventType: 'message', waId: ada.phone, text: 'forged' }),
      });
      expect(response.status).toBe(401);
      const wrongPath = await fetch(`${app.url}/webhooks/wati/not-the-secret`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ eventType: 'message', waId: ada.phone, text: 'forged' }),
      });
      expect(wrongPath.status).toBe(401);
      expect((await fetch(`${app.url}/webhooks/whatsapp-cloud`, { method: 'POST', body: '{}' })).status).toBe(
        404,
      );
    } finally {
      await app.close();
    }
  });
});

describe('shutdown', () => {
  it('ends event streams, stops the sandbox and closes the server without waiting out the grace period', async () => {
    // No grace period ends within the test: should the open event stream hold the shutdown up until
    // connections are cut, close() never resolves and the test fails, however fast the machine is.
    const app = await startSandboxApp('wati', { shutdownGraceMs: NO_GRACE_CUT_MS });
    const stream = await fetch(`${app.url}/api/events`);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const emulatorUrl = app.runtime.sandbox?.emulatorUrl as string;
    await app.close();
    // The stream ends cleanly (a cut connection would make read() reject).
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
    await expect(fetch(emulatorUrl)).rejects.toThrow();
  });
});
