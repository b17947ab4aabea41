import type { OutboundMessage, SendOptions, SendResult } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { postJson, startSandboxApp } from '../test-support/sandbox-app.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];

describe('graceful shutdown', () => {
  it.each(['whatsapp-cloud', 'wati'] as const)(
    'lets a send in flight on %s finish before the provider and the sandbox stop',
    async (providerId) => {
      const app = await startSandboxApp(providerId);
      const { provider } = app.runtime;
      const send = provider.send.bind(provider);
      let entered: () => void = () => undefined;
      const inProvider = new Promise<void>((resolve) => {
        entered = resolve;
      });
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Hold the send inside the provider, as a slow provider would, until shutdown has begun.
      provider.send = async (message: OutboundMessage, options?: SendOptions): Promise<SendResult> => {
        entered();
        await released;
        return send(message, options);
      };

      const response = postJson(`${app.url}/api/messages`, { type: 'text', to: ada.phone, text: 'Last one' });
      await inProvider;
      const closed = app.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();

      const answer = await response;
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ provider: providerId, to: ada.phone, status: 'accepted' });
      await closed;
    },
  );

  it('cuts requests still running after the grace period', async () => {
    const app = await startSandboxApp('whatsapp-cloud', { shutdownGraceMs: 100 });
    const { provider } = app.runtime;
    let entered: () => void = () => undefined;
    const inProvider = new Promise<void>((resolve) => {
      entered = resolve;
    });
    // A send that never finishes by itself.
    provider.send = () => {
      entered();
      return new Promise<SendResult>(() => undefined);
    };
    const response = fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'text', to: ada.phone, text: 'Stuck' }),
    });
    await inProvider;
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(response).rejects.toThrow();
  });
});
