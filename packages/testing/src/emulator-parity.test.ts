// The two emulators share one lifecycle and webhook contract: the same listen(), the same meaning of
// statusDelaysMs, the same answers without a webhook, the same retention and the same close(). Each
// scenario runs against both.
import { getResponse, type RequestHandler } from 'msw';
import { describe, expect, it, vi } from 'vitest';
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
  readonly handlers: RequestHandler[];
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

/** Makes one request to an emulator: `path` is absolute (`/v23.0/…`), without scheme and host. */
type Call = (path: string, init: RequestInit) => Promise<Response>;

/** Requests to the server `listen()` started, over HTTP. */
function overHttp(server: LoopbackServer): Call {
  return (path, init) => fetch(`${server.url}${path}`, init);
}

/** Requests answered by the emulator's msw handlers in this process: no socket, no timer of the HTTP stack. */
function inProcess(emulator: Emulator): Call {
  return async (path, init) => {
    const response = await getResponse(emulator.handlers, new Request(`http://emulator.test${path}`, init));
    if (response === undefined) throw new Error(`No handler of the emulator answered ${path}`);
    return response;
  };
}

interface Driver {
  name: string;
  create(options?: { webhook?: Target; retention?: EmulatorRetention }): Emulator;
  /** Sends a text through the emulator's API and answers the id `deliverStatus` takes. */
  send(call: Call): Promise<string>;
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
    async send(call) {
      const response = await call('/v23.0/106540352242922/messages', {
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
    async send(call) {
      const response = await call(`/api/v1/sendSessionMessage/${CUSTOMER}?messageText=hi`, {
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
    await driver.send(overHttp(second));
    expect(second.requests).toHaveLength(1);
  });

  it('counts statusDelaysMs from the step before, not from the send', async () => {
    // On a fake clock the schedule is exact whatever the load. Only the emulator's own timers run on it:
    // the send goes straight to its handlers and the webhooks to a stubbed fetch, so no socket and no
    // timer of the HTTP stack is involved.
    const webhookUrl = 'http://app.test/webhooks';
    const arrivals: [string | undefined, number][] = [];
    let sentAt = 0;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubGlobal('fetch', async (url: string | URL | Request, init?: RequestInit) => {
      if (String(url) !== webhookUrl) throw new Error(`Unexpected fetch of ${String(url)}`);
      const payload = JSON.parse(await new Response(init?.body).text());
      arrivals.push([driver.statusOf(payload), Date.now() - sentAt]);
      return new Response('ok');
    });
    try {
      await using emulator = driver.create({
        webhook: { url: webhookUrl, statusDelaysMs: { sent: 60, delivered: 0, read: 60 } },
      });
      sentAt = Date.now();
      await driver.send(inProcess(emulator));

      await vi.advanceTimersByTimeAsync(59);
      expect(arrivals).toEqual([]);
      // Each step schedules the next once its webhook is answered; the clock only moves to due timers.
      for (let round = 0; arrivals.length < 3 && round < 1_000; round++) {
        await vi.runAllTimersAsync();
        await new Promise((resolve) => setImmediate(resolve));
      }
      // Offsets from the send would have read at +60 ms; gaps put it at +120.
      expect(arrivals).toEqual([
        ['sent', 60],
        ['delivered', 60],
        ['read', 120],
      ]);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });

  it('flushWebhooks() sends statuses due in minutes at once, in order', async () => {
    await using receiver = await startWebhookReceiver();
    await using emulator = driver.create({
      webhook: { url: receiver.url, statusDelaysMs: { sent: 60_000, delivered: 60_000, read: 60_000 } },
    });
    const server = await emulator.listen();

    await driver.send(overHttp(server));
    await emulator.flushWebhooks();

    expect(statuses(driver, receiver.received)).toEqual(['sent', 'delivered', 'read']);
  });

  it('without a webhook, simulates and reports anyway and resolves with no delivery', async () => {
    await using emulator = driver.create();
    const server = await emulator.listen();
    const id = await driver.send(overHttp(server));

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

    for (let i = 0; i < 3; i++) await driver.send(overHttp(server));
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
    await driver.send(overHttp(server));

    emulator.reset();
    await emulator.flushWebhooks();
    expect(receiver.received).toEqual([]);

    await emulator.simulateInboundMessage({ from: CUSTOMER, text: 'still wired' });
    expect(receiver.received.length).toBeGreaterThan(0);
  });

  it('close() cancels what is scheduled and leaves no open handle behind', async () => {
    const before = resourceCounts();
    {
      // The receiver is closed too before counting: its side of the webhook connection is not the emulator's.
      await using receiver = await startWebhookReceiver();
      const emulator = driver.create({
        webhook: { url: receiver.url, statusDelaysMs: { sent: 60_000, delivered: 0, read: 0 } },
      });
      const server = await emulator.listen();
      await driver.send(overHttp(server));
      await emulator.simulateInboundMessage({ from: CUSTOMER, text: 'hi' });
      const deliveriesBefore = emulator.state.webhookDeliveries.length;

      await emulator.close();
      await emulator.flushWebhooks();

      expect(emulator.state.webhookDeliveries).toHaveLength(deliveriesBefore);
      expect(statuses(driver, receiver.received)).toEqual([]);
    }

    expect(await extraResources(before)).toEqual({});
  });
});

/** How many handles of each type keep the process alive (servers, sockets, ref'd timers). */
function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/**
 * The resources beyond those counted in `before`, once closed handles have left the list: a handle stays
 * listed until the event loop has run its close callback, which takes a turn or more of the loop. Waits by
 * turns, not by time; `{}` when nothing was left behind.
 */
async function extraResources(before: Record<string, number>): Promise<Record<string, number>> {
  let extra: Record<string, number> = {};
  for (let turn = 0; turn < 500; turn++) {
    extra = Object.fromEntries(
      Object.entries(resourceCounts()).filter(([type, count]) => count > (before[type] ?? 0)),
    );
    if (Object.keys(extra).length === 0) return extra;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return extra;
}
