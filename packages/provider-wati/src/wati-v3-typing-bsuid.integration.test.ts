// Typing indicators and business-scoped user id (BSUID) recipients, which only WATI's V3 API serves,
// against the independent WATI emulator: the exact V3 requests, the SendResults, and the refusals
// (legacy API, the legacy fallback of a quoted reply) that happen before any request.
import { ApiError, UnsupportedFeatureError, ValidationError } from '@switchboard/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  JANE,
  JOHN,
  startWatiEmulatorApp,
  statusesOf,
  type WatiEmulatorApp,
} from './__fixtures__/wati-emulator-app.js';
import type { WatiProvider } from './wati-provider.js';

const JOHN_BSUID = 'US.13491208655302741918';
const UNKNOWN_BSUID = 'US.ENT.11815799212886844830';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let app: WatiEmulatorApp;
let v3: WatiProvider;
let legacy: WatiProvider;

beforeAll(async () => {
  app = await startWatiEmulatorApp({
    emulator: {
      contacts: [
        { whatsappNumber: JOHN, name: 'John', bsuid: JOHN_BSUID },
        { whatsappNumber: JANE, name: 'Jane' },
      ],
      channels: [{ name: 'Support', phoneNumber: '14155550199' }],
    },
  });
  v3 = app.provider({ api: 'v3' });
  legacy = app.provider();
});

beforeEach(() => {
  app.events.length = 0;
  app.api.clearRequests();
});

afterAll(() => app.close());

const requests = () =>
  app.api.requests.map((request) => ({
    method: request.method,
    path: request.path,
    body: request.contentType === 'application/json' ? request.json() : request.text(),
  }));

describe('typing_indicator (V3 only)', () => {
  it('POSTs { target } to conversations/typingIndicator; the result id is the inbound messageId, and nothing is delivered', async () => {
    const inbound = await app.emulator.simulateInboundMessage({
      from: JOHN,
      name: 'John',
      text: 'Still open?',
    });
    const messagesBefore = app.emulator.state.messages.length;
    app.events.length = 0;

    const result = await v3.send({ type: 'typing_indicator', to: '+1 415 555 1234', messageId: inbound.id });

    expect(requests()).toStrictEqual([
      { method: 'POST', path: '/api/ext/v3/conversations/typingIndicator', body: { target: JOHN } },
    ]);
    expect(result).toStrictEqual({
      id: inbound.id,
      provider: 'wati',
      to: JOHN,
      status: 'accepted',
      raw: { result: true },
    });
    expect(app.emulator.state.typingIndicators.at(-1)).toMatchObject({ waId: JOHN, target: JOHN });
    await app.emulator.flushWebhooks();
    expect(app.emulator.state.messages).toHaveLength(messagesBefore);
    expect(app.events).toStrictEqual([]);
  });

  it('providerOptions.wati.channel makes the target Channel:number, as for the other V3 sends', async () => {
    await v3.send(
      { type: 'typing_indicator', to: JOHN, messageId: 'wamid.in-1' },
      { providerOptions: { wati: { channel: 'Support' } } },
    );
    expect(requests()).toStrictEqual([
      {
        method: 'POST',
        path: '/api/ext/v3/conversations/typingIndicator',
        body: { target: `Support:${JOHN}` },
      },
    ]);
  });

  it('a BSUID recipient is the target as it is', async () => {
    const result = await v3.send({ type: 'typing_indicator', to: JOHN_BSUID, messageId: 'wamid.in-2' });
    expect(requests()).toStrictEqual([
      {
        method: 'POST',
        path: '/api/ext/v3/conversations/typingIndicator',
        body: { target: JOHN_BSUID },
      },
    ]);
    expect(result).toMatchObject({ id: 'wamid.in-2', to: JOHN_BSUID });
  });

  it('WATI’s refusal is typed: an unknown BSUID is its V3 404', async () => {
    const error = await v3
      .send({ type: 'typing_indicator', to: UNKNOWN_BSUID, messageId: 'wamid.in-3' })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, provider: 'wati' });
    expect(app.api.requests).toHaveLength(1);
  });

  it('refuses replyTo (the indicator already names its message) before any request', async () => {
    const error = await v3
      .send({ type: 'typing_indicator', to: JOHN, messageId: 'wamid.in-4', replyTo: 'wamid.in-5' })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues).toStrictEqual([
      { path: 'replyTo', message: 'WATI quotes a message only in session text messages' },
    ]);
    expect(app.api.requests).toHaveLength(0);
  });

  it('the legacy API has no typing endpoint: UnsupportedFeatureError before any request', async () => {
    expect(legacy.capabilities.has('send.typing_indicator')).toBe(false);
    const error = await legacy
      .send({ type: 'typing_indicator', to: JOHN, messageId: 'wamid.in-6' })
      .catch((caught: unknown) => caught);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ capability: 'send.typing_indicator', provider: 'wati' });
    expect(app.api.requests).toHaveLength(0);
  });
});

