// WATI webhooks from the emulator: every status event it emits (v1 and v2) parsed back to the
// SendResult.id of its send, every inbound message type, and redeliveries through core's handler.
import type { InboundEvent, InboundMessageEvent, InboundStatusEvent } from '@switchboard/core';
import type { WatiWebhookDelivery } from '@switchboard/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  JANE,
  JOHN,
  startWatiEmulatorApp,
  statusesOf,
  type WatiEmulatorApp,
  WEBHOOK_SECRET,
} from './__fixtures__/wati-emulator-app.js';

const STATUS_BY_EVENT_TYPE: Record<string, string> = {
  sessionMessageSent: 'sent',
  templateMessageSent: 'sent',
  sentMessageDELIVERED: 'delivered',
  sentMessageREAD: 'read',
  sentMessageREPLIED: 'read',
  sessionMessageFailed: 'failed',
  templateMessageFailed: 'failed',
};

let app: WatiEmulatorApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Parses one delivery the emulator made, as the app's endpoint received it. */
async function parsed(running: WatiEmulatorApp, delivery: WatiWebhookDelivery): Promise<InboundEvent> {
  const events = await running.provider().webhooks.parse({
    body: JSON.stringify(delivery.payload),
    headers: { 'x-switchboard-webhook-secret': WEBHOOK_SECRET },
  });
  expect(events).toHaveLength(1);
  return events[0] as InboundEvent;
}

describe.each(['v2', 'v1'] as const)('status webhooks (%s events)', (eventVersion) => {
  it('parses every status event to a status of the right message', async () => {
    const running = await startWatiEmulatorApp();
    app = running;
    running.setWebhook({ eventVersion });
    const wati = running.provider();
    const text = await wati.send({ type: 'text', to: JOHN, text: 'Your table is ready' });
    const file = await wati.send({ type: 'image', to: JOHN, media: { url: 'https://example.com/a.jpg' } });
    const template = await wati.send({
      type: 'template',
      to: JANE,
      template: { name: 'order_update', language: 'en', parameters: { name: 'Jane', ordernumber: '7' } },
    });
    await running.emulator.flushWebhooks();
    await running.emulator.deliverStatus(template.id, 'replied');
    await running.emulator.deliverStatus(text.id, 'failed', {
      code: '131047',
      detail: 'Re-engagement message',
    });
    await running.emulator.deliverStatus(template.id, 'failed', { code: '131026', detail: 'Undeliverable' });

    const deliveries = running.emulator.state.webhookDeliveries;
    const suffix = eventVersion === 'v2' ? '_v2' : '';
    expect(new Set(deliveries.map((delivery) => delivery.eventType))).toStrictEqual(
      new Set([
        ...['sessionMessageSent', 'templateMessageSent', 'sentMessageDELIVERED', 'sentMessageREAD'].map(
          (type) => `${type}${suffix}`,
        ),
        `sentMessageREPLIED${suffix}`,
        'sessionMessageFailed',
        'templateMessageFailed',
      ]),
    );
    const storedById = new Map(running.emulator.state.messages.map((message) => [message.id, message]));
    for (const delivery of deliveries) {
      const event = await parsed(running, delivery);
      if (event.kind !== 'status') throw new Error(`${delivery.eventType} did not parse to a status`);
      expect(event.status).toBe(STATUS_BY_EVENT_TYPE[delivery.eventType.replace(/_v2$/, '')]);
      const { id, localMessageId } = delivery.payload as { id: string; localMessageId?: string | null };
      // A template's SendResult.id is its localMessageId, which only v2 events (and failures) carry.
      const isTemplate = storedById.get(id)?.kind === 'template';
      expect(event.messageId).toBe(isTemplate && localMessageId ? localMessageId : id);
      expect(event.providerIds.id).toBe(id);
    }
    // Session statuses always correlate; template statuses do with v2 events.
    expect(statusesOf(running.events, text.id)).toStrictEqual(['sent', 'delivered', 'read', 'failed']);
    expect(statusesOf(running.events, file.id)).toStrictEqual(['sent', 'delivered', 'read']);
    expect(statusesOf(running.events, template.id)).toStrictEqual(
      eventVersion === 'v2' ? ['sent', 'delivered', 'read', 'failed'] : ['failed'],
    );
    const failures = running.events.filter(
      (event): event is InboundStatusEvent => event.kind === 'status' && event.status === 'failed',
    );
    expect(failures.map((event) => event.error)).toStrictEqual([
      { code: '131047', title: 'Re-engagement message', category: 'session_window_closed' },
      { code: '131026', title: 'Undeliverable', category: 'invalid_recipient' },
    ]);
  });
});

