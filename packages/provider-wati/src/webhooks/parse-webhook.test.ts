import { createWebhookHandler, type InboundEvent, ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { parse, parseFixture, provider, seconds } from '../__fixtures__/parse-wati-webhook.js';
import { fixture } from '../__fixtures__/wati-server.js';

describe('message received', () => {
  it('maps the contract text message', async () => {
    const { payload, event } = await parseFixture('webhook-message-received.json');
    expect(event).toStrictEqual({
      kind: 'message',
      provider: 'wati',
      raw: payload,
      id: 'abcdefghi_jklmnop',
      from: '911234567890',
      timestamp: seconds(1665726781),
      contactName: 'Wati User',
      message: { type: 'text', text: 'Hello there' },
      providerIds: { id: '1a2b3b4d5e6f7g8h9i10j', whatsappMessageId: 'abcdefghi_jklmnop' },
    });
  });

  it("maps the docs' full sample, with the receiving number as phoneNumberId and no empty replyTo", async () => {
    const { payload, event } = await parseFixture('webhook-message-received-full.json');
    expect(event).toStrictEqual({
      kind: 'message',
      provider: 'wati',
      phoneNumberId: '17435002445',
      raw: payload,
      id: 'wamid.HBgNODYxODcxOTE0OTIxNBUCABIYFDNCRkJFNDFCMTI1MDAwQTRCMDMwAA==',
      from: '8618719149214',
      timestamp: seconds(1764238453),
      contactName: 'coubbb',
      message: { type: 'text', text: 'hello' },
      providerIds: {
        id: '69282478274a880fe782b2d9',
        whatsappMessageId: 'wamid.HBgNODYxODcxOTE0OTIxNBUCABIYFDNCRkJFNDFCMTI1MDAwQTRCMDMwAA==',
      },
    });
  });

  it.each([
    [
      'webhook-message-image.json',
      {
        type: 'image',
        media: {
          id: 'data/images/6f1c2a34-9d7e-4b1f-8a55-0c2e1d3f4a5b.jpg',
          mimeType: 'image/jpeg',
          url: 'https://live-mt-server.wati.io/384776/api/file/showFile?fileName=data/images/6f1c2a34-9d7e-4b1f-8a55-0c2e1d3f4a5b.jpg',
        },
        caption: 'Our new shop front',
      },
    ],
    [
      'webhook-message-video.json',
      {
        type: 'video',
        media: {
          id: 'data/videos/0b7d7e8e-5f0a-4e68-9a5c-1f2e3d4c5b6a.mp4',
          mimeType: 'video/mp4',
          url: 'https://live-mt-server.wati.io/384776/api/file/showFile?fileName=data/videos/0b7d7e8e-5f0a-4e68-9a5c-1f2e3d4c5b6a.mp4',
        },
      },
    ],
    [
      'webhook-message-voice.json',
      {
        type: 'audio',
        media: {
          id: 'data/audios/a3f1c9d2-7b8e-4c6d-9e0f-112233445566.opus',
          mimeType: 'audio/ogg',
          url: 'https://live-mt-server.wati.io/384776/api/file/showFile?fileName=data/audios/a3f1c9d2-7b8e-4c6d-9e0f-112233445566.opus',
        },
        voice: true,
      },
    ],
    [
      'webhook-message-document.json',
      {
        type: 'document',
        media: {
          id: 'data/documents/5c4b3a29-1d0e-4f8a-b7c6-d5e4f3a2b1c0.pdf',
          mimeType: 'application/pdf',
          url: 'https://live-mt-server.wati.io/384776/api/file/showFile?fileName=data/documents/5c4b3a29-1d0e-4f8a-b7c6-d5e4f3a2b1c0.pdf',
        },
        filename: 'Invoice_October.pdf',
      },
    ],
    [
      'webhook-message-location.json',
      {
        type: 'location',
        latitude: 37.4847,
        longitude: -122.1477,
        name: 'Meta HQ',
        address: '1 Hacker Way, Menlo Park, CA',
      },
    ],
    [
      'webhook-message-contacts.json',
      {
        type: 'contacts',
        contacts: [
          {
            name: { formatted: 'Jane Doe', first: 'Jane', last: 'Doe' },
            phones: [{ phone: '+1 (415) 555-0100', type: 'CELL', waId: '14155550100' }],
            emails: [{ email: 'jane@example.com', type: 'WORK' }],
            org: { company: 'Example Inc.' },
          },
        ],
      },
    ],
    ['webhook-message-button-reply.json', { type: 'button_reply', id: 'Track Order', title: 'Track Order' }],
    [
      'webhook-message-list-reply.json',
      { type: 'list_reply', id: 'Tuesday morning', title: 'Tuesday morning', description: '9:00 – 12:00' },
    ],
    [
      'webhook-message-template-button.json',
      {
        type: 'button_reply',
        id: '{"ButtonIndex":0,"CarouselCardIndex":null,"BroadcastLinkId":"676a9b2e57150cedccdb7a17"}',
        title: 'Tell me more',
      },
    ],
  ])('maps %s', async (name, message) => {
    const { payload, event } = await parseFixture(name);
    expect(event).toMatchObject({
      kind: 'message',
      provider: 'wati',
      from: '8618719149214',
      id: payload.whatsappMessageId,
      providerIds: { id: payload.id, whatsappMessageId: payload.whatsappMessageId },
    });
    expect(event?.kind === 'message' && event.message).toStrictEqual(message);
  });

  it('keeps the quoted message of a button reply as replyTo and takes numeric timestamps', async () => {
    const { event } = await parseFixture('webhook-message-button-reply.json');
    expect(event).toMatchObject({
      replyTo: 'wamid.HBgNODYxODcxOTE0OTIxNBUCABEYEjA5QjM2RjE3QjQ0RkQ2Q0EAAA==',
    });
    const video = await parseFixture('webhook-message-video.json');
    expect(video.event).toMatchObject({ timestamp: seconds(1764238511) });
  });

  it('keeps a contact card whose e-mail is malformed, without that e-mail', async () => {
    const payload = {
      ...fixture<Record<string, unknown>>('webhook-message-contacts.json'),
      messageContact: {
        name: 'Bob',
        phone: '+44 20 7946 0958',
        emails: [{ email: 'not an email' }],
        birthday: '1990-02-30x',
      },
    };
    const [event] = await parse(payload);
    expect(event?.kind === 'message' && event.message).toStrictEqual({
      type: 'contacts',
      contacts: [{ name: { formatted: 'Bob' }, phones: [{ phone: '+44 20 7946 0958' }] }],
    });
  });

  it('maps an unreadable message type to unsupported, keeping the payload', async () => {
    const payload = { ...fixture('webhook-message-received-full.json'), type: 'order', text: null };
    const [event] = await parse(payload);
    expect(event?.kind === 'message' && event.message).toStrictEqual({ type: 'unsupported', raw: payload });
  });

  it('never turns a business-side message (owner true, also as a string) into an inbound message', async () => {
    const { payload, event } = await parseFixture('webhook-message-owner-string.json');
    expect(event).toStrictEqual({
      kind: 'unknown',
      provider: 'wati',
      phoneNumberId: '17435002445',
      raw: payload,
    });
    const [asBoolean] = await parse({ ...payload, owner: true });
    expect(asBoolean?.kind).toBe('unknown');
    const [customer] = await parse({ ...payload, owner: 'false' });
    expect(customer?.kind).toBe('message');
  });

  it('uses created when there is no timestamp', async () => {
    const { timestamp: _, ...payload } = fixture('webhook-message-received.json');
    const [event] = await parse(payload);
    expect(event).toMatchObject({ timestamp: new Date('2022-10-14T05:53:01.383Z') });
  });
});

describe('other events', () => {
  it.each(['webhook-new-contact.json', 'webhook-template-reviewed.json'])(
    'maps %s to unknown',
    async (name) => {
      const { payload, event } = await parseFixture(name);
      expect(event).toMatchObject({ kind: 'unknown', provider: 'wati', raw: payload });
    },
  );

  it('maps payloads without an event type or ids to unknown, and accepts an array of events', async () => {
    const events = await parse([{ hello: 'world' }, { eventType: 'sentMessageREAD_v2' }, 42]);
    expect(events).toStrictEqual([
      { kind: 'unknown', provider: 'wati', raw: { hello: 'world' } },
      { kind: 'unknown', provider: 'wati', raw: { eventType: 'sentMessageREAD_v2' } },
      { kind: 'unknown', provider: 'wati', raw: 42 },
    ]);
  });

  it('accepts a raw body with headers instead of a Request', async () => {
    const body = JSON.stringify(fixture('webhook-message-received.json'));
    const events = await provider.webhooks.parse({
      body: new TextEncoder().encode(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(events[0]?.kind).toBe('message');
  });

  it('rejects a body that is not JSON with a ValidationError', async () => {
    const error = await provider.webhooks
      .parse({ body: 'eventType=message', headers: {} })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).fields).toStrictEqual(['body']);
  });
});

describe('decoding: one rule for every provider (strict UTF-8 JSON)', () => {
  const message = fixture('webhook-message-received.json');

  it('refuses a body that is not UTF-8 with a ValidationError naming body, never repairing it', async () => {
    // "café" in Latin-1 (a lone 0xE9): not UTF-8, and U+FFFD would silently alter the customer's text.
    const encoder = new TextEncoder();
    const bytes = new Uint8Array([
      ...encoder.encode('{"eventType":"message","text":"caf'),
      0xe9,
      ...encoder.encode('"}'),
    ]);
    const error = await provider.webhooks
      .parse({ body: bytes, headers: { 'content-type': 'application/json' } })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'wati', fields: ['body'] });
    expect((error as Error).message).toContain('not UTF-8');
  });

  it('answers 400 to a delivery that is not UTF-8 behind createWebhookHandler', async () => {
    const received: InboundEvent[] = [];
    const handler = createWebhookHandler(provider, (event) => {
      received.push(event);
    });
    const response = await handler(
      new Request('https://app.example.com/webhooks/wati', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), // {"a":"\xff"}
      }),
    );
    expect(response.status).toBe(400);
    expect(received).toHaveLength(0);
  });

  it('accepts a 2 MiB delivery behind a handler whose maxBodyBytes is 4 MiB (no 1 MiB cap of its own)', async () => {
    const received: InboundEvent[] = [];
    const handler = createWebhookHandler(
      provider,
      (event) => {
        received.push(event);
      },
      { maxBodyBytes: 4 * 1024 * 1024 },
    );
    const body = JSON.stringify({ ...message, padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(body.length).toBeGreaterThan(2 * 1024 * 1024);
    const response = await handler(
      new Request('https://app.example.com/webhooks/wati', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
    expect(response.status).toBe(200);
    expect(received.map((event) => event.kind)).toStrictEqual(['message']);
  });
});

describe('handleVerification', () => {
  it('answers 200 to a GET (WATI has no handshake) and 405 to other methods', async () => {
    const get = provider.webhooks.handleVerification(new Request('https://app.example.com/webhooks/wati'));
    expect([get.status, await get.text()]).toStrictEqual([200, 'OK']);
    expect(provider.webhooks.handleVerification('https://app.example.com/webhooks/wati?x=1').status).toBe(
      200,
    );
    const post = provider.webhooks.handleVerification(
      new Request('https://app.example.com/webhooks/wati', { method: 'POST', body: '{}' }),
    );
    expect([post.status, post.headers.get('allow')]).toStrictEqual([405, 'GET, HEAD']);
  });
});
