import { describe, expect, it } from 'vitest';
import { BUSINESS_ACCOUNT_ID, PHONE_NUMBER_ID } from '../__fixtures__/graph-server.js';
import {
  fixtureBytes,
  fixtureJson,
  MARKETING_CONVERSATION,
  MARKETING_PRICING,
  FIXTURE_ORIGIN as origin,
  parseSigned as parse,
  statusEvent,
  statusOf,
} from '../__fixtures__/webhook-deliveries.js';

describe('webhooks.parse: statuses', () => {
  it('parses the contract’s sent status: messageId is the wamid SendResult.id returned', async () => {
    expect(await parse(fixtureBytes('webhook-status-sent.json'))).toStrictEqual([
      {
        kind: 'status',
        ...origin,
        messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA',
        providerIds: { wamid: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA' },
        to: '16505551234',
        status: 'sent',
        timestamp: new Date('2025-06-18T16:22:53.000Z'),
        pricing: MARKETING_PRICING,
        conversation: { ...MARKETING_CONVERSATION, expiresAt: new Date(1750350180 * 1000) },
        raw: statusOf('webhook-status-sent.json'),
      },
    ]);
  });

  it('parses webhook-status-delivered.json with its pricing and conversation', async () => {
    const name = 'webhook-status-delivered.json';
    expect(await parse(fixtureBytes(name))).toStrictEqual([
      statusEvent(name, { pricing: MARKETING_PRICING, conversation: MARKETING_CONVERSATION }),
    ]);
  });

  it('parses webhook-status-read.json', async () => {
    const name = 'webhook-status-read.json';
    expect(await parse(fixtureBytes(name))).toStrictEqual([statusEvent(name)]);
  });

  it('reports played (a voice message was listened to) as read', async () => {
    expect(await parse(fixtureBytes('webhook-status-played.json'))).toStrictEqual([
      statusEvent('webhook-status-played.json', { status: 'read' }),
    ]);
  });

  it('parses a failed status with code, title, details and the neutral category of the error table', async () => {
    expect(await parse(fixtureBytes('webhook-status-failed.json'))).toStrictEqual([
      statusEvent('webhook-status-failed.json', {
        error: {
          code: 131047,
          title: 'Re-engagement message',
          message:
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          category: 'session_window_closed',
        },
      }),
    ]);
  });

  it.each([
    [131026, 'invalid_recipient'],
    [131049, 'unknown'],
    [130429, 'rate_limited'],
    [131053, 'media_invalid'],
    [123456789, 'unknown'],
  ])('categorizes a failed status with code %i as %s', async (code, category) => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: BUSINESS_ACCOUNT_ID,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
                statuses: [
                  {
                    id: 'wamid.F',
                    status: 'failed',
                    timestamp: '1750263800',
                    recipient_id: '16505551234',
                    errors: [{ code, title: 'T' }],
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const [event] = await parse(body);
    expect(event).toMatchObject({ kind: 'status', status: 'failed', error: { code, title: 'T', category } });
  });

  it.each([
    ['an error without code', [{ title: 'Something new' }], undefined],
    ['an error that is not an object', ['131047'], undefined],
    [
      'a non-numeric code',
      [{ code: 'E42', title: 'Newer error' }],
      { code: 'E42', title: 'Newer error', category: 'unknown' },
    ],
  ])('keeps a failed status whose errors hold %s', async (_label, errors, error) => {
    const status = {
      id: 'wamid.F',
      status: 'failed',
      timestamp: '1750263800',
      recipient_id: '16505551234',
      errors,
    };
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: BUSINESS_ACCOUNT_ID,
          changes: [
            {
              field: 'messages',
              value: { metadata: { phone_number_id: PHONE_NUMBER_ID }, statuses: [status] },
            },
          ],
        },
      ],
    });
    expect(await parse(body)).toStrictEqual([
      {
        kind: 'status',
        ...origin,
        messageId: 'wamid.F',
        providerIds: { wamid: 'wamid.F' },
        to: '16505551234',
        status: 'failed',
        timestamp: new Date(1750263800 * 1000),
        ...(error === undefined ? {} : { error }),
        raw: status,
      },
    ]);
  });

  it('keeps a status of a message sent by business-scoped user id (no recipient_id)', async () => {
    const { to: _none, ...expected } = statusEvent('webhook-status-bsuid.json', {
      recipientUserId: 'US.13491208655302741918',
    });
    expect(await parse(fixtureBytes('webhook-status-bsuid.json'))).toStrictEqual([expected]);
  });

  it('keeps biz_opaque_callback_data (the send’s callback data or bulk campaign) in raw', async () => {
    const delivery = fixtureJson('webhook-status-delivered.json');
    const status = delivery.entry[0]?.changes[0]?.value.statuses?.[0] as Record<string, unknown>;
    status.biz_opaque_callback_data = 'order-42';
    const [event] = await parse(JSON.stringify(delivery));
    expect(event).toMatchObject({
      kind: 'status',
      status: 'delivered',
      raw: { biz_opaque_callback_data: 'order-42' },
    });
    expect(event).not.toHaveProperty('bizOpaqueCallbackData');
  });
});
