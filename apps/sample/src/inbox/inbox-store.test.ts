import type { InboundMessageEvent, InboundStatusEvent } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { InboxStore } from './inbox-store.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second));

function inbound(
  id: string,
  from: string,
  text: string,
  second: number,
  contactName?: string,
): InboundMessageEvent {
  return {
    kind: 'message',
    provider: 'wati',
    id,
    from,
    timestamp: at(second),
    message: { type: 'text', text },
    raw: {},
    ...(contactName === undefined ? {} : { contactName }),
  };
}

function status(
  messageId: string,
  value: InboundStatusEvent['status'],
  providerIds: Record<string, string> = {},
): InboundStatusEvent {
  return {
    kind: 'status',
    provider: 'wati',
    messageId,
    providerIds,
    status: value,
    timestamp: at(59),
    raw: {},
  };
}

describe('InboxStore', () => {
  it('keeps conversations by phone, newest first, with unread counts', () => {
    const store = new InboxStore({ knownNames: new Map([['447700900123', 'Ada Lovelace']]) });
    store.applyEvent(inbound('in-1', '447700900123', 'Hi', 1));
    store.applyEvent(inbound('in-2', '14155550142', 'Hello', 2, 'Grace'));
    store.applyEvent(inbound('in-3', '447700900123', 'Anyone?', 3));
    expect(store.conversations()).toStrictEqual([
      {
        phone: '447700900123',
        name: 'Ada Lovelace',
        unread: 2,
        lastMessageAt: at(3).toISOString(),
        lastMessage: { direction: 'inbound', text: 'Anyone?', status: 'received' },
      },
      {
        phone: '14155550142',
        name: 'Grace',
        unread: 1,
        lastMessageAt: at(2).toISOString(),
        lastMessage: { direction: 'inbound', text: 'Hello', status: 'received' },
      },
    ]);
    expect(store.markRead('447700900123')).toMatchObject({ unread: 0 });
    expect(store.lastInbound('447700900123')?.id).toBe('in-3');
    expect(store.markRead('000')).toBeUndefined();
  });

  it('moves an outbound message through its statuses, found by id or any provider id, never backwards', () => {
    const store = new InboxStore();
    const recorded = store.recordOutbound(
      {
        id: 'local-1',
        to: '447700900123',
        type: 'text',
        text: 'Shipped',
        providerIds: { localMessageId: 'local-1' },
      },
      at(10),
    );
    expect(recorded.message).toMatchObject({
      status: 'accepted',
      direction: 'outbound',
      timestamp: at(10).toISOString(),
    });
    expect(
      store.applyEvent(status('local-1', 'sent', { id: 'wati-9', whatsappMessageId: 'wamid.9' }))?.message
        .status,
    ).toBe('sent');
    // Later events may name the message by another of its ids.
    expect(store.applyEvent(status('wamid.9', 'read'))?.message.status).toBe('read');
    expect(store.applyEvent(status('wati-9', 'delivered'))).toBeUndefined();
    expect(store.conversation('447700900123')?.messages[0]).toMatchObject({
      status: 'read',
      providerIds: { localMessageId: 'local-1', id: 'wati-9', whatsappMessageId: 'wamid.9' },
    });
  });

  it('records why a message failed', () => {
    const store = new InboxStore();
    store.recordOutbound({ id: 'm-1', to: '447700900123', type: 'text', text: 'Hi' });
    const change = store.applyEvent({
      ...status('m-1', 'failed'),
      error: { code: 131047, title: 'Re-engagement message', category: 'session_window_closed' },
    });
    expect(change?.message).toMatchObject({
      status: 'failed',
      error: { code: 131047, title: 'Re-engagement message' },
    });
  });

  it('applies a status that arrived before the send returned', () => {
    const store = new InboxStore();
    expect(store.applyEvent(status('early', 'delivered'))).toBeUndefined();
    expect(
      store.recordOutbound({ id: 'early', to: '447700900123', type: 'text', text: 'Quick' }).message.status,
    ).toBe('delivered');
  });

  it('matches an early status by any of its ids, and then knows the ids it brought', () => {
    const store = new InboxStore();
    // The webhook names the message by WhatsApp's id and lists the provider's own id beside it.
    store.applyEvent(status('wamid.9', 'sent', { id: 'wati-9' }));
    const recorded = store.recordOutbound({ id: 'wati-9', to: '447700900123', type: 'text', text: 'Quick' });
    expect(recorded.message).toMatchObject({ status: 'sent', providerIds: { id: 'wati-9' } });
    const early = store.applyEvent(status('local-2', 'delivered', { whatsappMessageId: 'wamid.10' }));
    expect(early).toBeUndefined();
    store.recordOutbound({ id: 'local-2', to: '447700900123', type: 'text', text: 'Quicker' });
    // A later status by the id the early one brought finds the message.
    expect(store.applyEvent(status('wamid.10', 'read'))?.message).toMatchObject({
      id: 'local-2',
      status: 'read',
    });
  });

  it('keeps only a bounded length of each message text', () => {
    const store = new InboxStore();
    const change = store.applyEvent(inbound('big', '447700900123', 'x'.repeat(100_000), 1));
    expect(change?.message.text).toBe(`${'x'.repeat(4096)}…`);
  });

  it('ignores events it cannot show', () => {
    const store = new InboxStore();
    expect(store.applyEvent({ kind: 'unknown', provider: 'wati', raw: {} })).toBeUndefined();
    expect(store.conversations()).toStrictEqual([]);
  });

  it('stays bounded: old messages and idle conversations are dropped', () => {
    const store = new InboxStore({ maxConversations: 2, maxMessagesPerConversation: 2 });
    store.recordOutbound({ id: 'old', to: '111111111', type: 'text', text: 'first' }, at(1));
    store.recordOutbound({ id: 'b', to: '111111111', type: 'text', text: 'second' }, at(2));
    store.recordOutbound({ id: 'c', to: '111111111', type: 'text', text: 'third' }, at(3));
    expect(store.conversation('111111111')?.messages.map((message) => message.id)).toStrictEqual(['b', 'c']);
    // The dropped message is forgotten: its statuses no longer match anything.
    expect(store.applyEvent(status('old', 'read'))).toBeUndefined();
    store.applyEvent(inbound('x', '222222222', 'x', 4));
    store.applyEvent(inbound('y', '333333333', 'y', 5));
    expect(store.conversations().map((conversation) => conversation.phone)).toStrictEqual([
      '333333333',
      '222222222',
    ]);
  });

  it('hands out copies, so callers cannot change its state', () => {
    const store = new InboxStore();
    const { message } = store.recordOutbound({
      id: 'm',
      to: '447700900123',
      type: 'text',
      text: 'Hi',
      providerIds: { a: 'm' },
    });
    message.status = 'read';
    message.providerIds.b = 'x';
    expect(store.conversation('447700900123')?.messages[0]).toMatchObject({
      status: 'accepted',
      providerIds: { a: 'm' },
    });
  });
});
