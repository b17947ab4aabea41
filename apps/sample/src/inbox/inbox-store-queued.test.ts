import type { InboundStatusEvent } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { InboxStore } from './inbox-store.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second));
const PHONE = '14155550142';
const queued = (jobId: string, text = 'Your order shipped') => ({ jobId, to: PHONE, type: 'text', text });

function status(messageId: string, value: InboundStatusEvent['status']): InboundStatusEvent {
  return {
    kind: 'status',
    provider: 'wati',
    messageId,
    providerIds: {},
    status: value,
    timestamp: at(59),
    raw: {},
  };
}

describe('InboxStore: messages in the outbox', () => {
  it('shows a queued message, then the sent one under its SendResult id, saying which id it replaces', () => {
    const store = new InboxStore();
    const change = store.recordQueued(queued('job-1'), at(1));
    expect(change?.message).toStrictEqual({
      id: 'queued:job-1',
      direction: 'outbound',
      phone: PHONE,
      type: 'text',
      text: 'Your order shipped',
      status: 'queued',
      providerIds: {},
      timestamp: at(1).toISOString(),
      jobId: 'job-1',
    });
    expect(change?.conversation.lastMessage).toStrictEqual({
      direction: 'outbound',
      text: 'Your order shipped',
      status: 'queued',
    });

    const sent = store.markQueuedSent('job-1', { id: 'wamid.1', providerIds: { wamid: 'wamid.1' } });
    expect(sent).toMatchObject({
      replacedId: 'queued:job-1',
      message: { id: 'wamid.1', status: 'accepted', jobId: 'job-1', providerIds: { wamid: 'wamid.1' } },
    });
    expect(store.conversation(PHONE)?.messages.map((message) => message.id)).toStrictEqual(['wamid.1']);
    // Statuses now find it by its SendResult id.
    expect(store.applyEvent(status('wamid.1', 'delivered'))?.message.status).toBe('delivered');
  });

  it('applies a status that beat the worker’s "sent" (the webhook came first)', () => {
    const store = new InboxStore();
    store.recordQueued(queued('job-2'));
    expect(store.applyEvent(status('wamid.2', 'read'))).toBeUndefined();
    expect(store.markQueuedSent('job-2', { id: 'wamid.2' })?.message.status).toBe('read');
  });

  it('keeps an outcome that came before the job was recorded (the worker beat enqueue’s answer)', () => {
    const store = new InboxStore();
    expect(store.markQueuedSent('job-3', { id: 'wamid.3' })).toBeUndefined();
    expect(
      store.markQueuedFailed('job-4', { code: 'invalid_recipient', message: 'not on WhatsApp' }),
    ).toBeUndefined();

    expect(store.recordQueued(queued('job-3'))?.message).toMatchObject({ id: 'wamid.3', status: 'accepted' });
    expect(store.recordQueued(queued('job-4'))?.message).toMatchObject({
      id: 'queued:job-4',
      status: 'failed',
      error: { code: 'invalid_recipient', title: 'not on WhatsApp' },
    });
  });

  it('marks a job the outbox gave up on as failed, with the neutral code and why', () => {
    const store = new InboxStore();
    store.recordQueued(queued('job-5'));
    const change = store.markQueuedFailed('job-5', {
      code: 'template_not_found',
      message: 'no such template',
    });
    expect(change?.message).toMatchObject({
      id: 'queued:job-5',
      status: 'failed',
      error: { code: 'template_not_found', title: 'no such template' },
    });
    expect(change).not.toHaveProperty('replacedId');
    // Settled: a late outcome for the same job changes nothing shown.
    expect(store.markQueuedSent('job-5', { id: 'wamid.5' })).toBeUndefined();
    expect(store.conversation(PHONE)?.messages).toMatchObject([{ id: 'queued:job-5', status: 'failed' }]);
  });

  it('records a job once: a repeated idempotency key adds no second message', () => {
    const store = new InboxStore();
    expect(store.recordQueued(queued('job-6'))).toBeDefined();
    expect(store.recordQueued(queued('job-6'))).toBeUndefined();
    expect(store.conversation(PHONE)?.messages).toHaveLength(1);
  });

  it('records a job once even after it was sent or failed: a repeated key arriving late adds nothing', () => {
    const store = new InboxStore();
    store.recordQueued(queued('job-7'));
    store.markQueuedSent('job-7', { id: 'wamid.7' });
    expect(store.recordQueued(queued('job-7'))).toBeUndefined();
    store.recordQueued(queued('job-8'));
    store.markQueuedFailed('job-8', { code: 'invalid_request', message: 'refused' });
    expect(store.recordQueued(queued('job-8'))).toBeUndefined();
    // A second outcome for a settled job is not kept for a later record either.
    expect(store.markQueuedSent('job-8', { id: 'wamid.8' })).toBeUndefined();
    expect(store.recordQueued(queued('job-8'))).toBeUndefined();
    expect(store.conversation(PHONE)?.messages).toMatchObject([
      { id: 'wamid.7', status: 'accepted', jobId: 'job-7' },
      { id: 'queued:job-8', status: 'failed', jobId: 'job-8' },
    ]);
  });

  it('bounds the settled jobs it remembers: the oldest of 10,001 can be recorded again', () => {
    const store = new InboxStore({ maxMessagesPerConversation: 5 });
    for (let index = 0; index <= 10_000; index++) {
      store.recordQueued(queued(`settled-${index}`));
      store.markQueuedSent(`settled-${index}`, { id: `wamid.settled-${index}` });
    }
    expect(store.recordQueued(queued('settled-0'))?.message.status).toBe('queued');
    expect(store.recordQueued(queued('settled-10000'))).toBeUndefined();
  });

  it('bounds the outcomes it keeps for jobs it never recorded (other processes’ jobs)', () => {
    const store = new InboxStore();
    for (let index = 0; index < 600; index++)
      store.markQueuedSent(`other-${index}`, { id: `wamid.other-${index}` });
    // The oldest were dropped: recording it now shows it queued, not sent.
    expect(store.recordQueued(queued('other-0'))?.message.status).toBe('queued');
    expect(store.recordQueued(queued('other-599'))?.message.status).toBe('accepted');
  });
});
