import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../loopback-server.js';
import requests from './__fixtures__/cloud-send-requests.json' with { type: 'json' };
import {
  expectGraphError,
  type Loose,
  RECIPIENT,
  sendMessage,
  startWebhookReceiver,
  type WebhookReceiver,
} from './__fixtures__/cloud-test-kit.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

const emulator = createWhatsAppCloudEmulator();
let server: LoopbackServer;
const clone = <T>(value: T): Loose => structuredClone(value);

beforeAll(async () => {
  server = await emulator.listen();
});
afterAll(() => emulator.close());

describe('POST /{phone-number-id}/messages: mark as read', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    emulator.setWebhook({ url: receiver.url, statusDelaysMs: false });
  });
  afterAll(async () => {
    emulator.setWebhook(undefined);
    await receiver.close();
  });

  it('marks an inbound message read (with a typing indicator) and answers success', async () => {
    const { id } = await emulator.simulateInboundMessage({ from: RECIPIENT, text: 'Hello?' });
    const body = clone(requests.markRead);
    body.message_id = id;

    const result = await sendMessage(server.url, body);

    expect(result).toMatchObject({ status: 200, body: { success: true } });
    expect(emulator.state.inboundMessages[0]?.readAt).toBeInstanceOf(Date);
  });

  it('rejects an unknown message id and an unknown status', async () => {
    const body = clone(requests.markRead);
    body.message_id = 'wamid.unknown';
    expectGraphError(
      await sendMessage(server.url, body),
      400,
      100,
      /message_id "wamid\.unknown" is not the id/,
    );
    body.status = 'delivered';
    expectGraphError(await sendMessage(server.url, body), 400, 100, /^Param status must be "read"$/);
  });
});
