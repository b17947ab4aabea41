import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../../loopback-server.js';
import { sendText } from '../__fixtures__/wati-requests.js';
import { createWatiEmulator } from '../wati-emulator.js';
import { defaultBsuid, toWatiBsuidEvent } from './bsuid-events.js';
import { watiWebhookPayloads } from './wati-webhook-payloads.js';

const john = '14155551234';
const bob = {
  bsuid: 'US.13491208655302741918',
  parentBsuid: 'US.ENT.11815799212886844830',
  username: '@bob',
};

async function receiver() {
  return startLoopbackServer({ handlers: [http.post('/webhooks/wati', () => HttpResponse.text('ok'))] });
}

const payloads = (app: Awaited<ReturnType<typeof receiver>>) =>
  app.requests.map((request) => request.json<Record<string, unknown>>());

describe("WATI's BSUID-first webhooks", () => {
  it('turns a documented event into its _bsuid variant with the user ids, and leaves the others alone', () => {
    const message = watiWebhookPayloads.messageReceived({ type: 'text', waId: john, text: 'hello' });
    expect(toWatiBsuidEvent(message, { users: { [john]: bob } })).toStrictEqual({
      ...message,
      eventType: 'message_bsuid',
      bsuid: bob.bsuid,
      parentBsuid: bob.parentBsuid,
      username: '@bob',
    });
    const withoutPhone = toWatiBsuidEvent(message, { omitPhone: true });
    expect(withoutPhone).not.toHaveProperty('waId');
    expect(withoutPhone).toMatchObject({ bsuid: defaultBsuid(john), parentBsuid: null, username: null });
    const delivered = watiWebhookPayloads.sentMessageDeliveredV2({});
    expect(toWatiBsuidEvent(delivered)).toBe(delivered);
    expect(defaultBsuid(john)).toBe('US.90000000014155551234');
  });

  it('emits message_bsuid, newContactMessageReceived_bsuid and sessionMessageSent_v2_bsuid when asked', async () => {
    await using app = await receiver();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      webhook: {
        url: `${app.url}/webhooks/wati`,
        statusDelaysMs: { sent: 0, delivered: 0, read: 0 },
        bsuidEvents: { users: { [john]: bob }, omitPhone: true },
      },
    });
    const { tenantUrl } = await wati.listen();
    await wati.simulateInboundMessage({ from: '447700900123', name: 'Ada', text: 'hi' });
    await sendText(tenantUrl, john, 'messageText=hello');
    await wati.flushWebhooks();
    const events = payloads(app);
    expect(events.map((event) => event.eventType)).toEqual([
      'newContactMessageReceived_bsuid',
      'message_bsuid',
      'sessionMessageSent_v2_bsuid',
      'sentMessageDELIVERED_v2',
      'sentMessageREAD_v2',
    ]);
    expect(events[1]).toMatchObject({ bsuid: defaultBsuid('447700900123'), senderName: 'Ada', owner: false });
    expect(events[1]).not.toHaveProperty('waId');
    expect(events[2]).toMatchObject({ bsuid: bob.bsuid, parentBsuid: bob.parentBsuid, username: '@bob' });
    expect(events[2]).not.toHaveProperty('waId');
    expect(wati.state.webhookDeliveries.map((delivery) => delivery.eventType)[1]).toBe('message_bsuid');
  });

  it('uses a contact’s own bsuid unless the target’s users name the number', async () => {
    await using app = await receiver();
    const jane = '14155555678';
    await using wati = createWatiEmulator({
      contacts: [
        { whatsappNumber: john, bsuid: 'US.11111111111111111111' },
        { whatsappNumber: jane, bsuid: 'US.22222222222222222222' },
      ],
      webhook: {
        url: `${app.url}/webhooks/wati`,
        statusDelaysMs: false,
        bsuidEvents: { users: { [jane]: bob } },
      },
    });
    await wati.simulateInboundMessage({ from: john, text: 'from john' });
    await wati.simulateInboundMessage({ from: jane, text: 'from jane' });
    await wati.simulateInboundMessage({ from: '447700900123', text: 'from a stranger' });
    expect(payloads(app).map((event) => [event.eventType, event.bsuid])).toStrictEqual([
      ['message_bsuid', 'US.11111111111111111111'],
      ['message_bsuid', bob.bsuid],
      ['newContactMessageReceived_bsuid', defaultBsuid('447700900123')],
      ['message_bsuid', defaultBsuid('447700900123')],
    ]);
  });
});
