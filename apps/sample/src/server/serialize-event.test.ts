import { describe, expect, it } from 'vitest';
import { serializeEvent } from './serialize-event.js';

describe('serializeEvent', () => {
  it('drops raw payloads and writes dates as ISO strings', () => {
    expect(
      serializeEvent({
        kind: 'message',
        provider: 'whatsapp-cloud',
        id: 'wamid.1',
        from: '447700900123',
        timestamp: new Date('2026-01-01T12:00:00Z'),
        message: { type: 'unsupported', raw: { secretish: true } },
        raw: { big: 'payload' },
      }),
    ).toStrictEqual({
      kind: 'message',
      provider: 'whatsapp-cloud',
      id: 'wamid.1',
      from: '447700900123',
      timestamp: '2026-01-01T12:00:00.000Z',
      message: { type: 'unsupported' },
    });
  });
});
