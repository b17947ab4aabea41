import type { InboundEvent } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import {
  fixtureBytes,
  fixtureJson,
  messageOf,
  FIXTURE_ORIGIN as origin,
  parseSigned,
  statusOf,
} from '../__fixtures__/webhook-deliveries.js';

const parse = (name: string): Promise<InboundEvent[]> => parseSigned(fixtureBytes(name));
const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';

describe('webhooks.parse: business-scoped user ids, referrals, forwarding, pricing', () => {
  it('identifies a sender without a phone by BSUID, parent BSUID and username', async () => {
    const name = 'webhook-bsuid-parent-message.json';
    const raw = messageOf(name);
    expect(await parse(name)).toStrictEqual([
      {
        kind: 'message',
        ...origin,
        id: raw.id,
        fromUserId: BSUID,
        fromParentUserId: PARENT,
        fromUsername: '@realsheenanelson',
        timestamp: new Date(1750091010 * 1000),
        contactName: 'Sheena Nelson',
        message: {
          type: 'image',
          media: {
            id: '1003383421387256',
            mimeType: 'image/jpeg',
            sha256: '9SN/kS/ZGWBMCcaGoxfBCc8SGgO4r4QgnQbx8HWYnHc=',
          },
          caption: 'Is this plant still in stock?',
        },
        providerIds: { wamid: raw.id },
        raw,
      },
    ]);
  });

  it('completes the ids of a message from the contact that shares one of them', async () => {
    const payload = fixtureJson('webhook-bsuid-parent-message.json');
    const message = payload.entry[0]?.changes[0]?.value.messages?.[0] as Record<string, unknown>;
    // Only the parent BSUID on the message: the contact entry gives the BSUID and the username.
    delete message.from_user_id;
    const [event] = await parseSigned(JSON.stringify(payload));
    expect(event).toMatchObject({
      fromUserId: BSUID,
      fromParentUserId: PARENT,
      fromUsername: '@realsheenanelson',
    });
  });

  it('does not take the name of a contact that shares no id with the sender', async () => {
    const payload = fixtureJson('webhook-bsuid-parent-message.json');
    const contact = payload.entry[0]?.changes[0]?.value.contacts?.[0] as Record<string, unknown>;
    contact.user_id = 'US.999';
    contact.parent_user_id = 'US.ENT.999';
    const [event] = await parseSigned(JSON.stringify(payload));
    expect(event).not.toHaveProperty('contactName');
    expect(event).not.toHaveProperty('fromUsername');
    expect(event).toMatchObject({ fromUserId: BSUID, fromParentUserId: PARENT });
  });

  it('maps a click-to-WhatsApp ad referral', async () => {
    const [event] = await parse('webhook-ad-referral-message.json');
    expect(event).toMatchObject({
      kind: 'message',
      from: '16505551234',
      fromUserId: BSUID,
      message: { type: 'text', text: 'Can I get more info about this?' },
      referral: {
        sourceUrl: 'https://fb.me/3cr4Wqqkv',
        sourceId: '120226305854810726',
        sourceType: 'ad',
        headline: 'Chat with us',
        body: 'Chat with us for help picking the right plants.',
        mediaType: 'image',
        imageUrl: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/518949398_n.png',
        thumbnailUrl: 'https://scontent.xx.fbcdn.net/v/t45.1600-4/518949398_n.png',
        ctwaClid: expect.stringMatching(/^Aff-/),
      },
    });
    // welcome_message is not modelled: it stays in raw.
    expect(event?.kind === 'message' ? Object.keys(event.referral ?? {}) : []).not.toContain(
      'welcomeMessage',
    );
  });

  it('reports forwarded and frequently forwarded messages, without a replyTo', async () => {
    const [event] = await parse('webhook-forwarded-message.json');
    expect(event).toMatchObject({ kind: 'message', forwarded: true, frequentlyForwarded: true });
    expect(event).not.toHaveProperty('replyTo');
  });

  it('leaves out a referral or context that is not what Meta documents, keeping the message', async () => {
    const payload = fixtureJson('webhook-ad-referral-message.json');
    const message = payload.entry[0]?.changes[0]?.value.messages?.[0] as Record<string, unknown>;
    message.referral = 'an ad';
    message.context = { forwarded: 'yes', id: 42 };
    const [event] = await parseSigned(JSON.stringify(payload));
    expect(event).toMatchObject({ kind: 'message', message: { type: 'text' } });
    expect(event).not.toHaveProperty('referral');
    expect(event).not.toHaveProperty('forwarded');
    expect(event).not.toHaveProperty('replyTo');
  });

  it('reads the recipient of a status sent to a BSUID, with its username and pricing', async () => {
    const name = 'webhook-status-bsuid-contacts.json';
    const raw = statusOf(name);
    expect(await parse(name)).toStrictEqual([
      {
        kind: 'status',
        ...origin,
        messageId: raw.id,
        providerIds: { wamid: raw.id },
        recipientUserId: BSUID,
        recipientParentUserId: PARENT,
        recipientUsername: '@realsheenanelson',
        status: 'read',
        timestamp: new Date(1750263900 * 1000),
        pricing: { billable: false, category: 'service', model: 'PMP', type: 'free_customer_service' },
        raw,
      },
    ]);
  });

  it('keeps a status whose pricing or conversation is malformed, without them', async () => {
    const payload = fixtureJson('webhook-status-delivered.json');
    const status = payload.entry[0]?.changes[0]?.value.statuses?.[0] as Record<string, unknown>;
    status.pricing = { billable: 'yes', category: 7 };
    status.conversation = { origin: { type: 'service' } };
    const [event] = await parseSigned(JSON.stringify(payload));
    expect(event).toMatchObject({ kind: 'status', status: 'delivered' });
    expect(event).not.toHaveProperty('pricing');
    expect(event).not.toHaveProperty('conversation');
  });
});
