// The adapter with api: 'v3' against the independent WATI emulator: the V3 wire format of every
// operation, the legacy fallbacks, and status webhooks that correlate with the ids `send` returned.
import { ApiError, ValidationError } from '@switchboard/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  JANE,
  JOHN,
  NOT_ON_WHATSAPP,
  startWatiEmulatorApp,
  statusesOf,
  type WatiEmulatorApp,
} from './__fixtures__/wati-emulator-app.js';
import type { WatiProvider } from './wati-provider.js';

let app: WatiEmulatorApp;
let wati: WatiProvider;

beforeAll(async () => {
  app = await startWatiEmulatorApp({
    emulator: { channels: [{ name: 'Support', phoneNumber: '14155550199' }] },
  });
  wati = app.provider({ api: 'v3' });
});

beforeEach(() => {
  app.events.length = 0;
  app.api.clearRequests();
});

afterAll(() => app.close());

/** The paths the provider called since the test began. */
const paths = () => app.api.requests.map((request) => `${request.method} ${request.path}`);
const lastJson = () => app.api.requests.at(-1)?.json();

describe("api: 'v3' sends", () => {
  it('session text: { target, text } at the host (no tenant segment), statuses correlate by SendResult.id', async () => {
    const sent = await wati.send({ type: 'text', to: '+1 415 555 1234', text: 'Your order shipped' });
    await app.emulator.flushWebhooks();
    expect(paths()).toStrictEqual(['POST /api/ext/v3/conversations/messages/text']);
    expect(lastJson()).toStrictEqual({ target: JOHN, text: 'Your order shipped' });
    const stored = app.emulator.state.messages.at(-1);
    expect(sent).toMatchObject({ provider: 'wati', to: JOHN, status: 'accepted', id: stored?.id });
    expect(sent.providerIds).toMatchObject({ id: stored?.id, localMessageId: stored?.localMessageId });
    expect(statusesOf(app.events, sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('a channel from providerOptions becomes Channel:number', async () => {
    await wati.send(
      { type: 'text', to: JOHN, text: 'hi' },
      { providerOptions: { wati: { channel: 'Support' } } },
    );
    expect(lastJson()).toStrictEqual({ target: `Support:${JOHN}`, text: 'hi' });
  });

  it('an unknown channel is WATI’s V3 400, typed', async () => {
    const error = await wati
      .send({ type: 'text', to: JOHN, text: 'hi' }, { providerOptions: { wati: { channel: 'Nope' } } })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error) && error.status).toBe(400);
    expect(String((error as Error).message)).toContain('Channel not found');
  });

  it('a file as bytes: multipart target, caption and file', async () => {
    const sent = await wati.send({
      type: 'document',
      to: JOHN,
      filename: 'invoice.pdf',
      media: { data: new TextEncoder().encode('%PDF-1.4'), mimeType: 'application/pdf' },
    });
    expect(paths()).toStrictEqual(['POST /api/ext/v3/conversations/messages/file']);
    const request = app.api.requests.at(-1);
    expect(request?.contentType).toBe('multipart/form-data');
    expect(request?.text()).toContain('name="target"');
    expect(app.emulator.state.messages.at(-1)).toMatchObject({ type: 'document', text: 'invoice.pdf' });
    expect(sent.id).toBe(app.emulator.state.messages.at(-1)?.id);
  });

  it('a file by URL: JSON { target, file_url, caption }', async () => {
    await wati.send({
      type: 'image',
      to: JOHN,
      caption: 'Look',
      media: { url: 'https://cdn.example.com/a.jpg' },
    });
    expect(paths()).toStrictEqual(['POST /api/ext/v3/conversations/messages/fileViaUrl']);
    expect(lastJson()).toStrictEqual({
      target: JOHN,
      file_url: 'https://cdn.example.com/a.jpg',
      caption: 'Look',
    });
  });

  it('buttons and lists: messages/interactive with button_message / list_message', async () => {
    await wati.send({
      type: 'buttons',
      to: JOHN,
      header: 'Order',
      body: 'Track it?',
      buttons: [
        { id: 'yes', title: 'Yes' },
        { id: 'no', title: 'No' },
      ],
    });
    expect(lastJson()).toStrictEqual({
      target: JOHN,
      type: 'buttons',
      button_message: {
        header: { type: 'text', text: 'Order' },
        body: 'Track it?',
        buttons: [{ text: 'Yes' }, { text: 'No' }],
      },
    });
    await wati.send({
      type: 'list',
      to: JOHN,
      body: 'Pick one',
      buttonText: 'Options',
      sections: [{ title: 'Sizes', rows: [{ id: 's', title: 'Small', description: 'S' }] }],
    });
    expect(lastJson()).toStrictEqual({
      target: JOHN,
      type: 'list',
      list_message: {
        body: 'Pick one',
        button_text: 'Options',
        sections: [{ title: 'Sizes', rows: [{ title: 'Small', description: 'S' }] }],
      },
    });
  });

  it('a quoted reply goes to the legacy sendSessionMessage (V3 has no quoted replies)', async () => {
    const first = await wati.send({ type: 'text', to: JOHN, text: 'original' });
    app.api.clearRequests();
    await wati.send({ type: 'text', to: JOHN, text: 'reply', replyTo: String(first.providerIds?.id) });
    expect(paths()).toStrictEqual([`POST /${app.emulator.tenantId}/api/v1/sendSessionMessage/${JOHN}`]);
  });

  it('a closed session window is session_window_closed', async () => {
    const error = await wati
      .send({ type: 'text', to: '14155559999', text: 'hi' })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error) && error.code).toBe('session_window_closed');
  });

  it('template: one recipient with a generated local_message_id, which is the result id and the webhooks’ messageId', async () => {
    const sent = await wati.send({
      type: 'template',
      to: JOHN,
      template: { name: 'order_update', language: 'en', parameters: ['Ada', 'A-42'] },
    });
    await app.emulator.flushWebhooks();
    const body = lastJson() as { recipients: { local_message_id: string }[] };
    expect(paths()).toContain('POST /api/ext/v3/messageTemplates/send');
    expect(body).toMatchObject({
      template_name: 'order_update',
      broadcast_name: 'order_update',
      recipients: [
        {
          phone_number: JOHN,
          custom_params: [
            { name: 'name', value: 'Ada' },
            { name: 'ordernumber', value: 'A-42' },
          ],
        },
      ],
    });
    expect(sent.id).toBe(body.recipients[0]?.local_message_id);
    expect(sent.providerIds?.localMessageId).toBe(sent.id);
    expect(statusesOf(app.events, sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('template errors: unknown template (success: false) and an invalid number', async () => {
    const unknown = await wati
      .send({ type: 'template', to: JOHN, template: { name: 'nope', language: 'en', parameters: {} } })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(unknown) && unknown.code).toBe('template_not_found');
    const invalid = await wati
      .send({
        type: 'template',
        to: NOT_ON_WHATSAPP,
        template: { name: 'update_for_you', language: 'en', parameters: {} },
      })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(invalid) && invalid.code).toBe('invalid_recipient');
  });

  it('sendBulk: one V3 call, a local_message_id per recipient, failures per recipient', async () => {
    const result = await wati.sendBulk({
      template: { name: 'update_for_you', language: 'en' },
      recipients: [{ to: JOHN }, { to: NOT_ON_WHATSAPP }, { to: JANE }],
    });
    await app.emulator.flushWebhooks();
    expect(paths()).toStrictEqual(['POST /api/ext/v3/messageTemplates/send']);
    const [john, invalid, jane] = result.results;
    expect(john).toMatchObject({ to: JOHN, ok: true });
    expect(invalid).toMatchObject({ to: NOT_ON_WHATSAPP, ok: false, error: { code: 'invalid_recipient' } });
    expect(jane).toMatchObject({ to: JANE, ok: true });
    expect(statusesOf(app.events, String(john?.id))).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('a channel with the legacy API is refused before any request', async () => {
    const legacy = app.provider();
    await expect(
      legacy.send(
        { type: 'text', to: JOHN, text: 'hi' },
        { providerOptions: { wati: { channel: 'Support' } } },
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(app.api.requests).toHaveLength(0);
  });
});

describe("api: 'v3' facets", () => {
  it('templates.list: GET messageTemplates with page_number/page_size, mapped', async () => {
    const page = await wati.templates.list({ pageSize: 2 });
    expect(paths()).toStrictEqual(['GET /api/ext/v3/messageTemplates']);
    expect(app.api.requests[0]?.url).toContain('page_number=1&page_size=2');
    expect(page.items[0]).toMatchObject({
      name: 'order_update',
      language: 'en',
      status: 'approved',
      parameterNames: ['name', 'ordernumber'],
    });
    expect(page.nextCursor).toBeDefined();
  });

  it('contacts: list, upsert (new, then existing: attributes updated), updateAttributes', async () => {
    const page = await wati.contacts.list({ pageSize: 10 });
    expect(page.items.map((contact) => contact.phone)).toEqual(expect.arrayContaining([JOHN, JANE]));
    const created = await wati.contacts.upsert({
      phone: '14155552222',
      name: 'Kim',
      attributes: { city: 'Faro' },
    });
    expect(created).toMatchObject({ phone: '14155552222', name: 'Kim', attributes: { city: 'Faro' } });
    const again = await wati.contacts.upsert({ phone: '14155552222', attributes: { city: 'Braga' } });
    expect(again.attributes.city).toBe('Braga');
    await wati.contacts.updateAttributes(JOHN, { tier: 'platinum' });
    expect(paths()).toStrictEqual([
      'GET /api/ext/v3/contacts',
      'POST /api/ext/v3/contacts',
      'POST /api/ext/v3/contacts',
      'PUT /api/ext/v3/contacts',
      'PUT /api/ext/v3/contacts',
    ]);
    expect(lastJson()).toStrictEqual({
      contacts: [{ target: JOHN, customParams: [{ name: 'tier', value: 'platinum' }] }],
    });
    const john = app.emulator.state.contacts.get(JOHN);
    expect(john?.customParams).toEqual(expect.arrayContaining([{ name: 'tier', value: 'platinum' }]));
  });

  it('updateAttributes of an unknown number fails (V3 updates no contact)', async () => {
    await expect(wati.contacts.updateAttributes('14155553333', { a: 'b' })).rejects.toMatchObject({
      code: 'invalid_recipient',
    });
  });

  it('a filtered contact list falls back to the legacy getContacts (V3 has no filters)', async () => {
    const page = await wati.contacts.list({ providerOptions: { wati: { name: 'Jane' } } });
    expect(paths()).toStrictEqual([`GET /${app.emulator.tenantId}/api/v1/getContacts`]);
    expect(page.items.map((contact) => contact.phone)).toStrictEqual([JANE]);
  });

  it('conversations.messages: GET conversations/{n}/messages, newest first', async () => {
    await wati.send({ type: 'text', to: JANE, text: 'first' });
    await wati.send({ type: 'text', to: JANE, text: 'second' });
    app.api.clearRequests();
    const page = await wati.conversations.messages(JANE, { pageSize: 5 });
    expect(paths()).toStrictEqual([`GET /api/ext/v3/conversations/${JANE}/messages`]);
    expect(page.items.slice(0, 2).map((item) => item.message)).toStrictEqual([
      { type: 'text', text: 'second' },
      { type: 'text', text: 'first' },
    ]);
    expect(page.items[0]).toMatchObject({ direction: 'outbound' });
  });

  it('operators.assign: PUT conversations/{n}/operator { assignee_email }', async () => {
    await wati.operators.assign(JOHN, 'agent@example.com');
    expect(paths()).toStrictEqual([`PUT /api/ext/v3/conversations/${JOHN}/operator`]);
    expect(lastJson()).toStrictEqual({ assignee_email: 'agent@example.com' });
    expect(app.emulator.state.contacts.get(JOHN)?.operatorEmail).toBe('agent@example.com');
  });

  it('listChannels: the channels besides the default one; a legacy provider has no such method', async () => {
    expect(wati.listChannels).toBeTypeOf('function');
    const channels = await wati.listChannels?.();
    expect(channels).toMatchObject([{ name: 'Support', platform: 'Whatsapp' }]);
    expect('listChannels' in app.provider()).toBe(false);
  });

  it('the emulator refuses V3 under the tenant segment (WATI documents none)', async () => {
    const broken = app.provider({ api: 'v3', v3BaseUrl: app.api.tenantUrl });
    await expect(broken.send({ type: 'text', to: JOHN, text: 'hi' })).rejects.toMatchObject({ status: 404 });
  });
});