describe('inbound messages of every type', () => {
  it('maps each to the neutral message, with the reply context and the new-contact event', async () => {
    const running = await startWatiEmulatorApp();
    app = running;
    running.setWebhook({ statusDelaysMs: false });
    const emulator = running.emulator;
    const sent = await running.provider().send({ type: 'text', to: JOHN, text: 'Which day suits you?' });
    const ours = emulator.state.messages.find((message) => message.id === sent.id);
    expect(ours?.whatsappMessageId).toMatch(/^wamid\./);
    const pdf = new TextEncoder().encode('%PDF-1.4 …');
    await emulator.simulateInboundMessage({ from: JOHN, text: 'Tuesday', replyTo: sent.id });
    await emulator.simulateInboundMessage({
      from: JOHN,
      type: 'location',
      latitude: 38.71,
      longitude: -9.14,
      locationName: 'Shop',
    });
    await emulator.simulateInboundMessage({
      from: JOHN,
      type: 'button',
      text: 'Tell me more',
      payload: 'more-info',
    });
    await emulator.simulateInboundMessage({
      from: JOHN,
      type: 'interactive',
      listReply: { title: 'Morning', description: '9–12' },
    });
    await emulator.simulateInboundMessage({
      from: JOHN,
      type: 'reaction',
      emoji: '👍',
      messageId: ours?.whatsappMessageId ?? '',
    });
    await emulator.simulateInboundMessage({
      from: JOHN,
      type: 'document',
      media: { data: pdf, mimeType: 'application/pdf', filename: 'menu.pdf' },
    });
    await emulator.simulateInboundMessage({
      from: JOHN,
      type: 'voice',
      media: { data: new Uint8Array([0x4f, 0x67, 0x67, 0x53]), mimeType: 'audio/ogg' },
    });
    await emulator.simulateInboundMessage({ from: '351930000000', name: 'Rui', text: 'Olá' });
    await emulator.flushWebhooks();

    const messages = running.events.filter((event): event is InboundMessageEvent => event.kind === 'message');
    expect(messages.map((event) => event.message.type)).toStrictEqual([
      'text',
      'location',
      'button_reply',
      'list_reply',
      'reaction',
      'document',
      'audio',
      'text',
    ]);
    expect(messages[0]).toMatchObject({
      from: JOHN,
      replyTo: ours?.whatsappMessageId,
      message: { text: 'Tuesday' },
    });
    expect(messages.slice(1, 5).map((event) => event.message)).toStrictEqual([
      { type: 'location', latitude: 38.71, longitude: -9.14, name: 'Shop' },
      { type: 'button_reply', id: 'more-info', title: 'Tell me more' },
      { type: 'list_reply', id: 'Morning', title: 'Morning', description: '9–12' },
      { type: 'reaction', messageId: ours?.whatsappMessageId, emoji: '👍' },
    ]);
    const document = messages[5]?.message;
    if (document?.type !== 'document') throw new Error('expected a document');
    expect(document).toMatchObject({ filename: 'menu.pdf', media: { mimeType: 'application/pdf' } });
    expect((await running.provider().media.get(document.media.id)).data).toStrictEqual(pdf);
    expect(messages[7]).toMatchObject({ from: '351930000000', contactName: 'Rui' });
    // The reply also reported our message as read, and the new number its contact event.
    expect(statusesOf(running.events, sent.id)).toStrictEqual(['read']);
    expect(
      running.events
        .filter((event) => event.kind === 'unknown')
        .map((event) => (event.raw as { eventType: string }).eventType),
    ).toStrictEqual(['newContactMessageReceived']);
  });
});

