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
const emulators: WhatsAppCloudEmulator[] = [];

afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

function emulatorFor(url: string) {
  const emulator = createWhatsAppCloudEmulator({
    appSecret: APP_SECRET,
    webhook: { url, statusDelaysMs: false },
  });
  emulators.push(emulator);
  return emulator;
}

describe('simulateInboundMessage and deliverStatus', () => {
  it('delivers a text message from a user, replying to a message', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url);

    const { id, delivery } = await emulator.simulateInboundMessage({
      from: '+1 650-555-1234',
      name: 'Sheena Nelson',
      text: 'Does it come in another color?',
      replyTo: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
    });

    expect(delivery?.status).toBe(200);
    const [webhook] = receiver.received;
    expectSignedBy(webhook as ReceivedWebhook, APP_SECRET);
    expect(webhook?.json.entry[0].changes[0].value).toStrictEqual({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
      contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: RECIPIENT }],
      messages: [
        {
          from: RECIPIENT,
          id,
          timestamp: expect.stringMatching(/^\d{10}$/),
          context: { from: '15550783881', id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA' },
          type: 'text',
          text: { body: 'Does it come in another color?' },
        },
      ],
    });
    expect(Buffer.from(id.slice('wamid.'.length), 'base64').toString('latin1')).toContain(RECIPIENT);
    expect(emulator.state.inboundMessages[0]).toMatchObject({ id, from: RECIPIENT });
  });

  it('delivers any Graph message object, e.g. an interactive button reply', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url);

    await emulator.simulateInboundMessage({
      from: RECIPIENT,
      message: {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
      },
    });

    expect(receiver.received[0]?.json.entry[0].changes[0].value.messages[0]).toMatchObject({
      from: RECIPIENT,
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
    });
  });

  it('delivers a failed status with its error', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url);
    await using server = await emulator.listen();
    const sent = await sendMessage(server.url, textMessage('hello'));

    await emulator.deliverStatus(sent.body.messages[0].id, 'failed', {
      code: 131047,
      title: 'Re-engagement message',
    });

    expect(statusOf(receiver.received[0] as ReceivedWebhook)).toStrictEqual({
      id: sent.body.messages[0].id,
      status: 'failed',
      timestamp: expect.stringMatching(/^\d{10}$/),
      recipient_id: RECIPIENT,
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          error_data: { details: 'Re-engagement message' },
          href: expect.stringMatching(/^https:\/\/developers\.facebook\.com\//),
        },
      ],
    });
  });

  it('without a webhook target records the message and resolves with no delivery', async () => {
    const emulator = createWhatsAppCloudEmulator();
    emulators.push(emulator);

    const { id, delivery } = await emulator.simulateInboundMessage({ from: RECIPIENT, text: 'hi' });

    expect(delivery).toBeUndefined();
    expect(emulator.state.inboundMessages.map((message) => message.id)).toEqual([id]);
    expect(emulator.state.webhookDeliveries).toEqual([]);
  });

  it('rejects a status for a message it never sent, and a sender that is no phone number', async () => {
    const emulator = createWhatsAppCloudEmulator();
    emulators.push(emulator);
    await expect(emulator.deliverStatus('wamid.nope', 'read')).rejects.toThrow(
      'deliverStatus: the emulator sent no message with id wamid.nope',
    );
    await expect(emulator.simulateInboundMessage({ from: 'John', text: 'hi' })).rejects.toThrow(RangeError);
    expect(emulator.state.inboundMessages).toEqual([]);
  });
});
