import { describe, expect, it } from 'vitest';
import { MemoryDedupeStore } from './dedupe-store.js';

function clock(start = 1_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('MemoryDedupeStore', () => {
  it('remembers added keys', () => {
    const store = new MemoryDedupeStore();
    expect(store.has('a')).toBe(false);
    store.add('a', 1000);
    expect(store.has('a')).toBe(true);
    expect(store.has('b')).toBe(false);
  });

  it('evicts the least recently used key beyond maxEntries', () => {
    const store = new MemoryDedupeStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) store.add(key, 60_000);
    expect(store.has('a')).toBe(true); // a is now the most recently used
    store.add('d', 60_000);
    expect(store.size).toBe(3);
    expect(store.has('b')).toBe(false);
    expect(['a', 'c', 'd'].map((key) => store.has(key))).toStrictEqual([true, true, true]);
  });

  it('forgets a key once its TTL has passed', () => {
    const time = clock();
    const store = new MemoryDedupeStore({ now: time.now });
    store.add('a', 100);
    time.advance(99);
    expect(store.has('a')).toBe(true);
    time.advance(1);
    expect(store.has('a')).toBe(false);
    expect(store.size).toBe(0);
  });

  it('restarts the TTL and recency of a key added again', () => {
    const time = clock();
    const store = new MemoryDedupeStore({ maxEntries: 2, now: time.now });
    store.add('a', 100);
    store.add('b', 100);
    time.advance(80);
    store.add('a', 100);
    time.advance(50);
    expect(store.has('a')).toBe(true);
    expect(store.has('b')).toBe(false);
    store.add('c', 100);
    store.add('d', 100); // evicts a, the least recently used
    expect(store.has('a')).toBe(false);
  });

  it('sweeps expired keys while adding, so the map does not hold dead entries', () => {
    const time = clock();
    const store = new MemoryDedupeStore({ now: time.now });
    for (let i = 0; i < 100; i++) store.add(`old-${i}`, 10);
    time.advance(10);
    store.add('new', 10);
    expect(store.size).toBe(1);
  });

  it('validates its options', () => {
    expect(() => new MemoryDedupeStore({ maxEntries: 0 })).toThrow(TypeError);
    expect(() => new MemoryDedupeStore({ maxEntries: 1.5 })).toThrow(TypeError);
    expect(() => new MemoryDedupeStore().add('a', 0)).toThrow(TypeError);
  });
});
