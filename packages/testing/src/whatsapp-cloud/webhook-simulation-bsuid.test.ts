import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from './__fixtures__/cloud-test-kit.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';
import type { WhatsAppCloudEmulator } from './whatsapp-cloud-emulator.js';

const emulators: WhatsAppCloudEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

function emulatorFor(url?: string) {
  const emulator = createWhatsAppCloudEmulator({
    appSecret: 'app-secret',
    ...(url === undefined ? {} : { webhook: { url, statusDelaysMs: false } }),
  });
  emulators.push(emulator);
  return emulator;
}

// Meta's click-to-WhatsApp ad referral, as in its webhook payload examples.
const REFERRAL = {
  source_url: 'https://fb.me/3cr4Wqqkv',
  source_id: '120226305854810726',
  source_type: 'ad',
  headline: 'Chat with us',
  body: 'Chat with us for help picking the right plants.',
  media_type: 'image',
  image_url: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/518949398_n.png',
};

describe('simulateInboundMessage: senders known by BSUID, and ad referrals', () => {
  it('delivers a message from a user who hides their number: from_user_id, no from, the username in the contact', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url);

    const { id } = await emulator.simulateInboundMessage({
      userId: 'US.13491208655302741918',
      parentUserId: 'US.ENT.11815799212886844830',
      username: '@sheena',
      name: 'Sheena Nelson',
      text: 'Hi, saw your ad',
      referral: REFERRAL,
    });

    const value = receiver.received[0]?.json.entry[0].changes[0].value;
    expect(value.contacts).toStrictEqual([
      {
        profile: { name: 'Sheena Nelson', username: '@sheena' },
        user_id: 'US.13491208655302741918',
        parent_user_id: 'US.ENT.11815799212886844830',
      },
    ]);
    expect(value.messages).toStrictEqual([
      {
        from_user_id: 'US.13491208655302741918',
        from_parent_user_id: 'US.ENT.11815799212886844830',
        id,
        timestamp: expect.stringMatching(/^\d{10}$/),
        referral: REFERRAL,
        type: 'text',
        text: { body: 'Hi, saw your ad' },
      },
    ]);
    expect(emulator.state.inboundMessages[0]).toMatchObject({
      id,
      from: undefined,
      userId: 'US.13491208655302741918',
    });
  });

  it('gives both ids when the user shows their number too', async () => {
    await using receiver = await startWebhookReceiver();
    const emulator = emulatorFor(receiver.url);
    await emulator.simulateInboundMessage({
      from: '+1 650-555-1234',
      userId: 'US.13491208655302741918',
      text: 'Hi',
    });
    const value = receiver.received[0]?.json.entry[0].changes[0].value;
    expect(value.contacts).toStrictEqual([
      { profile: { name: 'WhatsApp User' }, wa_id: '16505551234', user_id: 'US.13491208655302741918' },
    ]);
    expect(value.messages[0]).toMatchObject({ from: '16505551234', from_user_id: 'US.13491208655302741918' });
  });

  it('refuses a sender Meta could not report, naming the field', async () => {
    const emulator = emulatorFor();
    await expect(emulator.simulateInboundMessage({ text: 'Hi' })).rejects.toThrow(/give from .* or userId/);
    await expect(
      emulator.simulateInboundMessage({ userId: '13491208655302741918', text: 'Hi' }),
    ).rejects.toThrow(/userId must be a BSUID/);
    await expect(
      emulator.simulateInboundMessage({ userId: 'US.1349', parentUserId: 'US.1181', text: 'Hi' }),
    ).rejects.toThrow(/parentUserId must be a parent BSUID/);
    expect(emulator.state.inboundMessages).toStrictEqual([]);
  });
});
