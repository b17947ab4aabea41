import { describe, expect, it, vi } from 'vitest';
import { auth, looseFetch, startWebhookReceiver } from './__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from './wati-emulator.js';

const john = '14155551234';
const instant = { sent: 0, delivered: 0, read: 0 };

async function sendText(tenantUrl: string, query: string) {
  const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionMessage/${john}?${query}`, {
    method: 'POST',
    headers: auth,
  });
  return (await response.json()).message as Record<string, string>;
}

async function sendTemplate(tenantUrl: string, version: 1 | 2) {
  const response = await looseFetch(
    `${tenantUrl}/api/v${version}/sendTemplateMessage?whatsappNumber=${john}`,
    {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        template_name: 'order_update',
        broadcast_name: 'order_update',
        parameters: [
          { name: 'name', value: 'John' },
          { name: 'ordernumber', value: '12345' },
        ],
      }),
    },
  );
  return response.json();
}

describe('automatic status webhooks', () => {
  it('delivers sent → delivered → read for a session send, in order, with the secret header and both ids', async () => {
    await using app = await startWebhookReceiver();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      webhook: {
        url: app.url,
        secret: { header: 'x-wati-secret', value: 's3cret' },
        statusDelaysMs: { sent: 5, delivered: 5, read: 5 },
      },
    });
    const { tenantUrl } = await wati.listen();

    const message = await sendText(tenantUrl, 'messageText=hello&localMessageId=local-1');

    await vi.waitFor(() => expect(app.received).toHaveLength(3), { timeout: 2000 });
    expect(app.events()).toEqual(['sessionMessageSent_v2', 'sentMessageDELIVERED_v2', 'sentMessageREAD_v2']);
    for (const { headers, payload } of app.received) {
      expect(headers['x-wati-secret']).toBe('s3cret');
      expect(headers['content-type']).toBe('application/json');
      expect(payload).toMatchObject({
        id: message.id,
        whatsappMessageId: message.whatsappMessageId,
        localMessageId: 'local-1',
        text: 'hello',
        type: 'text',
        channelPhoneNumber: '14155550100',
      });
      expect(payload.timestamp).toMatch(/^\d{10}$/);
    }
    expect(app.received[0]?.payload).toMatchObject({ waId: john, owner: true, statusString: 'SENT' });
    expect(app.received[1]?.payload).not.toHaveProperty('waId');
    expect(app.received.map(({ payload }) => payload.statusString)).toEqual(['SENT', 'Delivered', 'Read']);
    expect(wati.state.findMessage(message.id ?? '')?.statusString).toBe('READ');
    expect(
      wati.state.webhookDeliveries.map((delivery) => [delivery.eventType, delivery.status, delivery.ok]),
    ).toEqual([
      ['sessionMessageSent_v2', 200, true],
      ['sentMessageDELIVERED_v2', 200, true],
      ['sentMessageREAD_v2', 200, true],
    ]);
  });

  it('reports a v2 template send with the localMessageId the send returned', async () => {
    await using app = await startWebhookReceiver();
    await using wati = createWatiEmulator({ webhook: { url: app.url, statusDelaysMs: instant } });
    const { tenantUrl } = await wati.listen();

    const body = await sendTemplate(tenantUrl, 2);
    await wati.flushWebhooks();

    const localMessageId = body.receivers[0].localMessageId;
    expect(app.events()).toEqual(['templateMessageSent_v2', 'sentMessageDELIVERED_v2', 'sentMessageREAD_v2']);
    expect(app.received.map(({ payload }) => payload.localMessageId)).toEqual([
      localMessageId,
      localMessageId,
      localMessageId,
    ]);
    expect(app.received[0]?.payload).toMatchObject({
      templateName: 'order_update',
      text: 'Hi John, your order 12345 has shipped and is on its way.',
      waId: john,
      type: 'template',
      sourceType: 'API',
      statusString: 'SENT',
      created: expect.stringMatching(/\.\d{7}Z$/),
    });
    expect(app.received[0]?.payload).not.toHaveProperty('timestamp');
    expect(app.received[1]?.payload).toMatchObject({ type: 'template', statusString: 'Delivered' });
  });

  it("sends the v1 events, without localMessageId, with eventVersion 'v1'", async () => {
    await using app = await startWebhookReceiver();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      // Long delays: flushWebhooks then runs the steps in due order, independent of timer races.
      webhook: {
        url: app.url,
        statusDelaysMs: { sent: 60_000, delivered: 60_000, read: 60_000 },
        eventVersion: 'v1',
      },
    });
    const { tenantUrl } = await wati.listen();

    await sendText(tenantUrl, 'messageText=hi&localMessageId=local-1');
    await sendTemplate(tenantUrl, 1);
    await wati.flushWebhooks();

    expect(app.events()).toEqual([
      'sessionMessageSent',
      'templateMessageSent',
      'sentMessageDELIVERED',
      'sentMessageDELIVERED',
      'sentMessageREAD',
      'sentMessageREAD',
    ]);
    for (const { payload } of app.received) expect(payload).not.toHaveProperty('localMessageId');
  });

  it('sends nothing automatically with statusDelaysMs: false, and flushWebhooks runs long delays at once', async () => {
    await using app = await startWebhookReceiver();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      webhook: { url: app.url, statusDelaysMs: false },
    });
    const { tenantUrl } = await wati.listen();

    await sendText(tenantUrl, 'messageText=hi');
    await wati.flushWebhooks();
    expect(app.received).toHaveLength(0);

    wati.setWebhook({ url: app.url, statusDelaysMs: { sent: 60_000, delivered: 60_000, read: 60_000 } });
    await sendText(tenantUrl, 'messageText=again');
    await wati.flushWebhooks();
    expect(app.events()).toEqual(['sessionMessageSent_v2', 'sentMessageDELIVERED_v2', 'sentMessageREAD_v2']);
  });

  it('close() cancels scheduled webhooks', async () => {
    await using app = await startWebhookReceiver();
    const wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      webhook: { url: app.url, statusDelaysMs: { sent: 30, delivered: 0, read: 0 } },
    });
    const { tenantUrl } = await wati.listen();

    await sendText(tenantUrl, 'messageText=hi');
    await wati.close();
    await new Promise((resolve) => setTimeout(resolve, 80));

    expect(app.received).toHaveLength(0);
  });
});

describe('deliverStatus', () => {
  it('reports failed with Meta code and detail (templateMessageFailed / sessionMessageFailed) and stops the automatic ones', async () => {
    await using app = await startWebhookReceiver();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      webhook: { url: app.url, statusDelaysMs: { sent: 60_000, delivered: 0, read: 0 } },
    });
    const { tenantUrl } = await wati.listen();
    const template = await sendTemplate(tenantUrl, 2);
    const session = await sendText(tenantUrl, 'messageText=hi');

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
    const message = await sendText(tenantUrl, 'messageText=hi');

    await wati.deliverStatus(message.id ?? '', 'replied');
    await wati.deliverStatus(message.id ?? '', 'delivered');

    expect(app.events()).toEqual(['sentMessageREPLIED_v2', 'sentMessageDELIVERED_v2']);
    expect(app.received[0]?.payload).toMatchObject({ statusString: 'Replied', id: message.id });
    expect(wati.state.findMessage(message.id ?? '')?.statusString).toBe('REPLIED');
  });

  it('rejects an id no business message has, and resolves undefined without a webhook', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();
    const message = await sendText(tenantUrl, 'messageText=hi');
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
    await vi.waitFor(() => expect(app.received).toHaveLength(4), { timeout: 2000 });
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
