import { request } from 'node:http';
import { connect } from 'node:net';
import type { OutboundMessage, SendOptions, SendResult } from '@switchboard/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CONTACTS } from '../sandbox/demo-contacts.js';
import { postJson, startSandboxApp } from '../test-support/sandbox-app.js';

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];
/** A shutdown grace period far beyond the test timeout: connections are never cut within a test. */
const NO_GRACE_CUT_MS = 3_600_000;

/**
 * Resolves once a new connection to `url` is refused: the server stopped listening, so its shutdown
 * is under way. A raw socket, so no pooled keep-alive connection can answer instead.
 */
function refusesConnections(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      reject(new Error(`${url} still accepts connections`));
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve() : reject(error),
    );
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('graceful shutdown', () => {
  it.each(['whatsapp-cloud', 'wati'] as const)(
    'lets a send in flight on %s finish before the provider and the sandbox stop',
    async (providerId) => {
      // The send below must not depend on finishing within a grace period, however slow the machine.
      const app = await startSandboxApp(providerId, { shutdownGraceMs: NO_GRACE_CUT_MS });
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
      // Shutdown has begun (the server no longer listens) while the send is still held.
      await refusesConnections(app.url);
      release();

      const answer = await response;
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ provider: providerId, to: ada.phone, status: 'accepted' });
      await closed;
    },
  );

  it('cuts requests still running after the grace period', async () => {
    const graceMs = 100;
    const app = await startSandboxApp('whatsapp-cloud', { shutdownGraceMs: graceMs });
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
    // node:http rather than fetch: nothing on the client side uses the timers faked below.
    const { hostname, port } = new URL(app.url);
    let outcome: 'pending' | 'answered' | 'cut' = 'pending';
    const response = new Promise<void>((resolve) => {
      const outgoing = request(
        {
          host: hostname,
          port: Number(port),
          method: 'POST',
          path: '/api/messages',
          headers: { 'content-type': 'application/json' },
        },
        (incoming) => {
          outcome = 'answered';
          incoming.resume();
          resolve();
        },
      );
      outgoing.on('error', () => {
        outcome = 'cut';
        resolve();
      });
      outgoing.end(JSON.stringify({ type: 'text', to: ada.phone, text: 'Stuck' }));
    });
    await inProvider;

    // The grace period on a fake clock: the request can only be cut when the test says it ended.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const closed = app.close();
    await refusesConnections(app.url);
    expect(outcome).toBe('pending');
    vi.advanceTimersByTime(graceMs);
    vi.useRealTimers();

    await closed;
    await response;
    expect(outcome).toBe('cut');
  });
});
