import { describe, expect, it } from 'vitest';
import { sendTemplate, sendText } from './__fixtures__/wati-requests.js';
import { startWebhookReceiver } from './__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from './wati-emulator.js';

const john = '14155551234';

describe('deliverStatus', () => {
  it('reports failed with Meta code and detail (templateMessageFailed / sessionMessageFailed) and stops the automatic ones', async () => {
    await using app = await startWebhookReceiver();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      webhook: { url: app.url, statusDelaysMs: { sent: 60_000, delivered: 0, read: 0 } },
    });
    const { tenantUrl } = await wati.listen();
    const template = await sendTemplate(tenantUrl, john, 2);
    const session = await sendText(tenantUrl, john, 'messageText=hi');

    const result = await wati.deliverStatus(template.receivers[0].localMessageId, 'failed', {
      code: '131049',
      detail: 'Meta chose not to deliver',
    });
    await wati.deliverStatus(session.whatsappMessageId ?? '', 'failed');
    await wati.flushWebhooks();

    expect(result?.status).toBe(200);
    expect(app.received.map(({ payload }) => payload)).toEqual([
      expect.objectContaining({
        eventType: 'templateMessageFailed',
        statusString: 'Failed',
        localMessageId: template.receivers[0].localMessageId,
        failedCode: '131049',
        failedDetail: 'Meta chose not to deliver',
        type: 'template',
      }),
      expect.objectContaining({
        eventType: 'sessionMessageFailed',
        id: session.id,
        type: 'session',
        failedCode: '131026',
      }),
    ]);
    expect(wati.state.findMessage(session.id ?? '')).toMatchObject({
      statusString: 'FAILED',
      failedDetail: 'Message undeliverable',
    });
  });

  it('reports replied and read by hand, never moving the history status backwards', async () => {
    await using app = await startWebhookReceiver();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      webhook: { url: app.url, statusDelaysMs: false },
    });
    const { tenantUrl } = await wati.listen();
    const message = await sendText(tenantUrl, john, 'messageText=hi');

    await wati.deliverStatus(message.id ?? '', 'replied');
    await wati.deliverStatus(message.id ?? '', 'delivered');

    expect(app.events()).toEqual(['sentMessageREPLIED_v2', 'sentMessageDELIVERED_v2']);
    expect(app.received[0]?.payload).toMatchObject({ statusString: 'Replied', id: message.id });
    expect(wati.state.findMessage(message.id ?? '')?.statusString).toBe('REPLIED');
  });

  it('rejects an id no business message has, and resolves undefined without a webhook', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();
    const message = await sendText(tenantUrl, john, 'messageText=hi');
    const inbound = await wati.simulateInboundMessage({ from: john, text: 'yo' });

    await expect(wati.deliverStatus('nope', 'read')).rejects.toThrow(
      'no message sent by the business has the id nope',
    );
    await expect(wati.deliverStatus(inbound.id, 'read')).rejects.toThrow();
    await expect(wati.deliverStatus(message.id ?? '', 'read')).resolves.toBeUndefined();
    expect(inbound.delivery).toBeUndefined();
    expect(wati.state.findMessage(message.id ?? '')?.statusString).toBe('READ');
  });
});

describe('redelivery and failures', () => {
  it('redelivers the same payload after a non-2xx answer, up to the bound, recording each attempt', async () => {
    await using app = await startWebhookReceiver((index) => (index < 2 ? 500 : 200));
    await using wati = createWatiEmulator({
      webhook: { url: app.url, redeliver: { attempts: 3, delayMs: 5 } },
    });

    const { delivery } = await wati.simulateInboundMessage({ from: john, text: 'hello' });
    // The redeliveries go out on their own timers: wait for them to arrive, however loaded the machine is.
    await app.waitFor(4);
    await wati.flushWebhooks();

    // newContactMessageReceived (500), message (500), then both redelivered (200).
    expect(delivery?.status).toBe(500);
    expect(app.received.map(({ payload }) => payload.eventType)).toEqual([
      'newContactMessageReceived',
      'message',
      'newContactMessageReceived',
      'message',
    ]);
    expect(app.received[3]?.raw).toBe(app.received[1]?.raw);
    expect(
      wati.state.webhookDeliveries.map((entry) => [entry.eventType, entry.attempt, entry.status]),
    ).toEqual([
      ['newContactMessageReceived', 1, 500],
      ['message', 1, 500],
      ['newContactMessageReceived', 2, 200],
      ['message', 2, 200],
    ]);
  });

  it('records an unreachable webhook without throwing, and stops after the bounded redeliveries', async () => {
    const app = await startWebhookReceiver();
    const url = app.url;
    await app.close();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      webhook: { url, redeliver: { attempts: 2, delayMs: 1 } },
    });

    const { delivery } = await wati.simulateInboundMessage({ from: john, text: 'hello' });
    await wati.flushWebhooks();

    expect(delivery).toMatchObject({ status: 0, body: expect.stringMatching(/fetch failed|ECONNREFUSED/) });
    expect(wati.state.webhookDeliveries.map((entry) => [entry.attempt, entry.ok, entry.status])).toEqual([
      [1, false, 0],
      [2, false, 0],
      [3, false, 0],
    ]);
    expect(wati.state.webhookDeliveries[0]?.error).toMatch(/ECONNREFUSED|fetch failed/);
  });
});
