import { describe, expect, it } from 'vitest';
import { rejectedPaths } from './__fixtures__/validation.js';
import { type ConversationMessage, conversationMessageSchema } from './conversation-message.js';
import {
  type InboundEvent,
  type InboundMessageContent,
  inboundEventSchema,
  inboundMessageContentSchema,
  MESSAGE_STATUSES,
} from './inbound-event.js';

const timestamp = new Date('2025-05-01T12:00:00Z');

const contents: [string, InboundMessageContent][] = [
  ['text', { type: 'text', text: 'Hello' }],
  ['image', { type: 'image', media: { id: 'm1', mimeType: 'image/jpeg', sha256: 'abc' }, caption: 'A cat' }],
  ['video', { type: 'video', media: { id: 'm2' } }],
  ['audio', { type: 'audio', media: { id: 'm3', mimeType: 'audio/ogg; codecs=opus' } }],
  [
    'document',
    { type: 'document', media: { id: 'm4', url: 'https://files.example/m4' }, filename: 'invoice.pdf' },
  ],
  ['sticker', { type: 'sticker', media: { id: 'm5', mimeType: 'image/webp' } }],
  [
    'location',
    { type: 'location', latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower', address: 'Paris' },
  ],
  [
    'contacts',
    {
      type: 'contacts',
      contacts: [{ name: { formatted: 'Jane Doe' }, phones: [{ phone: '+1 415 555 1234' }] }],
    },
  ],
  ['button_reply', { type: 'button_reply', id: 'yes', title: 'Yes' }],
  ['list_reply', { type: 'list_reply', id: 'r1', title: 'Row 1', description: 'First row' }],
  ['reaction', { type: 'reaction', messageId: 'wamid.1', emoji: '👍' }],
  ['reaction removal', { type: 'reaction', messageId: 'wamid.1', emoji: '' }],
  ['unsupported', { type: 'unsupported', raw: { type: 'order', order: {} } }],
];

describe('inboundEventSchema: message events', () => {
  it.each(contents)('accepts a %s message', (_label, message) => {
    const event = {
      kind: 'message',
      provider: 'whatsapp-cloud',
      phoneNumberId: '106540352242922',
      businessAccountId: '102290129340398',
      id: 'wamid.HBgL',
      from: '14155551234',
      timestamp,
      contactName: 'Ada',
      message,
      replyTo: 'wamid.prev',
      providerIds: { wamid: 'wamid.HBgL' },
      raw: { id: 'wamid.HBgL' },
    } satisfies InboundEvent;
    expect(inboundEventSchema.parse(event)).toEqual(event);
  });

  it('accepts a message from a username-only user (fromUserId, no from)', () => {
    const event = {
      kind: 'message',
      provider: 'whatsapp-cloud',
      id: 'wamid.X',
      fromUserId: 'US.13491208655302741918',
      timestamp,
      message: { type: 'text', text: 'hi' },
      raw: {},
    } satisfies InboundEvent;
    expect(inboundEventSchema.parse(event)).toEqual(event);
  });

  it.each([
    ['timestamp', { timestamp: '2025-05-01T12:00:00Z' }],
    ['id', { id: undefined }],
    ['message.type', { message: { type: 'poll' } }],
    ['message.text', { message: { type: 'text' } }],
    ['message.media.id', { message: { type: 'image', media: {} } }],
    ['message.latitude', { message: { type: 'location', latitude: '1', longitude: 2 } }],
    ['message.contacts.0.name', { message: { type: 'contacts', contacts: [{}] } }],
    ['message', { message: { type: 'button_reply', id: 'a', title: 'A', payload: 'x' } }],
    ['', { status: 'read' }],
  ])('rejects an invalid %s', (path, override) => {
    const event = {
      kind: 'message',
      provider: 'wati',
      id: 'w1',
      timestamp,
      message: { type: 'text', text: 'x' },
      raw: {},
    };
    expect(rejectedPaths(inboundEventSchema, { ...event, ...override })).toEqual([path]);
  });
});

describe('inboundEventSchema: status events', () => {
  it.each(MESSAGE_STATUSES)('accepts a %s status', (status) => {
    const event = {
      kind: 'status',
      provider: 'wati',
      messageId: 'local-123',
      providerIds: { localMessageId: 'local-123', wamid: 'wamid.Y' },
      to: '14155551234',
      status,
      timestamp,
      raw: {},
    } satisfies InboundEvent;
    expect(inboundEventSchema.parse(event)).toEqual(event);
  });

  it('accepts a failed status with a categorised error', () => {
    const event = {
      kind: 'status',
      provider: 'whatsapp-cloud',
      phoneNumberId: '106540352242922',
      messageId: 'wamid.Z',
      providerIds: { wamid: 'wamid.Z' },
      recipientUserId: 'US.1',
      status: 'failed',
      timestamp,
      error: {
        code: 131047,
        title: 'Re-engagement message',
        message: 'More than 24 hours have passed',
        category: 'session_window_closed',
      },
      raw: {},
    } satisfies InboundEvent;
    expect(inboundEventSchema.parse(event)).toEqual(event);
  });

  it.each([
    ['status', { status: 'queued' }],
    ['providerIds', { providerIds: undefined }],
    ['messageId', { messageId: 7 }],
    ['error.category', { error: { code: '1', title: 't', category: 'boom' } }],
    ['error.category', { error: { code: 1, title: 't' } }],
    ['error.code', { error: { code: true, title: 't', category: 'unknown' } }],
  ])('rejects an invalid %s', (path, override) => {
    const event = {
      kind: 'status',
      provider: 'wati',
      messageId: 'l1',
      providerIds: {},
      status: 'sent',
      timestamp,
      raw: {},
    };
    expect(rejectedPaths(inboundEventSchema, { ...event, ...override })).toEqual([path]);
  });
});

describe('inboundEventSchema: unknown events', () => {
  it('accepts an unknown event that keeps the raw payload', () => {
    const event = {
      kind: 'unknown',
      provider: 'whatsapp-cloud',
      businessAccountId: '102290129340398',
      raw: { field: 'message_template_status_update', value: { event: 'APPROVED' } },
    } satisfies InboundEvent;
    expect(inboundEventSchema.parse(event)).toEqual(event);
  });

  it('rejects an unknown kind on kind', () => {
    expect(rejectedPaths(inboundEventSchema, { kind: 'template', provider: 'wati', raw: {} })).toEqual([
      'kind',
    ]);
  });

  it('rejects message fields on an unknown event', () => {
    expect(
      rejectedPaths(inboundEventSchema, { kind: 'unknown', provider: 'wati', raw: {}, id: 'x' }),
    ).toEqual(['']);
  });
});

describe('inboundMessageContentSchema', () => {
  it('rejects a caption on text content', () => {
    expect(rejectedPaths(inboundMessageContentSchema, { type: 'text', text: 'x', caption: 'y' })).toEqual([
      '',
    ]);
  });
});

describe('conversationMessageSchema', () => {
  it('accepts an inbound message', () => {
    const message = {
      id: 'wamid.1',
      direction: 'inbound',
      timestamp,
      message: { type: 'text', text: 'Hi' },
      raw: {},
    } satisfies ConversationMessage;
    expect(conversationMessageSchema.parse(message)).toEqual(message);
  });

  it('accepts an outbound message with its delivery status and ids', () => {
    const message = {
      id: 'local-1',
      direction: 'outbound',
      timestamp,
      message: { type: 'image', media: { id: 'file.jpg' }, caption: 'Order' },
      status: 'read',
      providerIds: { localMessageId: 'local-1' },
      raw: { eventType: 'message' },
    } satisfies ConversationMessage;
    expect(conversationMessageSchema.parse(message)).toEqual(message);
  });

  it.each([
    ['direction', { direction: 'sideways' }],
    ['status', { status: 'queued' }],
    ['timestamp', { timestamp: 1714564800 }],
    ['message.type', { message: { type: 'video_call' } }],
  ])('rejects an invalid %s', (path, override) => {
    const message = {
      id: 'm',
      direction: 'inbound',
      timestamp,
      message: { type: 'text', text: 'x' },
      raw: {},
    };
    expect(rejectedPaths(conversationMessageSchema, { ...message, ...override })).toEqual([path]);
  });
});
