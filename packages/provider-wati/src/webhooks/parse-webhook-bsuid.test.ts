import { describe, expect, it } from 'vitest';
import { parse, parseFixture, seconds } from '../__fixtures__/parse-wati-webhook.js';
import { fixture } from '../__fixtures__/wati-server.js';
import { baseEventType, WATI_BSUID_EVENT_TYPES, WATI_STATUS_EVENT_TYPES } from './wati-event-types.js';

const BSUID_IDS = { userId: 'HK.xxxxxxxxxxxxx', parentUserId: 'HK.ENT.xxxxxxxxxxxxx', username: '@bob' };

describe("WATI's BSUID-first webhooks", () => {
  it('maps message_bsuid to an inbound message with phone, BSUID, parent BSUID and username', async () => {
    const { payload, event } = await parseFixture('webhook-message-bsuid.json');
    expect(event).toStrictEqual({
      kind: 'message',
      provider: 'wati',
      phoneNumberId: '17435002445',
      raw: payload,
      id: 'wamid.HBgNODYxODcxOTE0OTIxNBUCABIYFDNCRkJFNDFCMTI1MDAwQTRCMDMwAA==',
      from: '8618719149214',
      fromUserId: BSUID_IDS.userId,
      fromParentUserId: BSUID_IDS.parentUserId,
      fromUsername: BSUID_IDS.username,
      timestamp: seconds(1764238453),
      contactName: 'coubbb',
      message: { type: 'text', text: 'hello' },
      providerIds: {
        id: '69282478274a880fe782b2d9',
        whatsappMessageId: 'wamid.HBgNODYxODcxOTE0OTIxNBUCABIYFDNCRkJFNDFCMTI1MDAwQTRCMDMwAA==',
      },
    });
  });

  it('identifies a sender without a phone by BSUID, and reports a forward', async () => {
    const { event } = await parseFixture('webhook-message-bsuid-no-phone.json');
    expect(event).toMatchObject({
      kind: 'message',
      fromUserId: BSUID_IDS.userId,
      fromUsername: '@bob',
      contactName: 'Bob',
      forwarded: true,
      frequentlyForwarded: true,
      message: { type: 'text', text: 'Look what I found!' },
    });
    expect(event).not.toHaveProperty('from');
  });

  it('maps sessionMessageSent_v2_bsuid and templateMessageSent_v2_bsuid to sent statuses with the recipient ids', async () => {
    const session = await parseFixture('webhook-session-message-sent-v2-bsuid.json');
    expect(session.event).toStrictEqual({
      kind: 'status',
      provider: 'wati',
      phoneNumberId: '177742',
      raw: session.payload,
      messageId: '693fd65f961dc',
      providerIds: {
        id: '693fd65f961dc',
        whatsappMessageId: 'wamid.HBgNODYxMzEzMzg4MzI5NxUCAOEM0NTYxRTlBMwA=',
        localMessageId: '16bf77ae-79e8-1e88-8b78-96',
      },
      to: '86197',
      recipientUserId: BSUID_IDS.userId,
      recipientParentUserId: BSUID_IDS.parentUserId,
      recipientUsername: '@bob',
      status: 'sent',
      timestamp: seconds(1765791326),
    });
    const template = await parseFixture('webhook-template-message-sent-v2-bsuid.json');
    expect(template.event).toMatchObject({
      kind: 'status',
      status: 'sent',
      // A template send is correlated by the localMessageId its v2 send returned.
      messageId: '84689938-5e2-877821d672c2',
      recipientUserId: BSUID_IDS.userId,
      timestamp: new Date('2025-12-15T09:46:23.408Z'),
    });
  });

  it('keeps newContactMessageReceived_bsuid as unknown, like its base type (the message also arrives as message_bsuid)', async () => {
    const { payload, event } = await parseFixture('webhook-new-contact-bsuid.json');
    expect(event).toStrictEqual({ kind: 'unknown', provider: 'wati', raw: payload });
  });

  it('reads every status event type with a _bsuid suffix as its base type', async () => {
    const base: Record<string, unknown> = fixture('webhook-delivered-v2.json');
    for (const [eventType, status] of Object.entries(WATI_STATUS_EVENT_TYPES)) {
      const [event] = await parse({
        ...base,
        eventType: `${eventType}_bsuid`,
        bsuid: 'US.123',
        waId: undefined,
      });
      expect(event, eventType).toMatchObject({ kind: 'status', status, recipientUserId: 'US.123' });
    }
  });

  it('names the documented BSUID-first variants, each a known base type', () => {
    const known = new Set<string>([
      'message',
      'newContactMessageReceived',
      ...Object.keys(WATI_STATUS_EVENT_TYPES),
    ]);
    for (const type of WATI_BSUID_EVENT_TYPES) {
      const { type: base, bsuidFirst } = baseEventType(type);
      expect(bsuidFirst).toBe(true);
      expect(known.has(base), type).toBe(true);
    }
    expect(baseEventType('_bsuid')).toStrictEqual({ type: '_bsuid', bsuidFirst: false });
  });

  it('keeps a business-side message_bsuid (owner: true) out of the inbound messages', async () => {
    const [event] = await parse({
      ...fixture<Record<string, unknown>>('webhook-message-bsuid.json'),
      owner: true,
    });
    expect(event?.kind).toBe('unknown');
  });
});
