import { describe, expect, it } from 'vitest';
import type { InboundStatusEvent } from '../model/inbound-event.js';
import { StatusCorrelation } from './status-correlation.js';

const status = (
  messageId: string,
  providerIds: Record<string, string>,
  provider = 'wati',
): InboundStatusEvent => ({
  kind: 'status',
  provider,
  messageId,
  providerIds,
  status: 'delivered',
  timestamp: new Date(0),
  raw: {},
});

const sent = { id: 'local-1', provider: 'wati', to: '1', status: 'accepted' as const, raw: {} };

describe('StatusCorrelation', () => {
  it('maps a status naming the message by another of its ids to the SendResult.id', () => {
    const correlation = new StatusCorrelation();
    correlation.remember({ ...sent, providerIds: { localMessageId: 'local-1', id: 'wati-9' } });
    expect(correlation.map(status('wati-9', { id: 'wati-9' }))).toMatchObject({ messageId: 'local-1' });
    expect(correlation.map(status('x', { whatsappMessageId: 'x', localMessageId: 'local-1' }))).toMatchObject(
      {
        messageId: 'local-1',
      },
    );
  });

  it('leaves events of other providers, unknown ids and non-status events alone', () => {
    const correlation = new StatusCorrelation();
    correlation.remember({ ...sent, providerIds: { id: 'wati-9' } });
    const other = status('wati-9', {}, 'whatsapp-cloud');
    expect(correlation.map(other)).toBe(other);
    const unknown = status('nope', { id: 'nope' });
    expect(correlation.map(unknown)).toBe(unknown);
    const event = { kind: 'unknown' as const, provider: 'wati', raw: {} };
    expect(correlation.map(event)).toBe(event);
  });

  it('forgets the oldest ids beyond maxEntries', () => {
    const correlation = new StatusCorrelation(2);
    correlation.remember({ ...sent, id: 'a', providerIds: { other: 'a-x' } });
    correlation.remember({ ...sent, id: 'b' });
    expect(correlation.map(status('a-x', {}))).toMatchObject({ messageId: 'a' });
    correlation.remember({ ...sent, id: 'c' });
    expect(correlation.map(status('a-x', {}))).toMatchObject({ messageId: 'a-x' });
  });
});
