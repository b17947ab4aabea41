import { afterEach, describe, expect, it } from 'vitest';
import {
  expectSignedBy,
  RECIPIENT,
  type ReceivedWebhook,
  sendMessage,
  startWebhookReceiver,
  statusOf,
  textMessage,
} from './__fixtures__/cloud-test-kit.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';
import type { WhatsAppCloudEmulator } from './whatsapp-cloud-emulator.js';

const APP_SECRET = 'app-secret';
const fast = { sent: 5, delivered: 10, read: 15 };
const emulators: WhatsAppCloudEmulator[] = [];

afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

function emulatorFor(url: string, statusDelaysMs: typeof fast | false = fast, signed = true) {
  const emulator = createWhatsAppCloudEmulator({
    ...(signed ? { appSecret: APP_SECRET } : {}),
    webhook: { url, statusDelaysMs },
  });
  emulators.push(emulator);
  return emulator;
}

describe('automatic status webhooks', () => {
  it('deliver sent → delivered → read for each accepted send, signed and in order', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url);
    await using server = await emulator.listen();

    const sent = await sendMessage(
      server.url,
      textMessage('Your order shipped', { biz_opaque_callback_data: 'order-42' }),
    );
    await emulator.flushWebhooks();

    const id = sent.body.messages[0].id;
    expect(receiver.received.map((webhook) => statusOf(webhook).status)).toEqual([
      'sent',
      'delivered',
      'read',
    ]);
    for (const webhook of receiver.received) {
      expectSignedBy(webhook, APP_SECRET);
      expect(webhook.headers['content-type']).toBe('application/json');
      expect(statusOf(webhook)).toMatchObject({
        id,
        recipient_id: RECIPIENT,
        biz_opaque_callback_data: 'order-42',
      });
    }
    const [first, second, third] = receiver.received.map(statusOf);
    expect(first.pricing).toStrictEqual({
      billable: false,
      pricing_model: 'PMP',
      category: 'service',
      type: 'free_customer_service',
    });
    expect(second.conversation.id).toBe(first.conversation.id);
    // Meta sends the conversation's expiry with `sent` only.
    expect(first.conversation.expiration_timestamp).toMatch(/^\d{10}$/);
    expect(second.conversation).not.toHaveProperty('expiration_timestamp');
    expect(third.pricing).toBeUndefined();
    expect(emulator.state.messages[0]?.statuses.map((entry) => entry.status)).toEqual([
      'sent',
      'delivered',
      'read',
    ]);
    expect(emulator.state.webhookDeliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
  });

  it('bill template sends in the template’s category', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url);
    await using server = await emulator.listen();

    await sendMessage(server.url, {
      messaging_product: 'whatsapp',
      to: RECIPIENT,
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    await emulator.flushWebhooks();

    expect(statusOf(receiver.received[0] as ReceivedWebhook)).toMatchObject({
      conversation: { origin: { type: 'utility' } },
      pricing: { billable: true, category: 'utility', type: 'regular' },
    });
  });

  it('are not sent with statusDelaysMs: false, nor for rejected sends', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url, false);
    await using server = await emulator.listen();

    expect((await sendMessage(server.url, textMessage('quiet'))).status).toBe(200);
    emulator.setWebhook({ url: receiver.url, statusDelaysMs: fast });
    expect((await sendMessage(server.url, textMessage(''))).status).toBe(400);
    await emulator.flushWebhooks();

    expect(receiver.received).toEqual([]);
    expect(emulator.state.messages.map((message) => message.statuses)).toEqual([[]]);
  });

  it('record a receiver that is down instead of throwing', async () => {
    const receiver = await startWebhookReceiver();
    const url = receiver.url;
    await receiver.close();
    const emulator = emulatorFor(url);
    await using server = await emulator.listen();

    expect((await sendMessage(server.url, textMessage('hello'))).status).toBe(200);
    await emulator.flushWebhooks();

    expect(emulator.state.webhookDeliveries).toHaveLength(3);
    for (const delivery of emulator.state.webhookDeliveries) {
      expect(delivery).toMatchObject({
        url,
        attempt: 1,
        status: 0,
        ok: false,
        error: expect.stringMatching(/ECONNREFUSED|fetch failed/),
      });
    }
  });

  it('record a non-2xx answer as not ok', async () => {
    await using receiver = await startWebhookReceiver(500);
    const emulator = emulatorFor(receiver.url);
    await using server = await emulator.listen();

    await sendMessage(server.url, textMessage('hello'));
    await emulator.flushWebhooks();

    expect(emulator.state.webhookDeliveries[0]).toMatchObject({ status: 500, ok: false, error: undefined });
  });

  it('stop when the emulator closes', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url, { sent: 10_000, delivered: 20_000, read: 30_000 });
    const server = await emulator.listen();

    await sendMessage(server.url, textMessage('never confirmed'));
    await emulator.close();
    await emulator.flushWebhooks();

    expect(receiver.received).toEqual([]);
  });

  it('are unsigned without an app secret', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url, fast, false);
    await using server = await emulator.listen();

    await sendMessage(server.url, textMessage('hello'));
    await emulator.flushWebhooks();

    expect(receiver.received[0]?.headers['x-hub-signature-256']).toBeUndefined();
  });
});
