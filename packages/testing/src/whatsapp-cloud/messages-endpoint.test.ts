import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../loopback-server.js';
import requests from './__fixtures__/cloud-send-requests.json' with { type: 'json' };
import {
  callGraph,
  expectGraphError,
  type Loose,
  PHONE_NUMBER_ID,
  RECIPIENT,
  sendMessage,
  textMessage,
  uploadMedia,
  VERSION,
} from './__fixtures__/cloud-test-kit.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

const emulator = createWhatsAppCloudEmulator();
let server: LoopbackServer;

beforeAll(async () => {
  server = await emulator.listen();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const WAMID = /^wamid\.[A-Za-z0-9+/]+=*$/;
const clone = <T>(value: T): Loose => structuredClone(value);

async function uploaded(type: string, name: string): Promise<string> {
  const result = await uploadMedia(server.url, { bytes: new Uint8Array([1, 2, 3, 4]), type, name });
  expect(result.status).toBe(200);
  return result.body.id;
}

describe('POST /{phone-number-id}/messages: accepted sends', () => {
  it.each([
    ['text', requests.text],
    ['image by link', requests.imageByLink],
    ['document by link', requests.documentByLink],
    ['location (numeric latitude/longitude)', requests.location],
    ['contacts (CELL phone type, full card)', requests.contacts],
    ['reply buttons with an image header', requests.replyButtons],
    ['list with two sections', requests.list],
  ])('accepts %s and answers with the wamid', async (_name, body) => {
    const result = await sendMessage(server.url, body);

    expect(result.status).toBe(200);
    expect(result.body).toStrictEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '16505551234', wa_id: '16505551234' }],
      messages: [{ id: expect.stringMatching(WAMID) }],
    });
    const [record] = emulator.state.messages;
    expect(record).toMatchObject({ id: result.body.messages[0].id, type: body.type, waId: RECIPIENT, body });
  });

  it.each([
    ['image', 'image/jpeg', 'photo.jpg', requests.imageById],
    ['video', 'video/mp4', 'demo.mp4', requests.videoById],
    ['audio', 'audio/ogg', 'voice.ogg', requests.audioById],
    ['sticker', 'image/webp', 'sticker.webp', requests.stickerById],
  ])('sends %s by the id of uploaded media', async (_kind, mime, name, template) => {
    const body = clone(template);
    const kind = body.type as string;
    body[kind].id = await uploaded(mime, name);

    const result = await sendMessage(server.url, body);

    expect(result.status).toBe(200);
    expect(result.body.messages[0].id).toMatch(WAMID);
  });

  it('echoes `to` as input and normalizes wa_id; replies carry context and callback data', async () => {
    const body = clone(requests.textReply);
    body.context.message_id = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=';

    const result = await sendMessage(server.url, body);

    expect(result.body.contacts).toStrictEqual([{ input: '+16505551234', wa_id: '16505551234' }]);
    expect(emulator.state.messages[0]?.body).toMatchObject({
      context: body.context,
      biz_opaque_callback_data: 'order-42',
    });
  });

  it('sends to a business-scoped user id given as `recipient` instead of `to`', async () => {
    const { to: _phone, ...body } = textMessage('Hello by BSUID', { recipient: 'US.13491208655302741918' });
    const result = await sendMessage(server.url, body);
    expect(result.body.contacts).toStrictEqual([
      { input: 'US.13491208655302741918', user_id: 'US.13491208655302741918' },
    ]);
    expect(emulator.state.messages[0]).toMatchObject({ input: 'US.13491208655302741918', waId: undefined });
  });

  it('takes a parent BSUID as `recipient`, and rejects a recipient that is no BSUID', async () => {
    const { to: _phone, ...parent } = textMessage('Hi', { recipient: 'US.ENT.11815799212886844830' });
    expect((await sendMessage(server.url, parent)).status).toBe(200);
    const { to: _other, ...wrong } = textMessage('Hi', { recipient: '16505551234' });
    const result = await sendMessage(server.url, wrong);
    expect(result.status).toBe(400);
    expect(result.body.error.error_data.details).toMatch(/recipient/);
  });

  it('treats a body without `type` as text, as Meta does', async () => {
    const { type: _omitted, ...body } = textMessage('No type here');
    const result = await sendMessage(server.url, body);
    expect(result.status).toBe(200);
    expect(emulator.state.messages[0]?.type).toBe('text');
  });

  it('sends a reaction, and an empty emoji to remove it', async () => {
    const body = clone(requests.reaction);
    body.reaction.message_id = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=';
    expect((await sendMessage(server.url, body)).status).toBe(200);
    body.reaction.emoji = '';
    expect((await sendMessage(server.url, body)).status).toBe(200);
  });

  it('accepts a text of exactly 4096 characters (the schema itself has no limit; the fix adds it)', async () => {
    const result = await sendMessage(server.url, textMessage('x'.repeat(4096)));
    expect(result.status).toBe(200);
  });
});

