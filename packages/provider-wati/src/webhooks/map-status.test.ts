import { describe, expect, it } from 'vitest';
import { parse, parseFixture, seconds } from '../__fixtures__/parse-wati-webhook.js';
import { fixture } from '../__fixtures__/wati-server.js';

describe('status events', () => {
  it('maps the contract sessionMessageSent to sent, keyed by WATI id', async () => {
    const { payload, event } = await parseFixture('webhook-session-message-sent.json');
    expect(event).toStrictEqual({
      kind: 'status',
      provider: 'wati',
      raw: payload,
      messageId: '1a2b3b4d5e6f7g8h9i10j',
      providerIds: { id: '1a2b3b4d5e6f7g8h9i10j', whatsappMessageId: 'abcdefghi_jklmnop' },
      to: '911234567890',
      status: 'sent',
      timestamp: seconds(1665650047),
    });
  });

  it('maps sessionMessageSent_v2 with every id', async () => {
    const { event } = await parseFixture('webhook-session-message-sent-v2.json');
    expect(event).toMatchObject({
      kind: 'status',
      phoneNumberId: '17774200000',
      messageId: '693fd65f961dc81779391640',
      providerIds: {
        id: '693fd65f961dc81779391640',
        whatsappMessageId: 'wamid.HBgNODYxMzEzMzg4Nzg2MDU0FQIAERgSQzE3N0IyMTEyMzA0OEMzMzlGAA==',
        localMessageId: '16bf77ae-79e8-4e88-8b78-96d0c1a2b3c4',
      },
      to: '8619700112233',
      status: 'sent',
    });
  });

  it('maps templateMessageSent_v2 to sent keyed by localMessageId, timed by created', async () => {
    const { payload, event } = await parseFixture('webhook-template-message-sent-v2.json');
    expect(event).toStrictEqual({
      kind: 'status',
      provider: 'wati',
      phoneNumberId: '17735704742',
      raw: payload,
      messageId: 'd38f0c3a-e833-4725-a894-53a2b1dc1af6',
      providerIds: {
        id: '640c8fd48b67615f886237b8',
        whatsappMessageId: 'gBEGkXmJQZVJAgkRHwjjZsITS6M',
        localMessageId: 'd38f0c3a-e833-4725-a894-53a2b1dc1af6',
      },
      to: '14155551234',
      status: 'sent',
      timestamp: new Date('2023-03-11T14:27:32.965Z'),
    });
  });

  it.each([
    ['webhook-template-message-sent.json', 'sent', '6347bc2a82538bf0845a0ba0', '911234567890'],
    ['webhook-delivered.json', 'delivered', '1a2b3b4d5e6f7g8h9i10j', undefined],
    ['webhook-delivered-v2.json', 'delivered', '693fd65f961dc81779391640', undefined],
    ['webhook-read.json', 'read', '69379d712121170062109295', undefined],
    ['webhook-read-v2-template.json', 'read', 'd38f0c3a-e833-4725-a894-53a2b1dc1af6', undefined],
    ['webhook-replied.json', 'read', '1a2b3b4d5e6f7g8h9i10j', undefined],
    ['webhook-replied-v2.json', 'read', '693fd65f961dc81779391640', undefined],
  ])('maps %s to %s for message %s', async (name, status, messageId, to) => {
    const { payload, event } = await parseFixture(name);
    expect(event).toMatchObject({ kind: 'status', status, messageId });
    expect(event?.kind === 'status' ? event.to : 'not a status').toBe(to);
    expect(event !== undefined && 'to' in event).toBe(to !== undefined);
    expect(event?.kind === 'status' && event.timestamp).toStrictEqual(
      payload.timestamp === undefined
        ? new Date(String(payload.created))
        : seconds(Number(payload.timestamp)),
    );
  });

  it('maps templateMessageFailed with the Meta code as a neutral category', async () => {
    const { payload, event } = await parseFixture('webhook-template-failed.json');
    expect(event).toStrictEqual({
      kind: 'status',
      provider: 'wati',
      raw: payload,
      messageId: 'fd29c1f9-9033-59b2-7d72-5ac964c4c8a7',
      providerIds: {
        id: '66b2531d4931581381944612',
        whatsappMessageId: 'wamid.HBgMOAE4NjY4NDkzNjAxFAIAERgSOTEENzFCNjEwMkNDNENGQUJGAA==',
        localMessageId: 'fd29c1f9-9033-59b2-7d72-5ac964c4c8a7',
      },
      status: 'failed',
      timestamp: seconds(1665645642),
      error: { code: '131026', title: 'Message undeliverable', category: 'invalid_recipient' },
    });
  });

  it('maps sessionMessageFailed (numeric failedCode) keyed by WATI id', async () => {
    const { event } = await parseFixture('webhook-session-failed.json');
    expect(event).toMatchObject({
      kind: 'status',
      status: 'failed',
      messageId: '6931a2b3c4d5e6f708192a3b',
      error: { code: 131047, title: 'Message could not be delivered.', category: 'session_window_closed' },
    });
  });

  it.each([
    ['131047', 'session_window_closed'],
    ['131026', 'invalid_recipient'],
    ['132000', 'template_not_found'],
    ['132001', 'template_not_found'],
    ['131049', 'unknown'],
  ])('maps failedCode %s to %s', async (failedCode, category) => {
    const [event] = await parse({
      ...fixture<Record<string, unknown>>('webhook-template-failed.json'),
      failedCode,
    });
    expect(event?.kind === 'status' && event.error?.category).toBe(category);
  });
});
