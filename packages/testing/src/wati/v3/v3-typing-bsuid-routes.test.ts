// The emulator's V3 typing indicator and BSUID targets with plain fetch: what each accepts, WATI's
// `{ code, message, timestamp }` errors for what it refuses, and the state a test can read.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auth, looseFetch } from '../__fixtures__/wati-test-kit.js';
import { createWatiEmulator } from '../wati-emulator.js';
import type { WatiEmulatorServer } from '../wati-emulator-types.js';

const JOHN = '14155551234';
const JOHN_BSUID = 'US.13491208655302741918';
const JANE = '14155555678';
const STRANGER_BSUID = 'US.ENT.11815799212886844830';
const NOW = new Date('2026-03-01T10:00:00Z');

const emulator = createWatiEmulator({
  now: () => NOW,
  sessionWindow: 'enforce',
  contacts: [
    { whatsappNumber: JOHN, name: 'John', bsuid: JOHN_BSUID, lastInboundAt: NOW },
    // Jane has no BSUID, and last wrote two days ago.
    { whatsappNumber: JANE, name: 'Jane', lastInboundAt: new Date('2026-02-27T10:00:00Z') },
  ],
  invalidNumbers: ['14155550000'],
  channels: [{ name: 'Support', phoneNumber: '14155550199' }],
});
let api: WatiEmulatorServer;

beforeAll(async () => {
  api = await emulator.listen();
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

const call = (path: string, body: unknown, contentType = 'application/json') =>
  looseFetch(`${api.url}/api/ext/v3${path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function expectV3Error(response: Response, status: number, message: RegExp) {
  expect(response.status).toBe(status);
  expect(await response.json()).toStrictEqual({
    code: status,
    message: expect.stringMatching(message),
    timestamp: expect.any(String),
  });
}

describe('POST /api/ext/v3/conversations/typingIndicator', () => {
  it('accepts { target } as a number, a BSUID or Channel:BSUID, and records each without storing a message', async () => {
    for (const target of [JOHN, JOHN_BSUID, `Support:${JOHN_BSUID}`]) {
      const response = await call('/conversations/typingIndicator', { target });
      expect(response.status).toBe(200);
      expect(await response.json()).toStrictEqual({ result: true });
    }
    const john = emulator.state.contacts.get(JOHN);
    expect(emulator.state.typingIndicators).toStrictEqual([
      { waId: JOHN, target: JOHN, channel: undefined, conversationId: john?.conversationId, at: NOW },
      { waId: JOHN, target: JOHN_BSUID, channel: undefined, conversationId: john?.conversationId, at: NOW },
      {
        waId: JOHN,
        target: `Support:${JOHN_BSUID}`,
        channel: 'Support',
        conversationId: john?.conversationId,
        at: NOW,
      },
    ]);
    expect(emulator.state.messages).toHaveLength(0);
  });

  it('validates the body: target required and a string, no other field, JSON only', async () => {
    await expectV3Error(
      await call('/conversations/typingIndicator', {}),
      400,
      /^target: The target field is required\.$/,
    );
    await expectV3Error(
      await call('/conversations/typingIndicator', { target: '  ' }),
      400,
      /target field is required/,
    );
    await expectV3Error(
      await call('/conversations/typingIndicator', { target: 14155551234 }),
      400,
      /^target: /,
    );
    await expectV3Error(
      await call('/conversations/typingIndicator', { target: JOHN, message_id: 'wamid.1' }),
      400,
      /message_id/,
    );
    await expectV3Error(await call('/conversations/typingIndicator', '{"target":'), 400, /not valid JSON/);
    await expectV3Error(
      await call('/conversations/typingIndicator', `target=${JOHN}`, 'application/x-www-form-urlencoded'),
      415,
      /Unsupported Media Type/,
    );
    expect(emulator.state.typingIndicators).toHaveLength(0);
  });

  it('refuses a target it cannot reach, as the other conversation sends do', async () => {
    await expectV3Error(
      await call('/conversations/typingIndicator', { target: STRANGER_BSUID }),
      404,
      /No conversation found for target US\.ENT\./,
    );
    await expectV3Error(
      await call('/conversations/typingIndicator', { target: `Nope:${JOHN}` }),
      400,
      /Channel not found: Nope/,
    );
    await expectV3Error(
      await call('/conversations/typingIndicator', { target: '14155550000' }),
      400,
      /Invalid WhatsApp number/,
    );
    // A number with no conversation, and a contact outside the 24-hour window, have no open ticket.
    await expectV3Error(
      await call('/conversations/typingIndicator', { target: '14155559999' }),
      400,
      /Ticket has been expired/,
    );
    await expectV3Error(
      await call('/conversations/typingIndicator', { target: JANE }),
      400,
      /Ticket has been expired/,
    );
    expect(emulator.state.typingIndicators).toHaveLength(0);
  });

  it('is POST only: another method is a 405', async () => {
    const response = await looseFetch(`${api.url}/api/ext/v3/conversations/typingIndicator`, {
      headers: auth,
    });
    expect(response.status).toBe(405);
  });
});

describe('BSUID targets', () => {
  it('a conversation send to a contact’s BSUID (or Channel:BSUID) reaches that contact', async () => {
    const plain = await call('/conversations/messages/text', { target: JOHN_BSUID, text: 'hi' });
    expect(plain.status).toBe(200);
    const viaChannel = await call('/conversations/messages/text', {
      target: `Support:${JOHN_BSUID}`,
      text: 'hi',
    });
    expect(viaChannel.status).toBe(200);
    expect(emulator.state.messages.map((message) => message.waId)).toStrictEqual([JOHN, JOHN]);
  });

  it('a BSUID no contact has is a 404, and contact endpoints take no BSUID', async () => {
    await expectV3Error(
      await call('/conversations/messages/text', { target: STRANGER_BSUID, text: 'hi' }),
      404,
      /No conversation found/,
    );
    const contact = await looseFetch(`${api.url}/api/ext/v3/contacts/${JOHN_BSUID}`, { headers: auth });
    expect(contact.status).toBe(404);
    expect(emulator.state.messages).toHaveLength(0);
  });

  it('a BSUID set on a live contact record is a target from then on', async () => {
    const jane = emulator.state.contacts.get(JANE);
    if (jane === undefined) throw new Error('Jane is seeded');
    jane.bsuid = 'BR.77777777777777777777';
    jane.lastInboundAt = NOW;
    const response = await call('/conversations/typingIndicator', { target: 'BR.77777777777777777777' });
    expect(response.status).toBe(200);
    expect(emulator.state.typingIndicators.map((indicator) => indicator.waId)).toStrictEqual([JANE]);
  });

  it('template recipients: target as a BSUID resolves to its contact; an unknown BSUID fails that recipient only', async () => {
    const response = await call('/messageTemplates/send', {
      template_name: 'update_for_you',
      broadcast_name: 'bsuid',
      recipients: [
        { target: JOHN_BSUID, local_message_id: 'm-1' },
        { target: STRANGER_BSUID, local_message_id: 'm-2' },
      ],
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      success: true,
      recipients: [
        { local_message_id: 'm-1', phone_number: JOHN, errors: [] },
        {
          local_message_id: 'm-2',
          phone_number: null,
          errors: [`No contact found for target ${STRANGER_BSUID}`],
        },
      ],
    });
    expect(emulator.state.messages).toHaveLength(1);
    expect(emulator.state.messages[0]).toMatchObject({ waId: JOHN, kind: 'template', localMessageId: 'm-1' });
  });
});