describe('POST /{phone-number-id}/messages: rejected sends', () => {
  it('rejects a body that breaks Meta’s schema with 100 and the JSON path', async () => {
    const body = clone(requests.replyButtons);
    body.interactive.action.buttons[1].reply.title = 'A title longer than twenty';
    const result = await sendMessage(server.url, body);
    expectGraphError(
      result,
      400,
      100,
      /^Param interactive\.action\.buttons\[1\]\.reply\.title must NOT have more than 20 characters$/,
    );
  });

  it('rejects unknown keys, naming them', async () => {
    const result = await sendMessage(server.url, textMessage('hi', { priority: 'high' }));
    expectGraphError(result, 400, 100, /^Unexpected key "priority" on the request body$/);
  });

  it('rejects a missing required member with 131008', async () => {
    const result = await sendMessage(server.url, {
      messaging_product: 'whatsapp',
      to: RECIPIENT,
      type: 'text',
      text: {},
    });
    expectGraphError(result, 400, 131008, /^The parameter text\.body is required$/);
  });

  it('rejects a text body over 4096 characters', async () => {
    const result = await sendMessage(server.url, textMessage('x'.repeat(4097)));
    expectGraphError(result, 400, 100, /^Param text\.body must NOT have more than 4096 characters$/);
  });

  it('rejects media with both id and link', async () => {
    const body = clone(requests.imageByLink);
    body.image.id = '1037543291543636';
    const result = await sendMessage(server.url, body);
    expectGraphError(result, 400, 100, /^Param image must contain exactly one of: id, link$/);
  });

  it('rejects 11 rows across list sections although each section has at most 10', async () => {
    const body = clone(requests.list);
    const rows = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        id: `${prefix}${index}`,
        title: `Row ${prefix}${index}`,
      }));
    body.interactive.action.sections = [
      { title: 'First', rows: rows('a', 6) },
      { title: 'Second', rows: rows('b', 5) },
    ];
    const result = await sendMessage(server.url, body);
    expectGraphError(result, 400, 131009, /^Total row count exceed max allowed count: 10/);
  });

  it.each([
    [
      'duplicate reply button ids',
      (body: Loose) => {
        body.interactive.action.buttons[1].reply.id = 'yes';
      },
      /^Buttons must have unique ids: "yes" appears twice$/,
    ],
    [
      'a list header that is not text',
      (body: Loose) => {
        body.interactive.type = 'list';
        body.interactive.action = clone(requests.list.interactive.action);
      },
      /^Header type image is not supported for list messages/,
    ],
  ])('rejects %s with 131009', async (_name, mutate, details) => {
    const body = clone(requests.replyButtons);
    mutate(body);
    expectGraphError(await sendMessage(server.url, body), 400, 131009, details);
  });

  it('requires section titles when a list has several sections', async () => {
    const body = clone(requests.list);
    delete body.interactive.action.sections[1].title;
    expectGraphError(await sendMessage(server.url, body), 400, 131008, /sections\[1\]\.title is required/);
  });

  it('rejects an unknown media id with Meta’s wording', async () => {
    const body = clone(requests.imageById);
    body.image.id = '1037543291543636';
    const result = await sendMessage(server.url, body);
    expectGraphError(
      result,
      400,
      100,
      /^Param image\.id is not a valid whatsapp business account media attachment ID$/,
    );
  });

  it('rejects uploaded media of the wrong kind with 131053', async () => {
    const body = clone(requests.imageById);
    body.image.id = await uploaded('application/pdf', 'receipt.pdf');
    expectGraphError(
      await sendMessage(server.url, body),
      400,
      131053,
      /application\/pdf, which cannot be sent as an image/,
    );
  });

  it('rejects a recipient that is no phone number, and the business’s own number', async () => {
    expectGraphError(
      await sendMessage(server.url, textMessage('hi', { to: 'not-a-number' })),
      400,
      100,
      /^Param to/,
    );
    expectGraphError(
      await sendMessage(server.url, textMessage('hi', { to: '+1 555-078-3881' })),
      400,
      131021,
      /same/,
    );
  });

  it('rejects an unknown message type and a JSON body sent without a JSON content type', async () => {
    const unknownType = await sendMessage(server.url, { ...textMessage('x'), type: 'carousel' });
    expectGraphError(unknownType, 400, 100, /^Param type must be one of text, image/);
    const notJson = await callGraph(server.url, 'POST', `/${VERSION}/${PHONE_NUMBER_ID}/messages`, {
      rawBody: JSON.stringify(textMessage('x')),
      headers: { 'content-type': 'text/plain' },
    });
    expectGraphError(notJson, 400, 100, /Content-Type: application\/json/);
  });

  it('stores nothing for a rejected send', async () => {
    await sendMessage(server.url, textMessage(''));
    expect(emulator.state.messages).toEqual([]);
  });
});
