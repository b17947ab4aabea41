import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../loopback-server.js';
import { auth, looseFetch } from './__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from './wati-emulator.js';

const john = '14155551234';

async function receiver() {
  return startLoopbackServer({ handlers: [http.post('/webhooks/wati', () => HttpResponse.text('ok'))] });
}

const payloads = (app: Awaited<ReturnType<typeof receiver>>) =>
  app.requests.map((request) => request.json<Record<string, unknown>>());

describe('simulateInboundMessage', () => {
  it('adds a new contact, delivers newContactMessageReceived then the message webhook, field for field', async () => {
    const now = new Date('2025-11-27T10:14:16.626Z');
    await using app = await receiver();
    await using wati = createWatiEmulator({ now: () => now, webhook: { url: `${app.url}/webhooks/wati` } });

    const result = await wati.simulateInboundMessage({ from: john, name: 'John', text: 'hello' });

    expect(result.delivery).toMatchObject({ status: 200, body: 'ok' });
    const [newContact, message] = payloads(app);
    expect(newContact).toStrictEqual({
      eventType: 'newContactMessageReceived',
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      created: '2025-11-27T10:14:16.6260000Z',
      waId: john,
      senderName: 'John',
      sourceId: null,
      sourceUrl: null,
      sourceType: 0,
    });
    const contact = wati.state.contacts.get(john);
    expect(message).toStrictEqual({
      id: result.id,
      created: '2025-11-27T10:14:16.6260000Z',
      whatsappMessageId: result.whatsappMessageId,
      conversationId: contact?.conversationId,
      ticketId: contact?.ticketId,
      text: 'hello',
      type: 'text',
      data: null,
      sourceId: null,
      sourceUrl: null,
      timestamp: '1764238456',
      owner: false,
      eventType: 'message',
      statusString: 'SENT',
      avatarUrl: null,
      assignedId: null,
      operatorName: null,
      operatorEmail: null,
      waId: john,
      messageContact: null,
      senderName: 'John',
      listReply: null,
      interactiveButtonReply: null,
      buttonReply: null,
      replyContextId: '',
      sourceType: 0,
      frequentlyForwarded: false,
      forwarded: false,
      channelId: null,
      channelPhoneNumber: '14155550100',
    });
    expect(contact).toMatchObject({ name: 'John', lastInboundAt: now });

    await wati.simulateInboundMessage({ from: john, text: 'again' });
    expect(payloads(app).map((payload) => payload.eventType)).toEqual([
      'newContactMessageReceived',
      'message',
      'message',
    ]);
  });

  it('stores inbound media for getMedia and puts the showFile URL in data (documents carry their file name as text)', async () => {
    await using app = await receiver();
    await using wati = createWatiEmulator({ webhook: { url: `${app.url}/webhooks/wati` } });
    const { tenantUrl } = await wati.listen();
    const bytes = new TextEncoder().encode('%PDF-1.7 report');

    await wati.simulateInboundMessage({
      from: john,
      type: 'document',
      media: { data: bytes, mimeType: 'application/pdf', filename: 'report.pdf' },
      caption: 'ignored for documents',
    });
    await wati.simulateInboundMessage({
      from: john,
      type: 'image',
      media: { data: 'jpeg bytes', filename: 'cat.jpg' },
      caption: 'my cat',
    });

    const [document, image] = payloads(app).filter((payload) => payload.eventType === 'message');
    expect(document).toMatchObject({ type: 'document', text: 'report.pdf' });
    expect(image).toMatchObject({ type: 'image', text: 'my cat' });
    const dataUrl = new URL(String(document?.data));
    expect(`${dataUrl.origin}${dataUrl.pathname}`).toBe(`${tenantUrl}/api/file/showFile`);
    const fileName = dataUrl.searchParams.get('fileName') ?? '';
    expect(fileName).toMatch(/^data\/documents\/[0-9a-f-]{36}\.pdf$/);

    const media = await looseFetch(`${tenantUrl}/api/v1/getMedia?fileName=${encodeURIComponent(fileName)}`, {
      headers: auth,
    });
    expect(media.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(bytes);
    const imageFile = new URL(String(image?.data)).searchParams.get('fileName') ?? '';
    expect(wati.state.media.get(imageFile)).toMatchObject({ mimeType: 'image/jpeg', filename: 'cat.jpg' });
  });

  it('builds location, button, interactive and reaction messages', async () => {
    await using app = await receiver();
    await using wati = createWatiEmulator({ webhook: { url: `${app.url}/webhooks/wati` } });

    await wati.simulateInboundMessage({
      from: john,
      type: 'location',
      latitude: 38.72,
      longitude: -9.14,
      locationName: 'Office',
    });
    await wati.simulateInboundMessage({
      from: john,
      type: 'button',
      text: 'Tell me more',
      payload: '{"ButtonIndex":0}',
    });
    await wati.simulateInboundMessage({
      from: john,
      type: 'interactive',
      buttonReply: { title: 'Track Order' },
    });
    await wati.simulateInboundMessage({
      from: john,
      type: 'interactive',
      listReply: { id: 'row_2', title: 'Product B', description: 'New arrival' },
    });
    await wati.simulateInboundMessage({
      from: john,
      type: 'reaction',
      emoji: '👍',
      messageId: 'wamid.target',
    });

    const messages = payloads(app).filter((payload) => payload.eventType === 'message');
    expect(messages[0]).toMatchObject({
      type: 'location',
      text: null,
      data: { latitude: 38.72, longitude: -9.14, name: 'Office', address: null },
    });
    expect(messages[1]).toMatchObject({
      type: 'button',
      text: 'Tell me more',
      buttonReply: { payload: '{"ButtonIndex":0}', text: 'Tell me more' },
    });
    expect(messages[2]).toMatchObject({
      type: 'interactive',
      text: 'Track Order',
      interactiveButtonReply: { id: 'Track Order', title: 'Track Order' },
      listReply: null,
    });
    expect(messages[3]).toMatchObject({
      type: 'interactive',
      listReply: { id: 'row_2', title: 'Product B', description: 'New arrival' },
      interactiveButtonReply: null,
    });
    expect(messages[4]).toMatchObject({ type: 'reaction', text: '👍', replyContextId: 'wamid.target' });
  });

  it('quotes one of our messages by any id and reports sentMessageREPLIED_v2 for it', async () => {
    await using app = await receiver();
    await using wati = createWatiEmulator({
      contacts: [{ whatsappNumber: john }],
      webhook: { url: `${app.url}/webhooks/wati`, statusDelaysMs: false },
    });
    const { tenantUrl } = await wati.listen();
    const sent = await looseFetch(
      `${tenantUrl}/api/v1/sendSessionMessage/${john}?messageText=Pick one&localMessageId=l-9`,
      {
        method: 'POST',
        headers: auth,
      },
    );
    const { message } = await sent.json();

    await wati.simulateInboundMessage({ from: john, text: 'this one', replyTo: 'l-9' });
    await wati.flushWebhooks();

    const [inbound, replied] = payloads(app);
    expect(inbound).toMatchObject({ eventType: 'message', replyContextId: message.whatsappMessageId });
    expect(replied).toMatchObject({
      eventType: 'sentMessageREPLIED_v2',
      id: message.id,
      localMessageId: 'l-9',
      text: 'Pick one',
    });
    expect(wati.state.findMessage(message.id)?.statusString).toBe('REPLIED');
  });

  it('opens a new ticket when the contact writes after the window closed', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    await using wati = createWatiEmulator({ now: () => now });

    await wati.simulateInboundMessage({ from: john, text: 'one' });
    const firstTicket = wati.state.contacts.get(john)?.ticketId;
    now = new Date('2026-01-01T20:00:00Z');
    await wati.simulateInboundMessage({ from: john, text: 'two' });
    const sameTicket = wati.state.contacts.get(john)?.ticketId;
    now = new Date('2026-01-03T00:00:00Z');
    await wati.simulateInboundMessage({ from: john, text: 'three' });

    expect(sameTicket).toBe(firstTicket);
    expect(wati.state.contacts.get(john)?.ticketId).not.toBe(firstTicket);
    expect(wati.state.messages.map((message) => message.ticketId)).toEqual([
      firstTicket,
      firstTicket,
      wati.state.contacts.get(john)?.ticketId,
    ]);
  });

  it('rejects a malformed sender number', async () => {
    await using wati = createWatiEmulator();
    await expect(wati.simulateInboundMessage({ from: '+1 415 555 1234', text: 'x' })).rejects.toThrow(
      RangeError,
    );
  });

  it('reset() restores the seeded data and drops everything else', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john, name: 'John' }] });
    await wati.simulateInboundMessage({ from: '14155550002', text: 'hi' });
    wati.state.templates.delete('order_update');

    wati.reset();

    expect([...wati.state.contacts.keys()]).toEqual([john]);
    expect(wati.state.messages).toHaveLength(0);
    expect(wati.state.media.size).toBe(0);
    expect(wati.state.templates.has('order_update')).toBe(true);
  });
});
