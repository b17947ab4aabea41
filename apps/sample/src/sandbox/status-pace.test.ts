import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PROVIDER_IDS } from '../providers.js';
import { startServer } from '../server/start-server.js';
import { connectEventStream, type ReceivedEvent } from '../test-support/event-stream-client.js';
import { postJson } from '../test-support/sandbox-app.js';
import { DEMO_CONTACTS } from './demo-contacts.js';
import type { StatusDelays } from './sandbox.js';

/** The `statusDelaysMs` the sandbox hands its emulator when it connects the webhooks, in call order. */
const configuredDelays = vi.hoisted((): unknown[] => []);

// The real emulators, with `setWebhook` recorded: the pace the app asks for is read from there,
// exactly, instead of being inferred from how fast the statuses arrive on this machine.
vi.mock('@switchboard/testing', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@switchboard/testing')>();
  const recording = <T extends { statusDelaysMs?: unknown }, E extends { setWebhook(target?: T): void }>(
    emulator: E,
  ): E => {
    const setWebhook = emulator.setWebhook.bind(emulator);
    emulator.setWebhook = (target?: T) => {
      configuredDelays.push(target?.statusDelaysMs);
      setWebhook(target);
    };
    return emulator;
  };
  return {
    ...actual,
    createWhatsAppCloudEmulator: (...args: Parameters<typeof actual.createWhatsAppCloudEmulator>) =>
      recording(actual.createWhatsAppCloudEmulator(...args)),
    createWatiEmulator: (...args: Parameters<typeof actual.createWatiEmulator>) =>
      recording(actual.createWatiEmulator(...args)),
  };
});

const ada = DEMO_CONTACTS[0] as (typeof DEMO_CONTACTS)[number];

/**
 * Counted from the step before (as StatusDelays says), `read` comes at least 300 + 300 ms after the
 * send; counted from the send, it would come at +300 ms, together with `delivered`.
 */
const PACE: StatusDelays = { sent: 0, delivered: 300, read: 300 };
/** Timers fire on whole milliseconds of the event loop's clock, so each step may look ~1 ms short. */
const ROUNDING_MS = 5;

beforeEach(() => {
  configuredDelays.length = 0;
});

describe.each(PROVIDER_IDS)('the %s sandbox’s status pace', (providerId) => {
  it('counts each delay from the step before, as StatusDelays says', async () => {
    const app = await startServer({
      config: {
        mode: 'sandbox',
        providerId,
        transport: 'direct',
        source: { kind: 'default' },
        reason: 'test',
      },
      port: 0,
      seed: false,
      statusDelaysMs: PACE,
    });
    const stream = await connectEventStream(`${app.url}/api/events`);
    try {
      // The emulator gets the pace as given, not converted: its gaps are StatusDelays' gaps.
      expect(configuredDelays).toStrictEqual([PACE]);

      const before = Date.now();
      const sent = await postJson(`${app.url}/api/messages`, { type: 'text', to: ada.phone, text: 'Pace' });
      expect(sent.status).toBe(200);
      const statusOf = (event: ReceivedEvent) => {
        const data = event.data as { kind?: string; messageId?: string; status?: string };
        return data.kind === 'status' && data.messageId === sent.body.id ? data.status : undefined;
      };
      await stream.waitFor((event) => statusOf(event) === 'read');
      // A lower bound only: a busy machine can make the statuses later, never earlier.
      expect(Date.now() - before).toBeGreaterThanOrEqual(
        PACE.sent + PACE.delivered + PACE.read - ROUNDING_MS,
      );
      expect(stream.events.map(statusOf).filter((status) => status !== undefined)).toStrictEqual([
        'sent',
        'delivered',
        'read',
      ]);
    } finally {
      stream.close();
      await app.close();
    }
  });
});