describe('redelivery through createWebhookHandler', () => {
  it('handles an event once when WATI redelivers it after the answer was lost', async () => {
    const handled: string[] = [];
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let firstDone: () => void = () => {};
    const firstHandled = new Promise<void>((resolve) => (firstDone = resolve));
    const running: WatiEmulatorApp = await startWatiEmulatorApp({
      onEvent: async (event) => {
        if (event.kind !== 'message') return;
        handled.push(event.id);
        if (handled.length === 1) {
          // WATI loses the answer while the app is still at work: it will redeliver.
          running.dropConnections();
          await released;
          firstDone();
        }
      },
    });
    app = running;
    running.setWebhook({ statusDelaysMs: false, redeliver: { attempts: 2, delayMs: 60_000 } });
    const { whatsappMessageId, delivery } = await running.emulator.simulateInboundMessage({
      from: JOHN,
      text: 'Once',
    });
    expect(delivery?.status).toBe(0);
    // The app finishes the event only after WATI has given up on the first attempt.
    release();
    await firstHandled;
    await running.emulator.flushWebhooks();

    const attempts = running.emulator.state.webhookDeliveries.filter(
      (entry) => entry.eventType === 'message',
    );
    expect(attempts.map((entry) => [entry.attempt, entry.status])).toStrictEqual([
      [1, 0],
      [2, 200],
    ]);
    expect(handled).toStrictEqual([whatsappMessageId]);
    expect(running.events.filter((event) => event.kind === 'message')).toHaveLength(1);
  });

  it('handles an event again when the first attempt failed, so nothing is lost', async () => {
    let failures = 1;
    const running = await startWatiEmulatorApp({
      onEvent: (event) => {
        if (event.kind === 'message' && failures-- > 0) throw new Error('database unavailable');
      },
    });
    app = running;
    running.setWebhook({ statusDelaysMs: false, redeliver: { attempts: 1, delayMs: 60_000 } });
    const { delivery } = await running.emulator.simulateInboundMessage({ from: JANE, text: 'Still there?' });
    expect(delivery?.status).toBe(500);
    expect(running.errors).toMatchObject([{ message: 'database unavailable' }]);
    await running.emulator.flushWebhooks();
    expect(running.events.filter((event) => event.kind === 'message')).toMatchObject([
      { from: JANE, message: { type: 'text', text: 'Still there?' } },
    ]);
  });
});

describe("WATI's BSUID-first webhooks from the emulator", () => {
  it('identifies a phone-less sender by BSUID and correlates the _bsuid sent status with the send', async () => {
    const running = await startWatiEmulatorApp();
    app = running;
    const bob = {
      bsuid: 'US.13491208655302741918',
      parentBsuid: 'US.ENT.11815799212886844830',
      username: '@bob',
    };
    running.setWebhook({ bsuidEvents: { users: { [JOHN]: bob }, omitPhone: true } });
    await running.emulator.simulateInboundMessage({ from: JOHN, name: 'John', text: 'Is my table ready?' });
    const sent = await running.provider().send({ type: 'text', to: JOHN, text: 'Yes!' });
    await running.emulator.flushWebhooks();
    const inbound = running.events.find((event): event is InboundMessageEvent => event.kind === 'message');
    expect(inbound).toMatchObject({
      fromUserId: bob.bsuid,
      fromParentUserId: bob.parentBsuid,
      fromUsername: '@bob',
      contactName: 'John',
      message: { type: 'text', text: 'Is my table ready?' },
    });
    expect(inbound).not.toHaveProperty('from');
    const sentStatus = running.events.find(
      (event): event is InboundStatusEvent => event.kind === 'status' && event.status === 'sent',
    );
    expect(sentStatus).toMatchObject({
      messageId: sent.id,
      recipientUserId: bob.bsuid,
      recipientUsername: '@bob',
    });
    expect(statusesOf(running.events, sent.id)).toEqual(['sent', 'delivered', 'read']);
  });
});
