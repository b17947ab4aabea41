import { describe, expect, it } from 'vitest';
import { auth, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';

const john = '14155551234';

describe('POST /api/v1/sendSessionMessage/{whatsappNumber}', () => {
  it('sends form-encoded messageText (the reference request) and answers the message object', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john, name: 'John' }] });
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionMessage/${john}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'messageText=Hello%20from%20WATI!',
    });

    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toStrictEqual({
      ok: true,
      result: 'success',
      message: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        whatsappMessageId: expect.stringMatching(/^wamid\./),
        localMessageId: null,
        conversationId: expect.stringMatching(/^[0-9a-f]{24}$/),
        ticketId: expect.stringMatching(/^[0-9a-f]{24}$/),
        text: 'Hello from WATI!',
        type: 'text',
        data: null,
        replyContextId: '',
        isOwner: true,
        status: 1,
        statusString: 'SENT',
        created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      },
    });
    expect(wati.state.messages).toHaveLength(1);
    expect(wati.state.messages[0]).toMatchObject({
      id: body.message.id,
      owner: true,
      kind: 'session',
      waId: john,
    });
  });

  it('takes messageText, localMessageId and replyContextId from the query with no body (WATI documented form)', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();
    const query = new URLSearchParams({
      messageText: 'Olá, ₹ 100 😀',
      localMessageId: '16bf77ae-79e8-4e88-8b78-96d0c1a2b3c4',
      replyContextId: 'wamid.quoted',
    });

    const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionMessage/${john}?${query}`, {
      method: 'POST',
      headers: auth,
    });

    const body = await response.json();
    expect(body.message).toMatchObject({
      text: 'Olá, ₹ 100 😀',
      localMessageId: '16bf77ae-79e8-4e88-8b78-96d0c1a2b3c4',
      replyContextId: 'wamid.quoted',
    });
  });

  it('accepts the same text in both the form body and the query (the adapter default)', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionMessage/${john}?messageText=hi`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: new URLSearchParams({ messageText: 'hi' }),
    });

    expect((await response.json()).message.text).toBe('hi');
  });

  it('answers 400 to a JSON body, the wrong content type for this endpoint', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(`${tenantUrl}/api/v1/sendSessionMessage/${john}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ messageText: 'hi' }),
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 400,
      errors: { messageText: [expect.any(String)] },
    });
    expect(wati.state.messages).toHaveLength(0);
  });

  it('answers 400 when messageText is missing or longer than 4096 characters', async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    const missing = await looseFetch(`${tenantUrl}/api/v1/sendSessionMessage/${john}`, {
      method: 'POST',
      headers: auth,
    });
    const tooLong = await looseFetch(
      `${tenantUrl}/api/v1/sendSessionMessage/${john}?messageText=${'a'.repeat(4097)}`,
      {
        method: 'POST',
        headers: auth,
      },
    );

    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      errors: { messageText: ['The messageText field is required.'] },
    });
    expect(tooLong.status).toBe(400);
  });

  it('fails softly for an invalid or malformed number', async () => {
    await using wati = createWatiEmulator({ invalidNumbers: ['14155550000'] });
    const { tenantUrl } = await wati.listen();

    for (const number of ['14155550000', '+14155551234', '123']) {
      const response = await looseFetch(
        `${tenantUrl}/api/v1/sendSessionMessage/${encodeURIComponent(number)}?messageText=hi`,
        {
          method: 'POST',
          headers: auth,
        },
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toStrictEqual({
        result: false,
        info: `Invalid WhatsApp number: ${number}`,
        validWhatsAppNumber: false,
      });
    }
  });
});

describe('the 24-hour session window', () => {
  const expired = { result: false, info: 'Ticket has been expired.' };
  const send = (tenantUrl: string, number: string) =>
    looseFetch(`${tenantUrl}/api/v1/sendSessionMessage/${number}?messageText=hi`, {
      method: 'POST',
      headers: auth,
    });

  it("in 'open' mode (the default) lets any known contact through, but a number with no contact has no ticket", async () => {
    await using wati = createWatiEmulator({ contacts: [{ whatsappNumber: john }] });
    const { tenantUrl } = await wati.listen();

    expect((await (await send(tenantUrl, john)).json()).ok).toBe(true);
    expect(await (await send(tenantUrl, '14155559999')).json()).toStrictEqual(expired);
  });

  it("in 'enforce' mode answers HTTP 200 'Ticket has been expired.' to a contact who never wrote or wrote over 24 h ago", async () => {
    let now = new Date('2026-03-01T12:00:00Z');
    await using wati = createWatiEmulator({
      sessionWindow: 'enforce',
      now: () => now,
      contacts: [
        { whatsappNumber: john },
        { whatsappNumber: '14155555678', lastInboundAt: new Date('2026-02-28T11:59:59Z') },
        { whatsappNumber: '14155550001', lastInboundAt: new Date('2026-02-28T12:00:01Z') },
      ],
    });
    const { tenantUrl } = await wati.listen();

    const never = await send(tenantUrl, john);
    expect(never.status).toBe(200);
    expect(await never.json()).toStrictEqual(expired);
    expect(await (await send(tenantUrl, '14155555678')).json()).toStrictEqual(expired);
    expect((await (await send(tenantUrl, '14155550001')).json()).ok).toBe(true);

    await wati.simulateInboundMessage({ from: john, text: 'hello' });
    expect((await (await send(tenantUrl, john)).json()).ok).toBe(true);

    now = new Date('2026-03-02T12:00:00Z');
    expect(await (await send(tenantUrl, john)).json()).toStrictEqual(expired);
    expect(wati.state.messages.filter((message) => message.owner)).toHaveLength(2);
  });
});
