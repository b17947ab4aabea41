import { describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from './idempotency-store.js';
import { messageFingerprint } from './with-idempotency.js';

const pending = { state: 'pending', fingerprint: 'f' } as const;

describe('MemoryIdempotencyStore', () => {
  it('sets a key only when absent, until it expires', () => {
    let now = 0;
    const store = new MemoryIdempotencyStore({ now: () => now });
    expect(store.setIfAbsent('k', pending, 1_000)).toBe(true);
    expect(store.setIfAbsent('k', pending, 1_000)).toBe(false);
    now = 999;
    expect(store.get('k')).toEqual(pending);
    now = 1_000;
    expect(store.get('k')).toBeUndefined();
    expect(store.setIfAbsent('k', pending, 1_000)).toBe(true);
    store.delete('k');
    expect(store.get('k')).toBeUndefined();
  });

  it('evicts the least recently used key beyond maxEntries', () => {
    const store = new MemoryIdempotencyStore({ maxEntries: 2 });
    store.set('a', pending, 60_000);
    store.set('b', pending, 60_000);
    store.get('a');
    store.set('c', pending, 60_000);
    expect([store.get('a'), store.get('b'), store.get('c')]).toEqual([pending, undefined, pending]);
    expect(store.size).toBe(2);
  });

  it('rejects nonsensical options', () => {
    expect(() => new MemoryIdempotencyStore({ maxEntries: 0 })).toThrow(/maxEntries/);
    expect(() => new MemoryIdempotencyStore().set('k', pending, 0)).toThrow(/ttlMs/);
  });
});

describe('messageFingerprint', () => {
  it('is equal for equal messages and differs for different text or bytes', () => {
    const a = { type: 'text', to: '1', text: 'hi' };
    expect(messageFingerprint(a)).toBe(messageFingerprint({ ...a }));
    expect(messageFingerprint(a)).not.toBe(messageFingerprint({ ...a, text: 'ho' }));
    const media = (byte: number) => ({
      type: 'image',
      to: '1',
      media: { data: new Uint8Array([byte]), mimeType: 'image/png' },
    });
    expect(messageFingerprint(media(1))).toBe(messageFingerprint(media(1)));
    expect(messageFingerprint(media(1))).not.toBe(messageFingerprint(media(2)));
  });
});
