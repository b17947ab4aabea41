// The two emulators share one lifecycle and webhook contract: the same listen(), the same meaning of
// statusDelaysMs, the same answers without a webhook, the same retention and the same close(). Each
// scenario runs against both.
import { describe, expect, it } from 'vitest';
import { type Loose, type ReceivedWebhook, startWebhookReceiver } from './__fixtures__/webhook-receiver.js';
import type { EmulatorRetention } from './emulator-kit/retention.js';
import type { EmulatorStatusDelays } from './emulator-kit/status-progression.js';
import type { EmulatorWebhookDelivery, WebhookRedelivery } from './emulator-kit/webhook-dispatcher.js';
import type { LoopbackServer } from './loopback-server.js';
import { createWatiEmulator } from './wati/wati-emulator.js';
import type { WebhookDeliveryResult } from './webhook-delivery.js';
import { createWhatsAppCloudEmulator } from './whatsapp-cloud/create-whatsapp-cloud-emulator.js';

const CUSTOMER = '14155551234';

interface Target {
  url: string;
  statusDelaysMs?: EmulatorStatusDelays | false;
  redeliver?: WebhookRedelivery;
}

/** What both emulators offer, as these scenarios use it. */
interface Emulator extends AsyncDisposable {
  readonly state: { readonly webhookDeliveries: readonly EmulatorWebhookDelivery<unknown>[] };
  listen(): Promise<LoopbackServer>;
  setWebhook(target: Target | undefined): void;
  simulateInboundMessage(input: {
    from: string;
    text: string;
  }): Promise<{ id: string; delivery: WebhookDeliveryResult | undefined }>;
  deliverStatus(id: string, status: 'read'): Promise<WebhookDeliveryResult | undefined>;
  flushWebhooks(): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

interface Driver {
  name: string;
  create(options?: { webhook?: Target; retention?: EmulatorRetention }): Emulator;
  /** Sends a text through the emulator's API and answers the id `deliverStatus` takes. */
  send(server: LoopbackServer): Promise<string>;
  /** `sent`, `delivered` or `read` for a status webhook of a send, else `undefined`. */
  statusOf(payload: Loose): string | undefined;
}

const WATI_STATUS: Record<string, string> = {
  sessionMessageSent_v2: 'sent',
  sentMessageDELIVERED_v2: 'delivered',
  sentMessageREAD_v2: 'read',
};

const drivers: Driver[] = [
  {
    name: 'WhatsApp Cloud',
    create: (options = {}) => createWhatsAppCloudEmulator(options),
    async send(server) {
      const response = await fetch(`${server.url}/v23.0/106540352242922/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-access-token', 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          to: CUSTOMER,
          type: 'text',
          text: { body: 'hi' },
        }),
      });
      const body = (await response.json()) as Loose;
      return body.messages[0].id;
    },
    statusOf: (payload) => payload.entry?.[0]?.changes?.[0]?.value?.statuses?.[0]?.status,
  },
  {
    name: 'WATI',
    create: (options = {}) => createWatiEmulator({ ...options, contacts: [{ whatsappNumber: CUSTOMER }] }),
    async send(server) {
      const response = await fetch(`${server.url}/api/v1/sendSessionMessage/${CUSTOMER}?messageText=hi`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-wati-token' },
      });
      const body = (await response.json()) as Loose;
      return body.message.id;
    },
    statusOf: (payload) => WATI_STATUS[payload.eventType],
  },
];

function statuses(driver: Driver, received: readonly ReceivedWebhook[]): string[] {
  return received.flatMap((webhook) => driver.statusOf(webhook.payload) ?? []);
}

describe.each(drivers)('$name emulator', (driver) => {
  it('listen() serves one server until it is closed, then starts a new one', async () => {
    await using emulator = driver.create();
    const first = await emulator.listen();

    expect(await emulator.listen()).toBe(first);
    expect(first.closed).toBe(false);
    await emulator.close();
    expect(first.closed).toBe(true);

    const second = await emulator.listen();
    expect(second).not.toBe(first);
    expect(second.url).not.toBe(first.url);
    await driver.send(second);
    expect(second.requests).toHaveLength(1);
  });

  it('counts statusDelaysMs from the step before, not from the send', async () => {
    await using receiver = await startWebhookReceiver();
    await using emulator = driver.create({
      webhook: { url: receiver.url, statusDelaysMs: { sent: 60, delivered: 0, read: 60 } },
    });
    const server = await emulator.listen();

    const sentAt = Date.now();
    await driver.send(server);
    await receiver.waitUntil((received) => statuses(driver, received).length === 3);

    expect(statuses(driver, receiver.received)).toEqual(['sent', 'delivered', 'read']);
    const [sent, , read] = receiver.received.filter((webhook) => driver.statusOf(webhook.payload));
    // Timers never fire early (1 ms of rounding aside); offsets would have read at +60 ms, gaps at +120.
    expect((sent as ReceivedWebhook).receivedAt - sentAt).toBeGreaterThanOrEqual(55);
    expect((read as ReceivedWebhook).receivedAt - sentAt).toBeGreaterThanOrEqual(115);
  });

  it('flushWebhooks() sends statuses due in minutes at once, in order', async () => {
    await using receiver = await startWebhookReceiver();
    await using emulator = driver.create({
      webhook: { url: receiver.url, statusDelaysMs: { sent: 60_000, delivered: 60_000, read: 60_000 } },
    });
    const server = await emulator.listen();

    await driver.send(server);
    await emulator.flushWebhooks();

    expect(statuses(driver, receiver.received)).toEqual(['sent', 'delivered', 'read']);
  });

  it('without a webhook, simulates and reports anyway and resolves with no delivery', async () => {
    await using emulator = driver.create();
    const server = await emulator.listen();
    const id = await driver.send(server);

    expect((await emulator.simulateInboundMessage({ from: CUSTOMER, text: 'hi' })).delivery).toBeUndefined();
    await expect(emulator.deliverStatus(id, 'read')).resolves.toBeUndefined();
    await expect(emulator.deliverStatus('no-such-message', 'read')).rejects.toThrow(/no-such-message/);
    expect(emulator.state.webhookDeliveries).toEqual([]);
  });

  it('records an unreachable webhook as status 0 without rejecting, then redelivers as told', async () => {
    const gone = await startWebhookReceiver();
    await gone.close();
    await using emulator = driver.create({
      webhook: { url: gone.url, statusDelaysMs: false, redeliver: { attempts: 1, delayMs: 60_000 } },
    });

    const { delivery } = await emulator.simulateInboundMessage({ from: CUSTOMER, text: 'hi' });
    await emulator.flushWebhooks();

    expect(delivery?.status).toBe(0);
    const attempts = emulator.state.webhookDeliveries.map(({ attempt, status, ok }) => [attempt, status, ok]);
    expect(attempts).toEqual([
      [1, 0, false],
      [2, 0, false],
    ]);
    expect(emulator.state.webhookDeliveries[0]?.error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('keeps only the newest requests and webhook attempts its retention allows', async () => {
    await using receiver = await startWebhookReceiver();
    await using emulator = driver.create({
      webhook: { url: receiver.url, statusDelaysMs: false },
      retention: { requests: 2, webhookDeliveries: 2 },
    });
    const server = await emulator.listen();

    for (let i = 0; i < 3; i++) await driver.send(server);
    for (const text of ['one', 'two', 'three'])
      await emulator.simulateInboundMessage({ from: CUSTOMER, text });

    expect(server.requests).toHaveLength(2);
    expect(emulator.state.webhookDeliveries).toHaveLength(2);
    expect(JSON.stringify(emulator.state.webhookDeliveries.at(-1)?.payload)).toContain('three');
    expect(receiver.received.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a webhook target that could never work', () => {
    const emulator = driver.create();
    expect(() => emulator.setWebhook({ url: 'not a url' })).toThrow(/absolute URL/);
    expect(() =>
      emulator.setWebhook({
        url: 'http://127.0.0.1:9/x',
        statusDelaysMs: { sent: -1, delivered: 0, read: 0 },
      }),
    ).toThrow(/statusDelaysMs\.sent/);
  });

  it('reset() clears scheduled statuses but keeps the webhook target', async () => {
    await using receiver = await startWebhookReceiver();
    await using emulator = driver.create();
    emulator.setWebhook({ url: receiver.url, statusDelaysMs: { sent: 60_000, delivered: 0, read: 0 } });
    const server = await emulator.listen();
    await driver.send(server);

    emulator.reset();
    await emulator.flushWebhooks();
    expect(receiver.received).toEqual([]);

    await emulator.simulateInboundMessage({ from: CUSTOMER, text: 'still wired' });
    expect(receiver.received.length).toBeGreaterThan(0);
  });

  it('close() cancels what is scheduled and leaves no open handle behind', async () => {
    await using receiver = await startWebhookReceiver();
    const before = resourceCounts();
    const emulator = driver.create({
      webhook: { url: receiver.url, statusDelaysMs: { sent: 60_000, delivered: 0, read: 0 } },
    });
    const server = await emulator.listen();
    await driver.send(server);
    await emulator.simulateInboundMessage({ from: CUSTOMER, text: 'hi' });
    const deliveriesBefore = emulator.state.webhookDeliveries.length;

    await emulator.close();
    await emulator.flushWebhooks();

    expect(emulator.state.webhookDeliveries).toHaveLength(deliveriesBefore);
    expect(statuses(driver, receiver.received)).toEqual([]);
    // Sockets of the closed server take a tick to go.
    await new Promise((resolve) => setImmediate(resolve));
    const after = resourceCounts();
    for (const [type, count] of Object.entries(after))
      expect(count, type).toBeLessThanOrEqual(before[type] ?? 0);
  });
});

/** How many handles of each type keep the process alive (servers, sockets, ref'd timers). */
function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
