import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import type { InboundEvent } from '../model/inbound-event.js';
import { canDeduplicate, webhookEventKey } from './event-identity.js';

const timestamp = new Date('2024-05-01T12:00:00Z');

describe('webhookEventKey', () => {
  it('identifies a message by provider and id', () => {
    const event: InboundEvent = {
      kind: 'message',
      provider: 'whatsapp-cloud',
      id: 'wamid.ABC',
      from: '15551234567',
      timestamp,
      message: { type: 'text', text: 'hi' },
      raw: {},
    };
    expect(webhookEventKey(event)).toBe('whatsapp-cloud:message:wamid.ABC');
  });

  it('identifies a status by message id and status, so each step counts once', () => {
    const status = (value: 'delivered' | 'read'): InboundEvent => ({
      kind: 'status',
      provider: 'wati',
      messageId: 'local-1',
      providerIds: { localMessageId: 'local-1' },
      status: value,
      timestamp,
      raw: { at: value },
    });
    expect(webhookEventKey(status('delivered'))).toBe('wati:status:local-1:delivered');
    expect(webhookEventKey(status('read'))).toBe('wati:status:local-1:read');
  });

  it('identifies an unknown event by a hash of its raw payload, whatever the key order', () => {
    const a: InboundEvent = {
      kind: 'unknown',
      provider: 'p',
      raw: { field: 'x', value: { b: [1, { d: 2, c: 3 }], a: null } },
    };
    const b: InboundEvent = {
      kind: 'unknown',
      provider: 'p',
      raw: { value: { a: null, b: [1, { c: 3, d: 2 }] }, field: 'x' },
    };
    const c: InboundEvent = {
      kind: 'unknown',
      provider: 'p',
      raw: { field: 'x', value: { b: [{ c: 3, d: 2 }, 1], a: null } },
    };
    expect(webhookEventKey(a)).toMatch(/^p:unknown:[0-9a-f]{64}$/);
    expect(webhookEventKey(a)).toBe(webhookEventKey(b));
    expect(webhookEventKey(a)).not.toBe(webhookEventKey(c));
  });

  it('treats values JSON cannot hold the way JSON does', () => {
    const key = (raw: unknown): string => webhookEventKey({ kind: 'unknown', provider: 'p', raw });
    expect(key({ a: 1, skipped: undefined })).toBe(key({ a: 1 }));
    expect(key({ at: new Date(0) })).toBe(key({ at: '1970-01-01T00:00:00.000Z' }));
    expect(key({ n: 10n })).toBe(key({ n: '10' }));
    expect(key(undefined)).toBe(key(null));
    expect(key('1')).not.toBe(key(1));
  });

  it('refuses a circular payload instead of overflowing the stack', () => {
    const raw: Record<string, unknown> = {};
    raw.self = raw;
    expect(() => webhookEventKey({ kind: 'unknown', provider: 'p', raw })).toThrow(/circular/);
  });

  it('refuses a circular payload with a ValidationError naming where it loops', () => {
    const inner: Record<string, unknown> = { n: 1 };
    inner.back = [inner];
    let caught: unknown;
    try {
      webhookEventKey({ kind: 'unknown', provider: 'p', raw: { a: inner } });
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect((caught as ValidationError).fields).toEqual(['raw.a.back.0']);
  });

  it('keeps the key-sorted JSON it hashed before, so stored keys stay valid', () => {
    const raw = { z: [1, 'two', null, { y: true, x: 1.5 }], a: { c: 'é"\\', b: [] }, e: {} };
    const expected = '{"a":{"b":[],"c":"é\\"\\\\"},"e":{},"z":[1,"two",null,{"x":1.5,"y":true}]}';
    const hash = createHash('sha256').update(expected).digest('hex');
    expect(webhookEventKey({ kind: 'unknown', provider: 'p', raw })).toBe(`p:unknown:${hash}`);
  });

  it('identifies a deeply nested payload instead of overflowing the stack', () => {
    // Recursion failed at about 2,300 levels; JSON.parse itself takes any depth, so a delivery can too.
    const depth = 20_000;
    const body = `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
    const key = (raw: unknown): string => webhookEventKey({ kind: 'unknown', provider: 'p', raw });
    const hash = createHash('sha256').update(body).digest('hex');
    expect(key(JSON.parse(body))).toBe(`p:unknown:${hash}`);
    expect(key(JSON.parse(body))).not.toBe(key(JSON.parse(body.replace('1', '2'))));
  });

  it('does not mistake a value shared by two branches for a cycle', () => {
    const shared = { v: 1 };
    const key = (raw: unknown): string => webhookEventKey({ kind: 'unknown', provider: 'p', raw });
    expect(key({ a: shared, b: [shared] })).toBe(key({ a: { v: 1 }, b: [{ v: 1 }] }));
  });

  it('tells apart unknown events with the same raw from another number, account or time', () => {
    const raw = { code: 131000, title: 'Something went wrong' };
    const key = (fields: Partial<InboundEvent>): string =>
      webhookEventKey({ kind: 'unknown', provider: 'p', raw, ...fields } as InboundEvent);
    const base = key({ phoneNumberId: '1001', businessAccountId: 'w1', timestamp });
    expect(key({ phoneNumberId: '1001', businessAccountId: 'w1', timestamp: new Date(timestamp) })).toBe(
      base,
    );
    expect(key({ phoneNumberId: '1002', businessAccountId: 'w1', timestamp })).not.toBe(base);
    expect(key({ phoneNumberId: '1001', businessAccountId: 'w2', timestamp })).not.toBe(base);
    expect(key({ phoneNumberId: '1001', businessAccountId: 'w1', timestamp: new Date(0) })).not.toBe(base);
    // An invalid Date (from a custom parser) still gives a key: a throw would answer 500 forever.
    expect(key({ phoneNumberId: '1001', timestamp: new Date(Number.NaN) })).toBe(
      key({ phoneNumberId: '1001' }),
    );
    // Without origin or date, the key is the one it always was: the hash of raw alone.
    const digest = createHash('sha256').update(
      JSON.stringify({ code: 131000, title: 'Something went wrong' }),
    );
    expect(key({})).toBe(`p:unknown:${digest.digest('hex')}`);
  });
});

describe('canDeduplicate', () => {
  it('is true for messages, statuses and dated unknown events, false for undated unknown events', () => {
    const unknown: InboundEvent = { kind: 'unknown', provider: 'p', raw: {} };
    expect(canDeduplicate(unknown)).toBe(false);
    expect(canDeduplicate({ ...unknown, timestamp })).toBe(true);
    // An invalid Date is no date: such an event is handed over each time, like an undated one.
    expect(canDeduplicate({ ...unknown, timestamp: new Date(Number.NaN) })).toBe(false);
    expect(
      canDeduplicate({
        kind: 'status',
        provider: 'p',
        messageId: 'm',
        providerIds: {},
        status: 'read',
        timestamp,
        raw: {},
      }),
    ).toBe(true);
  });
});
