// The emulator's V3 endpoints with plain fetch: the documented shapes, WATI's request validation and
// V3's `{ code, message, timestamp }` errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';
import type { WatiEmulatorServer } from '../wati-emulator-types.js';

const JOHN = '14155551234';
const emulator = createWatiEmulator({
  contacts: [{ whatsappNumber: JOHN, name: 'John', lastInboundAt: new Date() }],
  invalidNumbers: ['14155550000'],
  channels: [{ name: 'Support', phoneNumber: '14155550199' }],
});
let api: WatiEmulatorServer;

beforeAll(async () => {
  api = await emulator.listen();
});
afterAll(() => emulator.close());

const json = { ...auth, 'content-type': 'application/json' };
const call = (method: string, path: string, body?: unknown) =>
  looseFetch(`${api.url}/api/ext/v3${path}`, {
    method,
    headers: json,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** A V3 error body: `{ code, message, timestamp }`. */
async function expectV3Error(response: Response, status: number, message: RegExp) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body).toStrictEqual({
    code: status,
    message: expect.stringMatching(message),
    timestamp: expect.any(String),
  });
}

describe('V3 routing and auth', () => {
  it('serves V3 at the host only: under the tenant segment it is a plain 404', async () => {
    const response = await looseFetch(`${api.tenantUrl}/api/ext/v3/contacts?page_number=1&page_size=10`, {
      headers: auth,
    });
    expect(response.status).toBe(404);
  });

  it('401 without the token, as plain text', async () => {
    const response = await looseFetch(`${api.url}/api/ext/v3/contacts?page_number=1&page_size=10`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('page_number and page_size are required, page_size at most 100', async () => {
    await expectV3Error(await call('GET', '/contacts?page_number=1'), 400, /page_size/);
    await expectV3Error(await call('GET', '/contacts?page_number=1&page_size=101'), 400, /page_size/);
  });
});

describe('V3 conversations', () => {
  it('text: { message } with id and local_message_id; unknown fields refused; JSON only', async () => {
    const response = await call('POST', '/conversations/messages/text', { target: JOHN, text: 'hi' });
    const { message } = await response.json();
    expect(message).toMatchObject({ text: 'hi', owner: true, event_type: 'message', id: expect.any(String) });
    expect(message.local_message_id).toEqual(expect.any(String));
    expect(emulator.state.findMessage(message.id)?.localMessageId).toBe(message.local_message_id);
    await expectV3Error(
      await call('POST', '/conversations/messages/text', { target: JOHN, text: 'x', is_bot: true }),
      400,
      /is_bot|Unrecognized/i,
    );
    const form = await looseFetch(`${api.url}/api/ext/v3/conversations/messages/text`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'target=1&text=x',
    });
    expect(form.status).toBe(415);
  });

  it('targets: Channel:number with a known channel, an unknown channel, an invalid number, no session', async () => {
    expect(
      (await call('POST', '/conversations/messages/text', { target: `Support:${JOHN}`, text: 'a' })).status,
    ).toBe(200);
    expect(
      (await call('POST', '/conversations/messages/text', { target: `14155550100:${JOHN}`, text: 'a' }))
        .status,
    ).toBe(200);
    await expectV3Error(
      await call('POST', '/conversations/messages/text', { target: `Nope:${JOHN}`, text: 'a' }),
      400,
      /Channel not found/,
    );
    await expectV3Error(
      await call('POST', '/conversations/messages/text', { target: '14155550000', text: 'a' }),
      400,
      /Invalid WhatsApp number/,
    );
    await expectV3Error(
      await call('POST', '/conversations/messages/text', { target: '14155557777', text: 'a' }),
      400,
      /Ticket has been expired/,
    );
  });

  it('file: multipart target + file (+ caption)', async () => {
    const form = new FormData();
    form.set('target', JOHN);
    form.set('caption', 'menu');
    form.set('file', new File([new Uint8Array([1, 2, 3])], 'menu.pdf', { type: 'application/pdf' }));
    const response = await looseFetch(`${api.url}/api/ext/v3/conversations/messages/file`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    expect((await response.json()).message).toMatchObject({ type: 'document', text: 'menu' });
    const noTarget = new FormData();
    noTarget.set('file', new File([new Uint8Array([1])], 'a.pdf', { type: 'application/pdf' }));
    await expectV3Error(
      await looseFetch(`${api.url}/api/ext/v3/conversations/messages/file`, {
        method: 'POST',
        headers: auth,
        body: noTarget,
      }),
      400,
      /target/,
    );
  });

  it('interactive: buttons need button_message with at most 3 unique buttons', async () => {
    const ok = await call('POST', '/conversations/messages/interactive', {
      target: JOHN,
      type: 'buttons',
      button_message: { body: 'Pick', buttons: [{ text: 'A' }, { text: 'B' }] },
    });
    expect(ok.status).toBe(200);
    const tooMany = await call('POST', '/conversations/messages/interactive', {
      target: JOHN,
      type: 'buttons',
      button_message: { body: 'Pick', buttons: [{ text: 'A' }, { text: 'B' }, { text: 'C' }, { text: 'D' }] },
    });
    await expectV3Error(tooMany, 400, /buttons/);
  });

  it('history and operator by number or conversation id', async () => {
    const conversationId = emulator.state.contacts.get(JOHN)?.conversationId;
    const page = await (
      await call('GET', `/conversations/${conversationId}/messages?page_number=1&page_size=2`)
    ).json();
    expect(page).toMatchObject({
      page_number: 1,
      page_size: 2,
      message_list: [expect.any(Object), expect.any(Object)],
    });
    expect(
      await (
        await call('PUT', `/conversations/${JOHN}/operator`, { assignee_email: 'a@example.com' })
      ).json(),
    ).toStrictEqual({ result: true });
    await expectV3Error(
      await call('PUT', '/conversations/14155557777/operator', { assignee_email: 'a@example.com' }),
      404,
      /No conversation/,
    );
  });
});

describe('V3 templates', () => {
  it('send: per-recipient local_message_id (caller-chosen honoured), errors per recipient', async () => {
    const response = await call('POST', '/messageTemplates/send', {
      template_name: 'update_for_you',
      broadcast_name: 'b',
      recipients: [{ phone_number: JOHN, local_message_id: 'mine-1' }, { target: '14155550000' }],
    });
    const body = await response.json();
    expect(body).toMatchObject({ success: true, broadcast_id: expect.any(String), error: null });
    expect(body.recipients[0]).toStrictEqual({ local_message_id: 'mine-1', phone_number: JOHN, errors: [] });
    expect(body.recipients[1].errors).toStrictEqual([expect.stringMatching(/Invalid WhatsApp number/)]);
    expect(emulator.state.findMessage('mine-1')?.kind).toBe('template');
  });

  it('a recipient needs phone_number or target; an unknown template is HTTP 200 success: false', async () => {
    await expectV3Error(
      await call('POST', '/messageTemplates/send', {
        template_name: 'update_for_you',
        broadcast_name: 'b',
        recipients: [{}],
      }),
      400,
      /phone_number or a target/,
    );
    const unknown = await call('POST', '/messageTemplates/send', {
      template_name: 'nope',
      broadcast_name: 'b',
      recipients: [{ phone_number: JOHN }],
    });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toMatchObject({
      success: false,
      error: 'Template not found: nope',
      recipients: [],
    });
  });

  it('list: templates with custom_params names, page fields and total', async () => {
    const body = await (await call('GET', '/messageTemplates?page_number=1&page_size=1')).json();
    expect(body).toMatchObject({ page_number: 1, page_size: 1, total: emulator.state.templates.size });
    expect(body.templates[0]).toMatchObject({
      name: 'order_update',
      language_option: { value: 'en' },
      custom_params: [{ name: 'name' }, { name: 'ordernumber' }],
    });
  });
});

describe('V3 contacts and channels', () => {
  it('create (name required; an existing number refused), get by number and id, update with camelCase customParams', async () => {
    await expectV3Error(await call('POST', '/contacts', { whatsapp_number: '14155552222' }), 400, /name/);
    const created = await (
      await call('POST', '/contacts', {
        whatsapp_number: '14155552222',
        name: 'Kim',
        custom_params: [{ name: 'city', value: 'Faro' }],
      })
    ).json();
    expect(created).toMatchObject({ wa_id: '14155552222', name: 'Kim', phone: '+14155552222' });
    await expectV3Error(
      await call('POST', '/contacts', { whatsapp_number: '14155552222', name: 'Kim' }),
      400,
      /already exists/,
    );
    expect((await (await call('GET', `/contacts/${created.id}`)).json()).wa_id).toBe('14155552222');
    await expectV3Error(await call('GET', '/contacts/14155559999'), 404, /No contact/);
    const updated = await (
      await call('PUT', '/contacts', {
        contacts: [
          { target: '14155552222', customParams: [{ name: 'city', value: 'Braga' }] },
          { target: '14155559999', customParams: [] },
        ],
      })
    ).json();
    expect(updated.contact_list).toHaveLength(1);
    expect(updated.contact_list[0].custom_params).toContainEqual({ name: 'city', value: 'Braga' });
    await expectV3Error(
      await call('PUT', '/contacts', { contacts: [{ target: JOHN, custom_params: [] }] }),
      400,
      /custom_params|Unrecognized/i,
    );
  });

  it('channels: the configured ones, without the default', async () => {
    const body = await (await call('GET', '/channels?page_number=1&page_size=10')).json();
    expect(body).toStrictEqual({
      channels: [{ id: expect.any(String), name: 'Support', channel: 'Whatsapp' }],
    });
  });
});
