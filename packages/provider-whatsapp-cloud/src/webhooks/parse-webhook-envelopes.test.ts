import { ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { BUSINESS_ACCOUNT_ID, PHONE_NUMBER_ID } from '../__fixtures__/graph-server.js';
import {
  fixtureBytes,
  fixtureJson,
  MARKETING_CONVERSATION,
  MARKETING_PRICING,
  FIXTURE_ORIGIN as origin,
  parseSigned as parse,
  signedDelivery,
  statusEvent,
  webhookCloud,
} from '../__fixtures__/webhook-deliveries.js';

describe('webhooks.parse: envelopes', () => {
  it('yields one event per message and status of every entry and change, in order, nothing dropped', async () => {
    const payload = fixtureJson('webhook-batched.json');
    const events = await parse(fixtureBytes('webhook-batched.json'));
    const [first, second] = payload.entry;
    const otherOrigin = {
      provider: 'whatsapp-cloud',
      businessAccountId: '109876543210987',
      phoneNumberId: '113355779900111',
    };
    expect(events.map((event) => [event.kind, event.businessAccountId, event.phoneNumberId])).toEqual([
      ['message', BUSINESS_ACCOUNT_ID, PHONE_NUMBER_ID],
      ['message', BUSINESS_ACCOUNT_ID, PHONE_NUMBER_ID],
      ['status', BUSINESS_ACCOUNT_ID, PHONE_NUMBER_ID],
      ['unknown', BUSINESS_ACCOUNT_ID, PHONE_NUMBER_ID],
      ['status', '109876543210987', '113355779900111'],
      ['unknown', '109876543210987', undefined],
    ]);
    expect(events[0]).toMatchObject({
      id: 'wamid.batch.1',
      contactName: 'Sheena Nelson',
      message: { text: 'First' },
    });
    expect(events[1]).toMatchObject({
      id: 'wamid.batch.2',
      contactName: 'Kelvin Ortiz',
      message: { text: 'Second' },
    });
    expect(events[2]).toMatchObject({ messageId: 'wamid.batch.out.1', status: 'delivered' });
    // A status Switchboard does not know is kept as an unknown event with its raw status.
    expect(events[3]).toStrictEqual({
      kind: 'unknown',
      ...origin,
      raw: first?.changes[1]?.value.statuses?.[1],
    });
    expect(events[4]).toMatchObject({
      ...otherOrigin,
      messageId: 'wamid.batch.out.3',
      status: 'read',
      to: '16315551181',
    });
    // Dated by its entry's `time`, as Meta dates an entry (the first entry has none).
    expect(events[5]).toStrictEqual({
      kind: 'unknown',
      provider: 'whatsapp-cloud',
      businessAccountId: '109876543210987',
      timestamp: new Date(1749416700 * 1000),
      raw: second?.changes[1],
    });
  });

  it('keeps other webhook fields (template status updates) as unknown events', async () => {
    const payload = fixtureJson('webhook-template-status-update.json');
    expect(await parse(fixtureBytes('webhook-template-status-update.json'))).toStrictEqual([
      {
        kind: 'unknown',
        provider: 'whatsapp-cloud',
        businessAccountId: BUSINESS_ACCOUNT_ID,
        timestamp: new Date(1750300000 * 1000),
        raw: payload.entry[0]?.changes[0],
      },
    ]);
  });

  it('tells apart notifications with the same content from other numbers or times, but not a redelivery', async () => {
    const { webhookEventKey } = await import('@switchboard/core');
    const payload = fixtureJson('webhook-template-status-update.json');
    const entry = payload.entry[0] as Record<string, unknown>;
    const deliveryOf = (time: number, id = BUSINESS_ACCOUNT_ID) =>
      new TextEncoder().encode(JSON.stringify({ ...payload, entry: [{ ...entry, id, time }] }));
    const keyOf = async (bytes: Uint8Array) => webhookEventKey((await parse(bytes))[0] as never);
    const approved = await keyOf(deliveryOf(1750300000));
    expect(await keyOf(deliveryOf(1750300000))).toBe(approved);
    // The template approved again hours later (after a quality pause), or for another account.
    expect(await keyOf(deliveryOf(1750314400))).not.toBe(approved);
    expect(await keyOf(deliveryOf(1750300000, '100000000000001'))).not.toBe(approved);
    // A time past what a Date holds leaves the event undated; its key is computed, not thrown.
    const [farFuture] = await parse(deliveryOf(9_000_000_000_000));
    expect(farFuture).toMatchObject({ kind: 'unknown', businessAccountId: BUSINESS_ACCOUNT_ID });
    expect(farFuture).not.toHaveProperty('timestamp');
    expect(webhookEventKey(farFuture as never)).toMatch(/^whatsapp-cloud:unknown:/);
  });

  it('keeps value-level errors as unknown events', async () => {
    const payload = fixtureJson('webhook-value-errors.json');
    expect(await parse(fixtureBytes('webhook-value-errors.json'))).toStrictEqual([
      { kind: 'unknown', ...origin, raw: payload.entry[0]?.changes[0]?.value.errors?.[0] },
    ]);
  });

  it('keeps items, changes and entries it cannot read as unknown events', async () => {
    const value = {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
      messages: [{ from: '16505551234', type: 'text', text: { body: 'no id or timestamp' } }],
    };
    const empty = { messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_NUMBER_ID } };
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: BUSINESS_ACCOUNT_ID,
          changes: [
            { field: 'messages', value },
            { field: 'messages', value: empty },
          ],
        },
        { id: BUSINESS_ACCOUNT_ID, changes: [] },
        { id: BUSINESS_ACCOUNT_ID, changes: [{ value: empty }, 'not a change'] },
        { id: BUSINESS_ACCOUNT_ID },
      ],
    });
    const account = { kind: 'unknown', provider: 'whatsapp-cloud', businessAccountId: BUSINESS_ACCOUNT_ID };
    expect(await parse(body)).toStrictEqual([
      { kind: 'unknown', ...origin, raw: value.messages[0] },
      { kind: 'unknown', ...origin, raw: { field: 'messages', value: empty } },
      { ...account, raw: { id: BUSINESS_ACCOUNT_ID, changes: [] } },
      { ...account, raw: { value: empty } },
      { ...account, raw: 'not a change' },
      { ...account, raw: { id: BUSINESS_ACCOUNT_ID } },
    ]);
  });

  it('keeps an entry without a business account id as an unknown event and reads the others', async () => {
    const payload = fixtureJson('webhook-status-delivered.json');
    const [entry] = payload.entry;
    const odd = { changes: entry?.changes };
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [odd, entry, 'not an entry'] });
    expect(await parse(body)).toStrictEqual([
      { kind: 'unknown', provider: 'whatsapp-cloud', raw: odd },
      statusEvent('webhook-status-delivered.json', {
        pricing: MARKETING_PRICING,
        conversation: MARKETING_CONVERSATION,
      }),
      { kind: 'unknown', provider: 'whatsapp-cloud', raw: 'not an entry' },
    ]);
  });

  it('maps a message with malformed content to an unsupported message instead of failing', async () => {
    const item = {
      from: '16505551234',
      id: 'wamid.M',
      timestamp: '1749416383',
      type: 'image',
      image: { caption: 'no id' },
    };
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: BUSINESS_ACCOUNT_ID,
          changes: [
            {
              field: 'messages',
              value: { metadata: { phone_number_id: PHONE_NUMBER_ID }, messages: [item] },
            },
          ],
        },
      ],
    });
    const [event] = await parse(body);
    expect(event).toMatchObject({
      kind: 'message',
      id: 'wamid.M',
      message: { type: 'unsupported', raw: item },
    });
  });

  it.each([
    ['malformed JSON', '{"object":"whatsapp_business_account","entry":['],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['another object type', JSON.stringify({ object: 'page', entry: [] })],
    ['an envelope without entry', JSON.stringify({ object: 'whatsapp_business_account' })],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
  ])('rejects %s with a ValidationError', async (_label, body) => {
    const error = await webhookCloud()
      .webhooks.parse(signedDelivery(body))
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'whatsapp-cloud', code: 'validation_failed' });
  });
});
