// Webhooks the independent Cloud API emulator signs and posts, received by core's
// createWebhookHandler around the adapter: parsing, de-duplication of Meta's redeliveries,
// rejection of tampered deliveries, and the subscription handshake.
import type { InboundMessageEvent, InboundStatusEvent } from '@switchboard/core';
import {
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
  deliverWebhook,
} from '@switchboard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CloudEmulatorHarness,
  CUSTOMER,
  EMULATOR_APP_SECRET,
  EMULATOR_VERIFY_TOKEN,
  startCloudEmulatorHarness,
} from './__fixtures__/cloud-emulator-harness.js';

let harness: CloudEmulatorHarness;

beforeAll(async () => {
  harness = await startCloudEmulatorHarness();
});

beforeEach(() => {
  harness.events.length = 0;
});

afterAll(async () => {
  await harness.close();
});

const messageEvents = () =>
  harness.events.filter((event): event is InboundMessageEvent => event.kind === 'message');

/** The payload of the emulator's latest webhook POST. */
function lastPayload() {
  const delivery = harness.emulator.state.webhookDeliveries.at(-1);
  if (delivery === undefined) throw new Error('the emulator delivered no webhook');
  return delivery.payload;
}

describe('inbound messages through signed webhooks', () => {
  it('parses text, interactive replies, images and reactions from the emulator', async () => {
    const { emulator } = harness;
    const text = await emulator.simulateInboundMessage({
      from: CUSTOMER,
      name: 'Sheena',
      text: 'Does it come in blue?',
    });
    await emulator.simulateInboundMessage({
      from: CUSTOMER,
      message: {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
      },
    });
    await emulator.simulateInboundMessage({
      from: CUSTOMER,
      message: {
        type: 'image',
        image: { id: '1234567890', mime_type: 'image/jpeg', sha256: 'abc', caption: 'here' },
      },
    });
    await emulator.simulateInboundMessage({
      from: CUSTOMER,
      message: { type: 'reaction', reaction: { message_id: text.id, emoji: '👍' } },
    });
    const messages = messageEvents();
    expect(messages.map((event) => event.message.type)).toStrictEqual([
      'text',
      'button_reply',
      'image',
      'reaction',
    ]);
    expect(messages[0]).toMatchObject({
      id: text.id,
      from: CUSTOMER,
      contactName: 'Sheena',
      phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
      businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
      message: { type: 'text', text: 'Does it come in blue?' },
    });
    expect(messages[1]?.message).toStrictEqual({ type: 'button_reply', id: 'yes', title: 'Yes' });
    expect(messages[2]?.message).toStrictEqual({
      type: 'image',
      media: { id: '1234567890', mimeType: 'image/jpeg', sha256: 'abc' },
      caption: 'here',
    });
    expect(messages[3]).toMatchObject({
      replyTo: text.id,
      message: { type: 'reaction', messageId: text.id, emoji: '👍' },
    });
  });

  it('identifies a user who hides their number by BSUID, with the username and the ad they came from', async () => {
    const { id } = await harness.emulator.simulateInboundMessage({
      userId: 'US.13491208655302741918',
      parentUserId: 'US.ENT.11815799212886844830',
      username: '@sheena',
      name: 'Sheena Nelson',
      text: 'Hi, saw your ad',
      referral: {
        source_url: 'https://fb.me/3cr4Wqqkv',
        source_id: '120226305854810726',
        source_type: 'ad',
        headline: 'Chat with us',
        body: 'Chat with us for help picking the right plants.',
      },
    });
    const [event] = messageEvents();
    expect(event).toMatchObject({
      id,
      fromUserId: 'US.13491208655302741918',
      fromParentUserId: 'US.ENT.11815799212886844830',
      fromUsername: '@sheena',
      contactName: 'Sheena Nelson',
      message: { type: 'text', text: 'Hi, saw your ad' },
      referral: { sourceType: 'ad', sourceId: '120226305854810726', headline: 'Chat with us' },
    });
    expect(event).not.toHaveProperty('from');
  });

  it('a failed status carries the error and its neutral category', async () => {
    const sent = await harness.provider().send({ type: 'text', to: CUSTOMER, text: 'hi' });
    await harness.emulator.flushWebhooks();
    harness.events.length = 0;
    await harness.emulator.deliverStatus(sent.id, 'failed', { code: 131047, title: 'Re-engagement message' });
    const failed = harness.events.find((event): event is InboundStatusEvent => event.kind === 'status');
    expect(failed).toMatchObject({
      messageId: sent.id,
      status: 'failed',
      error: { code: 131047, category: 'session_window_closed' },
    });
  });
});

describe('redeliveries and forged deliveries', () => {
  it('handles a redelivered signed webhook once (core’s handler de-duplicates by wamid)', async () => {
    const inbound = await harness.emulator.simulateInboundMessage({ from: CUSTOMER, text: 'Once only' });
    expect(inbound.delivery?.status).toBe(200);
    const redelivery = await deliverWebhook({
      url: harness.webhookUrl,
      body: lastPayload(),
      signWith: { secret: EMULATOR_APP_SECRET },
    });
    expect(redelivery.status).toBe(200);
    expect(messageEvents().map((event) => event.id)).toStrictEqual([inbound.id]);
  });

  it('rejects a delivery whose body was changed after signing with 401, handling nothing', async () => {
    await harness.emulator.simulateInboundMessage({ from: CUSTOMER, text: 'Original' });
    harness.events.length = 0;
    const original = JSON.stringify(lastPayload());
    const signed = await deliverWebhook({
      url: harness.webhookUrl,
      body: original,
      signWith: { secret: EMULATOR_APP_SECRET },
      // A fetch that swaps the body after the signature was computed, as a man in the middle would.
      fetchImpl: (url, init) => fetch(url, { ...init, body: original.replace('Original', 'Tampered') }),
    });
    expect(signed.status).toBe(401);
    const unsigned = await deliverWebhook({ url: harness.webhookUrl, body: original });
    expect(unsigned.status).toBe(401);
    expect(harness.events).toStrictEqual([]);
  });
});

describe('subscription handshake', () => {
  it('echoes the challenge for the configured verify token and answers 403 otherwise', async () => {
    const handshake = (token: string) =>
      fetch(`${harness.webhookUrl}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
    const accepted = await handshake(EMULATOR_VERIFY_TOKEN);
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe('1158201444');
    const refused = await handshake('wrong-token');
    expect(refused.status).toBe(403);
  });
});
