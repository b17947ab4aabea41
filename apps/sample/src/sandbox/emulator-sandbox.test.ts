import type { MessagingProvider } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { emulatorSandbox, randomSecret, type SandboxEmulator } from './emulator-sandbox.js';

function sandboxAnswering(delivery: { status: number } | undefined, calls: string[] = []) {
  const emulator: SandboxEmulator = {
    simulateInboundMessage: async (input) => {
      calls.push(`inbound ${JSON.stringify(input)}`);
      return { id: 'in-1', delivery };
    },
    flushWebhooks: async () => undefined,
    close: async () => {
      calls.push('emulator closed');
    },
  };
  const provider = {
    close: async () => {
      calls.push('provider closed');
    },
  } as unknown as MessagingProvider;
  return emulatorSandbox({
    providerId: 'wati',
    transport: 'direct',
    provider,
    emulator,
    emulatorUrl: 'http://127.0.0.1:1',
    webhookPath: '/webhooks/wati',
    connectWebhooks: () => undefined,
  });
}

describe('emulatorSandbox', () => {
  it('resolves with the inbound message id once the app accepted the webhook', async () => {
    const calls: string[] = [];
    const sandbox = sandboxAnswering({ status: 200 }, calls);
    expect(await sandbox.simulateInbound({ from: '447700900123', text: 'Hi' })).toStrictEqual({ id: 'in-1' });
    expect(calls).toStrictEqual(['inbound {"from":"447700900123","text":"Hi"}']);
  });

  it.each([
    [undefined, 'The sandbox has no webhook target: the app is not listening'],
    [{ status: 401 }, 'The app did not accept the simulated webhook on /webhooks/wati (HTTP 401)'],
    [{ status: 0 }, 'The app did not accept the simulated webhook on /webhooks/wati (no answer)'],
  ])('fails when the delivery was %j', async (delivery, message) => {
    await expect(sandboxAnswering(delivery).simulateInbound({ from: '1', text: 'x' })).rejects.toThrow(
      message,
    );
  });

  it('stops the emulator before the provider', async () => {
    const calls: string[] = [];
    await sandboxAnswering({ status: 200 }, calls).close();
    expect(calls).toStrictEqual(['emulator closed', 'provider closed']);
  });

  it('makes a fresh URL-safe secret each time', () => {
    const first = randomSecret();
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(randomSecret()).not.toBe(first);
  });
});
