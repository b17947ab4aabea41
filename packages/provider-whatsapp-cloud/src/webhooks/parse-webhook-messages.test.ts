import type { InboundEvent } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import {
  fixtureBytes,
  messageOf,
  FIXTURE_ORIGIN as origin,
  parseSigned,
} from '../__fixtures__/webhook-deliveries.js';

const QUOTED = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA';

const parse = (name: string): Promise<InboundEvent[]> => parseSigned(fixtureBytes(name));

/** The message event a single-message fixture should produce, with `overrides`. */
function messageEvent(name: string, overrides: Partial<Extract<InboundEvent, { kind: 'message' }>>) {
  const raw = messageOf(name);
  return {
    kind: 'message',
    ...origin,
    id: raw.id,
    from: '16505551234',
    timestamp: new Date(Number(raw.timestamp) * 1000),
    contactName: 'Sheena Nelson',
    providerIds: { wamid: raw.id },
    raw,
    ...overrides,
  };
}

describe('webhooks.parse: inbound messages', () => {
  it('parses the contract’s text message', async () => {
    expect(await parse('webhook-text-message.json')).toStrictEqual([
      {
        kind: 'message',
        ...origin,
        id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        from: '16505551234',
        timestamp: new Date('2025-06-08T20:59:43.000Z'),
        contactName: 'Sheena Nelson',
        message: { type: 'text', text: 'Does it come in another color?' },
        providerIds: { wamid: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=' },
        raw: messageOf('webhook-text-message.json'),
      },
    ]);
  });

  it.each([
    [
      'webhook-image-message.json',
      {
        type: 'image',
        media: {
          id: '1003383421387256',
          mimeType: 'image/jpeg',
          sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
          url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256&ext=1749416383&hash=ATs3',
        },
        caption: 'Taj Mahal',
      },
    ],
    [
      'webhook-audio-voice-message.json',
      {
        type: 'audio',
        media: {
          id: '1174953097341264',
          mimeType: 'audio/ogg; codecs=opus',
          sha256: 'ZzgA8ebBL9xcu0EbRl8v2RnYk6mTYn3DZW1K3TZ6GjM=',
          url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1174953097341264&ext=1749416390&hash=ATvQ',
        },
        voice: true,
      },
    ],
    [
      'webhook-video-message.json',
      {
        type: 'video',
        media: {
          id: '1305291394134411',
          mimeType: 'video/mp4',
          sha256: 'n4ctrP2AbfUb2m4C3YJvWzW4PiAM2y3kmQvS2HS3jQ8=',
          url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1305291394134411&ext=1749416400&hash=ATtX',
        },
        caption: 'My vacation',
      },
    ],
    [
      'webhook-document-message.json',
      {
        type: 'document',
        media: {
          id: '1016389066617483',
          mimeType: 'application/pdf',
          sha256: '3aWjxHkSb2gW5LBbJEcRDyH4qjyR2Ztq0z8p4t6Tb2E=',
          url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1016389066617483&ext=1749416410&hash=ATsQ',
        },
        caption: 'Receipt',
        filename: 'receipt.pdf',
      },
    ],
    [
      'webhook-sticker-message.json',
      {
        type: 'sticker',
        media: {
          id: '1229434958461546',
          mimeType: 'image/webp',
          sha256: 'wRj3YyXHD+Z2X+dO0bqGJ1oXw5nN7b6N2dRdzCq2ZCk=',
          url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1229434958461546&ext=1749416420&hash=ATuA',
        },
      },
    ],
    [
      'webhook-location-message.json',
      {
        type: 'location',
        latitude: 37.44221496582,
        longitude: -122.16165924072,
        name: 'Philz Coffee',
        address: '101 Forest Ave, Palo Alto, CA 94301',
      },
    ],
    [
      'webhook-contacts-message.json',
      {
        type: 'contacts',
        contacts: [
          {
            name: { formatted: 'Lucía Gómez', first: 'Lucía', last: 'Gómez' },
            phones: [
              { phone: '+1 (983) 555-2319', type: 'MOBILE', waId: '19835552319' },
              { phone: '+1 (983) 555-0000', type: 'HOME' },
            ],
            emails: [{ email: 'lucia@example.com', type: 'WORK' }],
            org: { company: 'Google', title: 'Engineer' },
            urls: [{ url: 'https://www.example.com', type: 'WORK' }],
            addresses: [
              {
                street: '1 Hacker Way',
                city: 'Menlo Park',
                state: 'CA',
                zip: '94025',
                country: 'United States',
                countryCode: 'us',
                type: 'WORK',
              },
            ],
            birthday: '1999-01-23',
          },
        ],
      },
    ],
  ])('parses %s', async (name, message) => {
    expect(await parse(name)).toStrictEqual([messageEvent(name, { message } as never)]);
  });

  it.each([
    ['webhook-interactive-button-reply.json', { type: 'button_reply', id: 'cancel-button', title: 'Cancel' }],
    [
      'webhook-interactive-list-reply.json',
      {
        type: 'list_reply',
        id: 'priority_express',
        title: 'Priority Mail Express',
        description: 'Next Day to 2 Days',
      },
    ],
    // A template quick-reply: the id is the payload the template send set.
    [
      'webhook-template-quick-reply.json',
      { type: 'button_reply', id: 'STOP_UPDATES', title: 'Stop promotions' },
    ],
  ])('parses %s with the quoted message as replyTo', async (name, message) => {
    expect(await parse(name)).toStrictEqual([messageEvent(name, { message, replyTo: QUOTED } as never)]);
  });

  it('parses a reaction, with the message reacted to as replyTo', async () => {
    expect(await parse('webhook-reaction.json')).toStrictEqual([
      messageEvent('webhook-reaction.json', {
        message: { type: 'reaction', messageId: QUOTED, emoji: '👍' },
        replyTo: QUOTED,
      }),
    ]);
  });

  it('parses a removed reaction as an empty emoji', async () => {
    expect(await parse('webhook-reaction-removed.json')).toStrictEqual([
      messageEvent('webhook-reaction-removed.json', {
        message: { type: 'reaction', messageId: QUOTED, emoji: '' },
        replyTo: QUOTED,
      }),
    ]);
  });

  it('keeps webhook-order-message.json as an unsupported message', async () => {
    const name = 'webhook-order-message.json';
    expect(await parse(name)).toStrictEqual([
      messageEvent(name, { message: { type: 'unsupported', raw: messageOf(name) } }),
    ]);
  });

  it("keeps webhook-unsupported-message.json as an unsupported message with Meta's reason", async () => {
    const name = 'webhook-unsupported-message.json';
    expect(await parse(name)).toStrictEqual([
      messageEvent(name, {
        message: {
          type: 'unsupported',
          raw: messageOf(name),
          reason: {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type is currently not supported.',
          },
        },
      }),
    ]);
  });

  it('keeps a system message (no contacts array) as an unsupported message without a contact name', async () => {
    const name = 'webhook-system-message.json';
    const { contactName: _none, ...expected } = messageEvent(name, {
      message: { type: 'unsupported', raw: messageOf(name) },
    });
    expect(await parse(name)).toStrictEqual([expected]);
  });

  it('keeps a username user without from or wa_id, by business-scoped user id', async () => {
    const name = 'webhook-username-user-message.json';
    const { from: _none, ...expected } = messageEvent(name, {
      fromUserId: 'US.13491208655302741918',
      fromUsername: '@realsheenanelson',
      message: { type: 'text', text: 'Hi from a username account' },
    });
    expect(await parse(name)).toStrictEqual([expected]);
  });

  it('reads escaped non-ASCII text', async () => {
    const [event] = await parse('webhook-non-ascii-text.json');
    expect(event).toMatchObject({
      contactName: 'José Álvarez',
      message: { type: 'text', text: 'Café na praça? 😀 ¡Sí!' },
    });
  });
});