describe('BSUID recipients (send.to.userId, V3 only)', () => {
  it('V3 claims send.to.userId and send.typing_indicator; legacy claims neither', () => {
    expect(v3.capabilities.has('send.to.userId')).toBe(true);
    expect(v3.capabilities.has('send.typing_indicator')).toBe(true);
    expect(legacy.capabilities.has('send.to.userId')).toBe(false);
  });

  it('text: { target: BSUID, text }; the result keeps the BSUID as to, and statuses correlate', async () => {
    const sent = await v3.send({ type: 'text', to: ` ${JOHN_BSUID} `, text: 'Your table is ready' });
    expect(requests()).toStrictEqual([
      {
        method: 'POST',
        path: '/api/ext/v3/conversations/messages/text',
        body: { target: JOHN_BSUID, text: 'Your table is ready' },
      },
    ]);
    const stored = app.emulator.state.messages.at(-1);
    expect(stored?.waId).toBe(JOHN);
    expect(sent).toMatchObject({ id: stored?.id, provider: 'wati', to: JOHN_BSUID, status: 'accepted' });
    await app.emulator.flushWebhooks();
    expect(statusesOf(app.events, sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('a channel makes it Channel:BSUID', async () => {
    await v3.send(
      { type: 'buttons', to: JOHN_BSUID, body: 'Confirm?', buttons: [{ id: 'y', title: 'Yes' }] },
      { providerOptions: { wati: { channel: 'Support' } } },
    );
    expect(requests()).toStrictEqual([
      {
        method: 'POST',
        path: '/api/ext/v3/conversations/messages/interactive',
        body: {
          target: `Support:${JOHN_BSUID}`,
          type: 'buttons',
          button_message: { body: 'Confirm?', buttons: [{ text: 'Yes' }] },
        },
      },
    ]);
  });

  it('files: the BSUID is the target of fileViaUrl and of the multipart upload', async () => {
    await v3.send({ type: 'image', to: JOHN_BSUID, media: { url: 'https://example.com/menu.jpg' } });
    await v3.send({
      type: 'document',
      to: JOHN_BSUID,
      filename: 'menu.pdf',
      media: { data: new TextEncoder().encode('%PDF-1.4'), mimeType: 'application/pdf' },
    });
    const [byUrl, upload] = app.api.requests;
    expect(byUrl?.path).toBe('/api/ext/v3/conversations/messages/fileViaUrl');
    expect(byUrl?.json()).toStrictEqual({ target: JOHN_BSUID, file_url: 'https://example.com/menu.jpg' });
    expect(upload?.path).toBe('/api/ext/v3/conversations/messages/file');
    expect(upload?.text()).toMatch(
      new RegExp(`name="target"\\r\\n\\r\\n${JOHN_BSUID.replace('.', '\\.')}\\r\\n`),
    );
    expect(app.emulator.state.messages.slice(-2).map((message) => message.waId)).toStrictEqual([JOHN, JOHN]);
  });

  it('template: the recipient carries target (not phone_number) and the generated local_message_id', async () => {
    const sent = await v3.send(
      {
        type: 'template',
        to: JOHN_BSUID,
        template: { name: 'order_update', language: 'en', parameters: { name: 'John', ordernumber: '42' } },
      },
      { providerOptions: { wati: { channel: 'Support' } } },
    );
    const [request] = requests();
    expect(request).toStrictEqual({
      method: 'POST',
      path: '/api/ext/v3/messageTemplates/send',
      body: {
        template_name: 'order_update',
        broadcast_name: 'order_update',
        channel: 'Support',
        recipients: [
          {
            target: JOHN_BSUID,
            local_message_id: expect.stringMatching(UUID),
            custom_params: [
              { name: 'name', value: 'John' },
              { name: 'ordernumber', value: '42' },
            ],
          },
        ],
      },
    });
    const sentBody = app.api.requests[0]?.json<{ recipients: { local_message_id: string }[] }>();
    const localMessageId = sentBody?.recipients[0]?.local_message_id;
    expect(sent).toMatchObject({ id: localMessageId, to: JOHN_BSUID, providerIds: { localMessageId } });
    expect(app.emulator.state.messages.at(-1)).toMatchObject({
      waId: JOHN,
      localMessageId,
      kind: 'template',
    });
  });

  it('template to a BSUID WATI cannot resolve: that recipient’s error, typed invalid_recipient', async () => {
    const error = await v3
      .send({
        type: 'template',
        to: UNKNOWN_BSUID,
        template: { name: 'order_update', language: 'en', parameters: { name: 'X', ordernumber: '1' } },
      })
      .catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_recipient', status: 200 });
    expect(String((error as Error).message)).toContain(`No contact found for target ${UNKNOWN_BSUID}`);
  });

  it('a quoted reply (legacy sendSessionMessage, phone only) to a BSUID is refused naming to, before any request', async () => {
    const error = await v3
      .send({ type: 'text', to: JOHN_BSUID, text: 'Yes', replyTo: 'wamid.in-7' })
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues).toStrictEqual([
      { path: 'to', message: expect.stringContaining('sendSessionMessage, which takes a phone number only') },
    ]);
    expect(app.api.requests).toHaveLength(0);
  });

  it.each([
    ['text', { type: 'text' as const, to: JOHN_BSUID, text: 'hi' }],
    [
      'template',
      {
        type: 'template' as const,
        to: JOHN_BSUID,
        template: { name: 'order_update', language: 'en', parameters: { name: 'J', ordernumber: '1' } },
      },
    ],
  ])(
    'legacy API: a BSUID %s is UnsupportedFeatureError (send.to.userId) before any request',
    async (_, message) => {
      const error = await legacy.send(message).catch((caught: unknown) => caught);
      expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ capability: 'send.to.userId', provider: 'wati' });
      expect(app.api.requests).toHaveLength(0);
    },
  );
});

describe('bulk to BSUID recipients (V3 only)', () => {
  const template = { name: 'order_update', language: 'en' };
  const parameters = { name: 'John', ordernumber: '42' };

  it('V3: each BSUID recipient is a target, each phone a phone_number, in one batch; results in order', async () => {
    const result = await v3.sendBulk({
      template,
      campaign: 'bsuid-pilot',
      recipients: [
        { to: ` ${JOHN_BSUID} `, parameters },
        { to: '+1 415 555 5678', parameters: { name: 'Jane', ordernumber: '43' } },
        { to: UNKNOWN_BSUID, parameters: { name: 'X', ordernumber: '44' } },
      ],
    });
    const [request] = requests();
    expect(request).toStrictEqual({
      method: 'POST',
      path: '/api/ext/v3/messageTemplates/send',
      body: {
        template_name: 'order_update',
        broadcast_name: 'bsuid-pilot',
        recipients: [
          {
            target: JOHN_BSUID,
            local_message_id: expect.stringMatching(UUID),
            custom_params: expect.any(Array),
          },
          {
            phone_number: JANE,
            local_message_id: expect.stringMatching(UUID),
            custom_params: expect.any(Array),
          },
          {
            target: UNKNOWN_BSUID,
            local_message_id: expect.stringMatching(UUID),
            custom_params: expect.any(Array),
          },
        ],
      },
    });
    expect(app.api.requests).toHaveLength(1);
    const sentIds = app.api.requests[0]
      ?.json<{ recipients: { local_message_id: string }[] }>()
      .recipients.map((recipient) => recipient.local_message_id);
    expect(result.results).toStrictEqual([
      { to: JOHN_BSUID, ok: true, id: sentIds?.[0] },
      { to: JANE, ok: true, id: sentIds?.[1] },
      { to: UNKNOWN_BSUID, ok: false, error: expect.objectContaining({ code: 'invalid_recipient' }) },
    ]);
    expect(app.emulator.state.messages.slice(-2).map((message) => message.waId)).toStrictEqual([JOHN, JANE]);
    await app.emulator.flushWebhooks();
    expect(statusesOf(app.events, sentIds?.[0] ?? '')).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('legacy API: a BSUID among the recipients is UnsupportedFeatureError naming it, before any request', async () => {
    const error = await legacy
      .sendBulk({
        template,
        recipients: [
          { to: JANE, parameters },
          { to: JOHN_BSUID, parameters },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ capability: 'send.to.userId', provider: 'wati' });
    expect((error as Error).message).toContain(
      "recipients.1.to is a business-scoped user id; business-scoped user ids need api: 'v3'",
    );
    expect(app.api.requests).toHaveLength(0);
  });
});
