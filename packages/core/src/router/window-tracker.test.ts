import { describe, expect, it } from 'vitest';
import type { InboundMessageEvent, InboundStatusEvent } from '../model/inbound-event.js';
import { createWindowTracker, isSessionWindowClosedStatus, SESSION_WINDOW_MS } from './window-tracker.js';

const HOUR = 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 10, 12);

function inbound(at: number, overrides: Partial<InboundMessageEvent> = {}): InboundMessageEvent {
  return {
    kind: 'message',
    provider: 'whatsapp-cloud',
    phoneNumberId: '106540352242922',
    id: `wamid.${at}`,
    from: '16505551234',
    timestamp: new Date(at),
    message: { type: 'text', text: 'hi' },
    raw: {},
    ...overrides,
  };
}

function failed131047(at: number): InboundStatusEvent {
  return {
    kind: 'status',
    provider: 'whatsapp-cloud',
    phoneNumberId: '106540352242922',
    messageId: 'wamid.sent',
    providerIds: { wamid: 'wamid.sent' },
    to: '16505551234',
    status: 'failed',
    timestamp: new Date(at),
    error: { code: 131047, title: 'Re-engagement message', category: 'session_window_closed' },
    raw: {},
  };
}

const conversation = {
  provider: 'whatsapp-cloud',
  businessNumber: '106540352242922',
  customer: '16505551234',
};

describe('createWindowTracker', () => {
  it('knows nothing before the customer wrote, then opens the window for 24 h from the message', async () => {
    let now = T0;
    const tracker = createWindowTracker({ now: () => now });
    expect(await tracker.window(conversation)).toEqual({ state: 'unknown' });
    await tracker.observe(inbound(T0));
    expect(await tracker.window(conversation)).toEqual({
      state: 'open',
      closesAt: new Date(T0 + SESSION_WINDOW_MS),
    });
    // Also without the business number (one number per provider id).
    expect((await tracker.window({ provider: 'whatsapp-cloud', customer: '16505551234' })).state).toBe(
      'open',
    );
    now = T0 + SESSION_WINDOW_MS;
    expect(await tracker.window(conversation)).toEqual({
      state: 'closed',
      closedAt: new Date(T0 + SESSION_WINDOW_MS),
    });
  });

  it('keeps the latest message: an older redelivery does not shorten the window', async () => {
    const tracker = createWindowTracker({ now: () => T0 + HOUR });
    await tracker.observe(inbound(T0 + HOUR));
    await tracker.observe(inbound(T0));
    expect(await tracker.window(conversation)).toMatchObject({
      closesAt: new Date(T0 + HOUR + SESSION_WINDOW_MS),
    });
  });

  it('keeps windows apart per provider, business number and customer', async () => {
    const tracker = createWindowTracker({ now: () => T0 });
    await tracker.observe(inbound(T0));
    expect((await tracker.window({ ...conversation, provider: 'wati' })).state).toBe('unknown');
    expect((await tracker.window({ ...conversation, businessNumber: '999' })).state).toBe('unknown');
    expect((await tracker.window({ ...conversation, customer: '15550001111' })).state).toBe('unknown');
  });

  it('turns a failed 131047 status into a SessionWindowClosedFailure and closes the window', async () => {
    const failures: unknown[] = [];
    const tracker = createWindowTracker({
      now: () => T0 + 30 * HOUR,
      onSessionWindowClosed: (f) => void failures.push(f),
    });
    await tracker.observe(inbound(T0));
    const failure = await tracker.observe(failed131047(T0 + 25 * HOUR));
    expect(failure).toMatchObject({
      provider: 'whatsapp-cloud',
      messageId: 'wamid.sent',
      customer: '16505551234',
    });
    expect(failures).toEqual([failure]);
    expect((await tracker.window(conversation)).state).toBe('closed');
  });

  it('a 131047 reported after the customer wrote again does not close the reopened window', async () => {
    const tracker = createWindowTracker({ now: () => T0 + 2 * HOUR });
    await tracker.observe(inbound(T0 + HOUR));
    await tracker.observe(failed131047(T0));
    expect((await tracker.window(conversation)).state).toBe('open');
  });

  it('ignores other events and recognises only failed session_window_closed statuses', async () => {
    const tracker = createWindowTracker();
    const delivered: InboundStatusEvent = { ...failed131047(T0), status: 'delivered' };
    delete delivered.error;
    expect(await tracker.observe(delivered)).toBeUndefined();
    expect(isSessionWindowClosedStatus(delivered)).toBe(false);
    expect(isSessionWindowClosedStatus(failed131047(T0))).toBe(true);
    expect(await tracker.observe({ kind: 'unknown', provider: 'wati', raw: {} })).toBeUndefined();
  });
});
