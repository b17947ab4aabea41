import { describe, expect, it } from 'vitest';
import { sendTemplate, sendText } from './__fixtures__/wati-requests.js';
import { startWebhookReceiver } from './__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from './wati-emulator.js';

const john = '14155551234';
const instant = { sent: 0, delivered: 0, read: 0 };

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

    const message = await sendText(tenantUrl, john, 'messageText=hello&localMessageId=local-1');

    // On their own timers, not flushed: wait for the three to arrive, however loaded the machine is, then
    // for the emulator to record the last answer (nothing is left to send by then).
    await app.waitFor(3);
    await wati.flushWebhooks();
    expect(app.received).toHaveLength(3);
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

    const body = await sendTemplate(tenantUrl, john, 2);
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

    await sendText(tenantUrl, john, 'messageText=hi&localMessageId=local-1');
    await sendTemplate(tenantUrl, john, 1);
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

    await sendText(tenantUrl, john, 'messageText=hi');
    await wati.flushWebhooks();
    expect(app.received).toHaveLength(0);

    wati.setWebhook({ url: app.url, statusDelaysMs: { sent: 60_000, delivered: 60_000, read: 60_000 } });
    await sendText(tenantUrl, john, 'messageText=again');
    await wati.flushWebhooks();
    expect(app.events()).toEqual(['sessionMessageSent_v2', 'sentMessageDELIVERED_v2', 'sentMessageREAD_v2']);
  });

  it('close() cancels scheduled webhooks', async () => {
    await using app = await startWebhookReceiver();
    const wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      // Due in a minute, so it cannot go out before close() however slow the send is.
      webhook: { url: app.url, statusDelaysMs: { sent: 60_000, delivered: 0, read: 0 } },
    });
    const { tenantUrl } = await wati.listen();

    await sendText(tenantUrl, john, 'messageText=hi');
    await wati.close();
    // flushWebhooks() sends at once whatever is still scheduled: nothing, rather than waiting and hoping.
    await wati.flushWebhooks();

    expect(app.received).toHaveLength(0);
    expect(wati.state.webhookDeliveries).toHaveLength(0);
  });
});
