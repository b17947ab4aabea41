// The adapter against the independent WATI emulator: two readings of WATI's contract that must
// agree on the wire, and status webhooks that must correlate with the ids `send` returned.
import {
  ApiError,
  AuthenticationError,
  type InboundMessageEvent,
  UnsupportedFeatureError,
} from '@switchboard/core';
import { createWatiEmulator } from '@switchboard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EMULATOR_TOKEN,
  JANE,
  JOHN,
  NOT_ON_WHATSAPP,
  startWatiEmulatorApp,
  statusesOf,
  type WatiEmulatorApp,
} from './__fixtures__/wati-emulator-app.js';
import { createWati } from './wati-provider.js';

let app: WatiEmulatorApp;

beforeAll(async () => {
  app = await startWatiEmulatorApp();
});

beforeEach(() => {
  app.events.length = 0;
});

afterAll(() => app.close());

describe('sends the emulator accepts, with statuses that correlate by SendResult.id', () => {
  it('session text (form body + query), then sent → delivered → read', async () => {
    const sent = await app.provider().send({
      type: 'text',
      to: '+1 (415) 555-1234',
      text: 'Your order shipped 📦 & more',
    });
    await app.emulator.flushWebhooks();
    expect(sent).toMatchObject({ provider: 'wati', to: JOHN, status: 'accepted' });
    expect(app.emulator.state.messages.at(-1)).toMatchObject({ text: 'Your order shipped 📦 & more' });
    expect(statusesOf(app.events, sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('template v2 with positional parameters mapped to the template’s own names', async () => {
    const sent = await app.provider().send({
      type: 'template',
      to: JOHN,
      template: { name: 'order_update', language: 'en', parameters: ['Ada', 'A-42'] },
    });
    await app.emulator.flushWebhooks();
    expect(app.emulator.state.messages.at(-1)).toMatchObject({ kind: 'template' });
    expect(JSON.stringify(app.emulator.state.messages.at(-1))).toContain('A-42');
    expect(statusesOf(app.events, sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
    expect(sent.providerIds?.localMessageId).toBe(sent.id);
  });

  it('template v1 with named parameters is accepted (v1 returns no id to correlate)', async () => {
    const sent = await app.provider({ templateApi: 'v1' }).send({
      type: 'template',
      to: JANE,
      template: { name: 'order_update', language: 'en', parameters: { name: 'Jane', ordernumber: 'B-7' } },
    });
    expect(sent.status).toBe('accepted');
    expect(JSON.stringify(app.emulator.state.messages.at(-1))).toContain('B-7');
  });

  it('media by bytes (multipart) and by URL, buttons and lists', async () => {
    const wati = app.provider();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const image = await wati.send({
      type: 'image',
      to: JOHN,
      media: { data: png, mimeType: 'image/png' },
      caption: 'Receipt',
    });
    const fromUrl = await wati.send({
      type: 'document',
      to: JOHN,
      media: { url: 'https://example.com/invoice.pdf' },
      filename: 'invoice.pdf',
    });
    const buttons = await wati.send({
      type: 'buttons',
      to: JOHN,
      header: 'Delivery',
      body: 'When should we deliver?',
      buttons: [
        { id: 'am', title: 'Morning' },
        { id: 'pm', title: 'Afternoon' },
      ],
    });
    const list = await wati.send({
      type: 'list',
      to: JOHN,
      body: 'Pick a store',
      buttonText: 'Stores',
      sections: [
        { title: 'Lisbon', rows: [{ id: 'chiado', title: 'Chiado', description: 'Rua Garrett 1' }] },
      ],
    });
    for (const sent of [image, fromUrl, buttons, list]) expect(sent.id).toMatch(/\S/);
    const stored = [...app.emulator.state.media.values()].find(
      (media) => media.bytes.byteLength === png.byteLength,
    );
    expect(stored?.mimeType).toBe('image/png');
  });

  it('bulk v2 reports the number that is not on WhatsApp per recipient, in order', async () => {
    const result = await app.provider().sendBulk({
      template: { name: 'order_update', language: 'en' },
      recipients: [
        { to: JOHN, parameters: ['John', '1'] },
        { to: NOT_ON_WHATSAPP, parameters: ['Nobody', '2'] },
        { to: JANE, parameters: { name: 'Jane', ordernumber: '3' } },
      ],
    });
    expect(result.results.map((entry) => [entry.to, entry.ok])).toStrictEqual([
      [JOHN, true],
      [NOT_ON_WHATSAPP, false],
      [JANE, true],
    ]);
    expect(result.results[1]?.error?.code).toBe('invalid_recipient');
  });
});

describe('through Maton', () => {
  it('reaches WATI at the gateway’s /wati prefix with the Maton key and connection, and statuses correlate', async () => {
    const maton = createWati({
      transport: 'maton',
      baseUrl: `${app.api.url}/wati`,
      apiKey: EMULATOR_TOKEN,
      connectionId: 'conn-wati-1',
      retry: false,
      rateLimit: false,
      env: {},
    });
    const before = app.api.requests.length;
    const sent = await maton.send({ type: 'text', to: JOHN, text: 'via the gateway' });
    await app.emulator.flushWebhooks();
    const request = app.api.requests.at(before);
    expect(request?.path).toBe(`/wati/api/v1/sendSessionMessage/${JOHN}`);
    expect(request?.headers.get('maton-connection')).toBe('conn-wati-1');
    expect(request?.headers.get('authorization')).toBe(`Bearer ${EMULATOR_TOKEN}`);
    expect(app.emulator.state.messages.at(-1)).toMatchObject({ text: 'via the gateway' });
    expect(statusesOf(app.events, sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
  });
});

describe('account data', () => {
  it('contacts: upsert, filter by attribute, update attributes', async () => {
    const wati = app.provider();
    await wati.contacts.upsert({ phone: '+351 912 345 678', name: 'Rita', attributes: { city: 'Lisbon' } });
    const lisbon = await wati.contacts.list({
      providerOptions: { wati: { attributes: [{ name: 'city', operator: '==', value: 'Lisbon' }] } },
      pageSize: 10,
    });
    expect(lisbon.items.map((contact) => contact.phone).sort()).toStrictEqual([JOHN, '351912345678'].sort());
    await wati.contacts.updateAttributes(JANE, { tier: 'silver' });
    const jane = await wati.contacts.list({ providerOptions: { wati: { name: 'Jane' } } });
    expect(jane.items[0]?.attributes.tier).toBe('silver');
  });

  it('pages through contacts with the opaque cursor', async () => {
    const wati = app.provider();
    const first = await wati.contacts.list({ pageSize: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = await wati.contacts.list({ pageSize: 1, cursor: first.nextCursor as string });
    expect(second.items[0]?.phone).not.toBe(first.items[0]?.phone);
  });

  it('templates, conversation history and operator assignment', async () => {
    const wati = app.provider();
    const templates = await wati.templates.list({ pageSize: 50 });
    const orderUpdate = templates.items.find((template) => template.name === 'order_update');
    expect(orderUpdate?.parameterNames).toStrictEqual(['name', 'ordernumber']);
    const history = await wati.conversations.messages(JOHN, { pageSize: 50 });
    expect(history.items.some((message) => message.direction === 'outbound')).toBe(true);
    await expect(wati.operators.assign(JOHN, 'agent@example.com')).resolves.toBeUndefined();
  });
});

describe('inbound messages through the webhook path', () => {
  it('parses a text and an interactive reply, and serves inbound media by file name', async () => {
    const wati = app.provider();
    await app.emulator.simulateInboundMessage({ from: JOHN, name: 'John', text: 'Is it blue?' });
    await app.emulator.simulateInboundMessage({
      from: JOHN,
      type: 'interactive',
      buttonReply: { title: 'Morning' },
    });
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9]);
    await app.emulator.simulateInboundMessage({
      from: JOHN,
      type: 'image',
      media: { data: photo, mimeType: 'image/jpeg' },
      caption: 'damage',
    });
    await app.emulator.flushWebhooks();
    const messages = app.events.filter((event): event is InboundMessageEvent => event.kind === 'message');
    expect(messages.map((event) => event.message.type)).toStrictEqual(['text', 'button_reply', 'image']);
    expect(messages[0]).toMatchObject({
      from: JOHN,
      contactName: 'John',
      message: { type: 'text', text: 'Is it blue?' },
    });
    expect(messages[1]?.message).toMatchObject({ type: 'button_reply', id: 'Morning', title: 'Morning' });
    const image = messages[2]?.message;
    if (image?.type !== 'image') throw new Error('expected an image');
    expect(image.caption).toBe('damage');
    const media = await wati.media.get(image.media.id);
    expect(media.data).toStrictEqual(photo);
  });
});

describe('failures the emulator produces the way WATI does', () => {
  it('a plain-text 401 becomes an AuthenticationError without the token', async () => {
    const error = await app
      .provider({ token: 'wrong-token-999999' })
      .send({ type: 'text', to: JOHN, text: 'hi' })
      .catch((e) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error.toJSON())).not.toContain('wrong-token-999999');
  });

  it('"Ticket has been expired." becomes session_window_closed', async () => {
    const strict = createWatiEmulator({
      tokens: [EMULATOR_TOKEN],
      sessionWindow: 'enforce',
      contacts: [{ whatsappNumber: JOHN }],
    });
    const server = await strict.listen();
    try {
      const error = await app
        .provider({ baseUrl: server.tenantUrl })
        .send({ type: 'text', to: JOHN, text: 'hello?' })
        .catch((e) => e);
      expect(ApiError.isInstance(error)).toBe(true);
      expect(error.code).toBe('session_window_closed');
    } finally {
      await strict.close();
    }
  });

  it('an unknown template is template_not_found, and unsupported types never reach WATI', async () => {
    const wati = app.provider();
    const error = await wati
      .send({
        type: 'template',
        to: JOHN,
        template: { name: 'no_such_template', language: 'en', parameters: { a: 'b' } },
      })
      .catch((e) => e);
    expect(error.code).toBe('template_not_found');
    const before = app.api.server.requests.length;
    await expect(
      wati.send({ type: 'location', to: JOHN, latitude: 38.7, longitude: -9.1 }),
    ).rejects.toSatisfy((e) => UnsupportedFeatureError.isInstance(e));
    expect(app.api.server.requests.length).toBe(before);
  });
});
