import { describe, expect, it } from 'vitest';
import { auth, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';

const john = '14155551234';

describe('GET /api/v1/getMessages/{whatsappNumber}', () => {
  it('lists inbound messages, session sends and template sends newest first, in the captured item shape', async () => {
    let clock = Date.parse('2026-05-01T10:00:00.000Z');
    await using wati = createWatiEmulator({ now: () => new Date(clock) });
    const { tenantUrl } = await wati.listen();

    const inbound = await wati.simulateInboundMessage({ from: john, name: 'John', text: 'Know the Pricing' });
    clock += 1000;
    const session = await looseFetch(
      `${tenantUrl}/api/v1/sendSessionMessage/${john}?messageText=Here you go&localMessageId=l-1`,
      {
        method: 'POST',
        headers: auth,
      },
    );
    clock += 1000;
    await looseFetch(`${tenantUrl}/api/v2/sendTemplateMessage?whatsappNumber=${john}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        template_name: 'order_update',
        broadcast_name: 'spring',
        parameters: [
          { name: 'name', value: 'John' },
          { name: 'ordernumber', value: '7' },
        ],
      }),
    });

    const response = await looseFetch(`${tenantUrl}/api/v1/getMessages/${john}?pageSize=10&pageNumber=1`, {
      headers: auth,
    });
    const body = await response.json();

    expect(body.result).toBe('success');
    expect(body.link).toStrictEqual({
      prevPage: null,
      nextPage: null,
      pageNumber: 1,
      pageSize: 10,
      total: 3,
    });
    const [template, sent, received] = body.messages.items;
    expect(
      body.messages.items.map((item: { eventType: string; owner: boolean }) => [item.eventType, item.owner]),
    ).toEqual([
      ['broadcastMessage', true],
      ['message', true],
      ['message', false],
    ]);
    expect(received).toStrictEqual({
      replySourceMessage: null,
      messageReferral: null,
      text: 'Know the Pricing',
      type: 'text',
      data: null,
      timestamp: '1777629600',
      owner: false,
      statusString: 'SENT',
      avatarUrl: null,
      assignedId: null,
      operatorName: null,
      localMessageId: null,
      failedDetail: null,
      referenceOrderId: null,
      contacts: null,
      messageProducts: null,
      orderProducts: null,
      interactiveData: null,
      orderDetailsViewModel: null,
      id: inbound.id,
      created: '2026-05-01T10:00:00.000Z',
      conversationId: expect.stringMatching(/^[0-9a-f]{24}$/),
      ticketId: expect.stringMatching(/^[0-9a-f]{24}$/),
      eventType: 'message',
    });
    expect(received).not.toHaveProperty('waId');
    expect(received).not.toHaveProperty('whatsappMessageId');
    expect(sent).toMatchObject({
      id: (await session.json()).message.id,
      text: 'Here you go',
      localMessageId: 'l-1',
    });
    expect(template).toMatchObject({
      type: 'template',
      text: 'Hi John, your order 7 has shipped and is on its way.',
      finalText: 'Hi John, your order 7 has shipped and is on its way.',
      templateName: 'order_update',
      broadcastName: 'spring',
    });
  });

  it('pages the history and gives media rows the relative file name', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();
    for (const text of ['one', 'two', 'three']) await wati.simulateInboundMessage({ from: john, text });
    await wati.simulateInboundMessage({
      from: john,
      type: 'image',
      media: { data: new Uint8Array([0xff, 0xd8, 0xff]), mimeType: 'image/jpeg', filename: 'photo.jpg' },
      caption: 'four',
    });

    const page = async (pageNumber: number) =>
      (
        await looseFetch(`${tenantUrl}/api/v1/getMessages/${john}?pageSize=3&pageNumber=${pageNumber}`, {
          headers: auth,
        })
      ).json();
    const first = await page(1);
    const second = await page(2);

    expect(first.messages.items.map((item: { text: string }) => item.text)).toEqual(['four', 'three', 'two']);
    expect(first.messages.items[0].data).toMatch(/^data\/images\/[0-9a-f-]{36}\.jpg$/);
    expect(first.link).toMatchObject({ nextPage: 2, total: 4 });
    expect(second.messages.items.map((item: { text: string }) => item.text)).toEqual(['one']);
  });

  it('fails softly for a number with no contact', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(`${tenantUrl}/api/v1/getMessages/14155559999`, { headers: auth });

    expect(response.status).toBe(200);
    expect(await response.json()).toStrictEqual({ result: false, info: 'Contact not found: 14155559999' });
  });
});

describe('GET /api/v1/getMessageTemplates', () => {
  it('lists the seeded templates in the WATI template shape, paged', async () => {
    await using wati = createWatiEmulator();
    const { tenantUrl } = await wati.listen();

    const response = await looseFetch(`${tenantUrl}/api/v1/getMessageTemplates?pageSize=2&pageNumber=1`, {
      headers: auth,
    });
    const body = await response.json();

    expect(body.result).toBe('success');
    expect(body.link).toStrictEqual({ prevPage: null, nextPage: 2, pageNumber: 1, pageSize: 2, total: 5 });
    expect(body.messageTemplates[0]).toStrictEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      type: 'template',
      category: 'UTILITY',
      subCategory: 'STANDARD',
      buttonsType: 'none',
      buttons: [],
      footer: 'Reply STOP to opt out',
      elementName: 'order_update',
      language: { key: 'English', value: 'en', text: 'English' },
      header: { type: 'none', link: '', mediaFromPC: '', mediaHeaderId: '' },
      body: 'Hi {{name}}, your order {{ordernumber}} has shipped and is on its way.',
      bodyOriginal: 'Hi {{name}}, your order {{ordernumber}} has shipped and is on its way.',
      hsm: 'Hi {{name}}, your order {{ordernumber}} has shipped and is on its way.',
      hsmOriginal: 'Hi {{name}}, your order {{ordernumber}} has shipped and is on its way.',
      customParams: [
        { paramName: 'name', paramValue: 'John' },
        { paramName: 'ordernumber', paramValue: '12345' },
      ],
      status: 'APPROVED',
      lastModified: expect.any(String),
      addSecurityRecommendation: false,
      includeExpiryTime: false,
      expiresIn: 0,
    });
    expect(body.messageTemplates[1]).toMatchObject({
      elementName: 'update_for_you',
      buttonsType: 'quick_reply',
      buttons: [{ type: 'quick_reply', parameter: { text: 'Tell me more', urlType: 'none' } }],
    });
  });

  it('derives parameters from placeholders of seeded templates and renders headers, buttons and languages', async () => {
    await using wati = createWatiEmulator({
      templates: [
        {
          elementName: 'otp',
          category: 'AUTHENTICATION',
          language: 'pt_BR',
          header: { type: 'text', text: 'Code for {{service}}' },
          body: '{{1}} is your code for {{service}}.',
          buttons: [
            { type: 'url', text: 'Open', url: 'https://example.com/{{2}}' },
            { type: 'call_button', text: 'Call', phoneNumber: '+14155550100' },
          ],
        },
      ],
    });
    const { tenantUrl } = await wati.listen();

    const body = await (
      await looseFetch(`${tenantUrl}/api/v1/getMessageTemplates`, { headers: auth })
    ).json();

    expect(body.messageTemplates).toHaveLength(1);
    expect(body.messageTemplates[0]).toMatchObject({
      elementName: 'otp',
      category: 'AUTHENTICATION',
      status: 'APPROVED',
      language: { key: 'Portuguese (BR)', value: 'pt_BR', text: 'Portuguese (BR)' },
      header: { type: 'text', text: 'Code for {{service}}' },
      buttonsType: 'call_to_action',
      buttons: [
        { type: 'url', parameter: { text: 'Open', url: 'https://example.com/{{2}}', urlType: 'dynamic' } },
        { type: 'call_button', parameter: { text: 'Call', phoneNumber: '+14155550100' } },
      ],
      customParams: [
        { paramName: 'service', paramValue: '' },
        { paramName: '1', paramValue: '' },
        { paramName: '2', paramValue: '' },
      ],
    });
  });
});
