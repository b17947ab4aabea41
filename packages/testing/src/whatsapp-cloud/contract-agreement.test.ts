import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../loopback-server.js';
import {
  callGraph,
  RECIPIENT,
  type ReceivedWebhook,
  sendMessage,
  startWebhookReceiver,
  structureOf,
  textMessage,
  uploadMedia,
  VERSION,
  WABA_ID,
  type WebhookReceiver,
} from './__fixtures__/cloud-test-kit.js';
// Example payloads from Meta's WhatsApp Cloud API documentation (developers.facebook.com), field for field; only the
// formatting is ours.
import errorResponse from './__fixtures__/contracts/error-response.json' with { type: 'json' };
import mediaGetResponse from './__fixtures__/contracts/media-get-response.json' with { type: 'json' };
import mediaUploadResponse from './__fixtures__/contracts/media-upload-response.json' with { type: 'json' };
import sendMessageResponse from './__fixtures__/contracts/send-message-response.json' with { type: 'json' };
import templatesListResponse from './__fixtures__/contracts/templates-list-response.json' with {
  type: 'json',
};
import webhookStatusSent from './__fixtures__/contracts/webhook-status-sent.json' with { type: 'json' };
import webhookTextMessage from './__fixtures__/contracts/webhook-text-message.json' with { type: 'json' };
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

const APP_SECRET = 'contract-secret';
let receiver: WebhookReceiver;
const emulator = createWhatsAppCloudEmulator({ appSecret: APP_SECRET });
let server: LoopbackServer;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  emulator.setWebhook({ url: receiver.url, statusDelaysMs: { sent: 1, delivered: 2, read: 3 } });
  server = await emulator.listen();
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

function hmac(webhook: ReceivedWebhook): string {
  return `sha256=${createHmac('sha256', APP_SECRET).update(webhook.raw).digest('hex')}`;
}

describe('responses agree with the contract examples', () => {
  it('template send: same keys and types as send-message-response.json', async () => {
    const result = await sendMessage(server.url, {
      messaging_product: 'whatsapp',
      to: '+16505551234',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(structureOf(result.body)).toStrictEqual(structureOf(sendMessageResponse));
    expect(result.body.contacts).toStrictEqual(sendMessageResponse.contacts);
  });

  it('text send: the same shape without the optional message_status', async () => {
    const result = await sendMessage(server.url, textMessage('hi'));
    const { message_status: _optional, ...message } = sendMessageResponse.messages[0] as {
      id: string;
      message_status: string;
    };
    expect(structureOf(result.body)).toStrictEqual(
      structureOf({ ...sendMessageResponse, messages: [message] }),
    );
  });

  it('media upload and media get: same shapes as the examples', async () => {
    const upload = await uploadMedia(server.url, {
      bytes: new Uint8Array([0xff, 0xd8, 0xff]),
      type: 'image/jpeg',
      name: 'a.jpg',
    });
    expect(structureOf(upload.body)).toStrictEqual(structureOf(mediaUploadResponse));
    const info = await callGraph(server.url, 'GET', `/${VERSION}/${upload.body.id}`);
    expect(structureOf(info.body)).toStrictEqual(structureOf(mediaGetResponse));
    expect(Object.keys(info.body)).toEqual(Object.keys(mediaGetResponse));
  });

  it('template list: same shape with paging, and the seeded order_confirmation equals the example', async () => {
    const firstPage = await callGraph(server.url, 'GET', `/${VERSION}/${WABA_ID}/message_templates?limit=1`);
    expect(structureOf(firstPage.body)).toStrictEqual(structureOf(templatesListResponse));

    const confirmation = await callGraph(
      server.url,
      'GET',
      `/${VERSION}/${WABA_ID}/message_templates?name=order_confirmation`,
    );
    expect(confirmation.body.data).toStrictEqual(templatesListResponse.data);
  });

  it('errors: same shape as error-response.json', async () => {
    const result = await sendMessage(server.url, textMessage('x'.repeat(4097)));
    expect(result.status).toBe(400);
    expect(structureOf(result.body)).toStrictEqual(structureOf(errorResponse));
  });
});

describe('webhooks agree with the contract examples', () => {
  it('an inbound text has the envelope of webhook-text-message.json, and a verifiable signature', async () => {
    // Statuses of the sends above must not interleave with the webhook under test.
    await emulator.flushWebhooks();
    const before = receiver.received.length;
    await emulator.simulateInboundMessage({
      from: RECIPIENT,
      name: 'Sheena Nelson',
      text: 'Does it come in another color?',
    });
    const webhook = receiver.received[before] as ReceivedWebhook;

    expect(structureOf(webhook.json)).toStrictEqual(structureOf(webhookTextMessage));
    expect(webhook.json.entry[0].changes[0].value.metadata).toStrictEqual(
      webhookTextMessage.entry[0]?.changes[0]?.value.metadata,
    );
    expect(webhook.headers['x-hub-signature-256']).toBe(hmac(webhook));
  });

  it('a sent status has the envelope of webhook-status-sent.json, and a verifiable signature', async () => {
    await emulator.flushWebhooks();
    const sent = await sendMessage(server.url, textMessage('Your order shipped'));
    await emulator.flushWebhooks();
    const webhook = receiver.received.find(
      (candidate) => candidate.json.entry[0].changes[0].value.statuses?.[0].id === sent.body.messages[0].id,
    ) as ReceivedWebhook;

    expect(webhook.json.entry[0].changes[0].value.statuses[0].status).toBe('sent');
    expect(structureOf(webhook.json)).toStrictEqual(structureOf(webhookStatusSent));
    expect(webhook.headers['x-hub-signature-256']).toBe(hmac(webhook));
  });
});
