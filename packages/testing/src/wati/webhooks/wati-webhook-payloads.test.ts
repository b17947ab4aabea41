import { describe, expect, it } from 'vitest';
import { watiWebhookPayloads as payloads } from './wati-webhook-payloads.js';

const at = new Date('2025-12-15T09:35:26.117Z');
const ids = {
  id: '693fd65f961dc81779391640',
  whatsappMessageId: 'wamid.HBgNODYx',
  localMessageId: '16bf77ae-79e8-4e88-8b78-96d0c1a2b3c4',
  conversationId: '68cba32b3349e57578adb12b',
  ticketId: '693f7a0a8545f54d1d45f540',
};

describe('watiWebhookPayloads', () => {
  it('sessionMessageSent_v2 has the documented fields in order, with the given ids', () => {
    expect(
      payloads.sessionMessageSentV2({ ...ids, waId: '14155551234', text: 'hello', timestamp: at }),
    ).toStrictEqual({
      eventType: 'sessionMessageSent_v2',
      localMessageId: ids.localMessageId,
      chatbotTriggeredEventId: null,
      id: ids.id,
      whatsappMessageId: ids.whatsappMessageId,
      conversationId: ids.conversationId,
      ticketId: ids.ticketId,
      text: 'hello',
      type: 'text',
      data: null,
      timestamp: '1765791326',
      owner: true,
      statusString: 'SENT',
      assigneeId: null,
      operatorEmail: 'operator@example.com',
      operatorName: 'Wati User',
      waId: '14155551234',
      replyContextId: '',
      channelId: null,
      channelPhoneNumber: '14155550100',
    });
  });

  it('templateMessageSent(_v2) carry an ISO created with 7 digits and no timestamp', () => {
    const input = {
      ...ids,
      waId: '14155551234',
      templateName: 'update_for_you',
      templateId: '63766ae83b2e064905789c63',
      text: 'Hi!',
      created: at,
    };
    expect(Object.keys(payloads.templateMessageSent(input))).toEqual([
      'eventType',
      'id',
      'whatsappMessageId',
      'templateId',
      'templateName',
      'created',
      'conversationId',
      'ticketId',
      'text',
      'operatorEmail',
      'waId',
      'type',
      'statusString',
      'sourceType',
    ]);
    expect(payloads.templateMessageSentV2(input)).toStrictEqual({
      eventType: 'templateMessageSent_v2',
      localMessageId: ids.localMessageId,
      id: ids.id,
      whatsappMessageId: ids.whatsappMessageId,
      templateId: '63766ae83b2e064905789c63',
      templateName: 'update_for_you',
      created: '2025-12-15T09:35:26.1170000Z',
      conversationId: ids.conversationId,
      ticketId: ids.ticketId,
      text: 'Hi!',
      operatorEmail: 'operator@example.com',
      waId: '14155551234',
      type: 'template',
      statusString: 'SENT',
      sourceType: 'API',
      headerLink: null,
      headerType: null,
      channelId: null,
      channelPhoneNumber: '14155550100',
    });
  });

  it('receipts have no waId; v1 has no localMessageId; READ v1 already has the channel fields', () => {
    const input = { ...ids, text: 'hello', type: 'text', timestamp: at };
    const v1Keys = [
      'eventType',
      'statusString',
      'id',
      'whatsappMessageId',
      'conversationId',
      'ticketId',
      'text',
      'type',
      'timestamp',
      'assigneeId',
      'operatorEmail',
    ];
    const v2Keys = [
      'eventType',
      'statusString',
      'localMessageId',
      ...v1Keys.slice(2),
      'channelId',
      'channelPhoneNumber',
    ];

    expect(Object.keys(payloads.sentMessageDelivered(input))).toEqual(v1Keys);
    expect(Object.keys(payloads.sentMessageReplied(input))).toEqual(v1Keys);
    expect(Object.keys(payloads.sentMessageRead(input))).toEqual([
      ...v1Keys,
      'channelId',
      'channelPhoneNumber',
    ]);
    for (const build of [
      payloads.sentMessageDeliveredV2,
      payloads.sentMessageReadV2,
      payloads.sentMessageRepliedV2,
    ]) {
      expect(Object.keys(build(input))).toEqual(v2Keys);
      expect(build(input)).toMatchObject({ ...ids, timestamp: '1765791326' });
    }
    expect(
      [payloads.sentMessageDeliveredV2, payloads.sentMessageReadV2, payloads.sentMessageRepliedV2].map(
        (build) => {
          const { eventType, statusString } = build(input);
          return [eventType, statusString];
        },
      ),
    ).toEqual([
      ['sentMessageDELIVERED_v2', 'Delivered'],
      ['sentMessageREAD_v2', 'Read'],
      ['sentMessageREPLIED_v2', 'Replied'],
    ]);
  });

  it('failure events carry failedCode as a string and failedDetail', () => {
    expect(
      payloads.templateMessageFailed({
        ...ids,
        failedCode: '131047',
        failedDetail: 'Re-engagement message',
        timestamp: at,
      }),
    ).toStrictEqual({
      eventType: 'templateMessageFailed',
      statusString: 'Failed',
      localMessageId: ids.localMessageId,
      failedCode: '131047',
      failedDetail: 'Re-engagement message',
      id: ids.id,
      whatsappMessageId: ids.whatsappMessageId,
      conversationId: ids.conversationId,
      ticketId: ids.ticketId,
      text: null,
      type: 'template',
      timestamp: '1765791326',
      assigneeId: null,
      operatorEmail: 'operator@example.com',
    });
    expect(payloads.sessionMessageFailed({ ...ids, text: 'hi', timestamp: at })).toStrictEqual({
      eventType: 'sessionMessageFailed',
      id: ids.id,
      conversationId: ids.conversationId,
      ticketId: ids.ticketId,
      localMessageId: ids.localMessageId,
      type: 'session',
      statusString: 'Failed',
      text: 'hi',
      timestamp: '1765791326',
      failedCode: '131026',
      failedDetail: 'Message could not be delivered.',
    });
  });

  it('generates distinct ids when none are given, and keeps an explicit null localMessageId', () => {
    const first = payloads.sentMessageDeliveredV2({});
    const second = payloads.sentMessageDeliveredV2({});

    expect(first.id).toMatch(/^[0-9a-f]{24}$/);
    expect(first.whatsappMessageId).toMatch(/^wamid\./);
    expect(first.localMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.id).not.toBe(second.id);
    expect(payloads.sessionMessageSentV2({ waId: '1', localMessageId: null }).localMessageId).toBeNull();
  });

  it('messageReceived uses the sender number as senderName when there is none, and the reply context when quoting', () => {
    const payload = payloads.messageReceived({
      type: 'text',
      waId: '8618719149214',
      text: 'hello',
      replyContextId: 'wamid.q',
      timestamp: at,
    });

    expect(payload).toMatchObject({
      senderName: '8618719149214',
      replyContextId: 'wamid.q',
      owner: false,
      timestamp: '1765791326',
    });
    expect(payload.created).toBe('2025-12-15T09:35:26.1170000Z');
  });

  it('messageReceived fills the type-specific fields for media', () => {
    const url = 'https://live-mt-server.wati.io/123456/api/file/showFile?fileName=data/images/a.jpg';

    expect(
      payloads.messageReceived({ type: 'image', waId: '1', mediaUrl: url, caption: 'cat' }),
    ).toMatchObject({ type: 'image', text: 'cat', data: url });
    expect(payloads.messageReceived({ type: 'voice', waId: '1', mediaUrl: url })).toMatchObject({
      type: 'voice',
      text: null,
      data: url,
    });
    expect(
      payloads.messageReceived({
        type: 'document',
        waId: '1',
        mediaUrl: url,
        filename: 'a.pdf',
        caption: 'c',
      }),
    ).toMatchObject({ text: 'a.pdf' });
  });
});
