import { describe, expect, it } from 'vitest';
import { appendBounded, DEFAULT_EMULATOR_RETENTION, resolveRetention } from './retention.js';

describe('appendBounded', () => {
  it('keeps the newest entries up to the limit', () => {
    const list: number[] = [];
    for (let value = 1; value <= 5; value++) appendBounded(list, value, 3);
    expect(list).toEqual([3, 4, 5]);
  });

  it('keeps everything with an infinite limit', () => {
    const list: number[] = [];
    for (let value = 1; value <= 5; value++) appendBounded(list, value, Number.POSITIVE_INFINITY);
    expect(list).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('resolveRetention', () => {
  it('fills in 1000 requests and 1000 webhook deliveries by default', () => {
    expect(resolveRetention('x')).toStrictEqual({ requests: 1000, webhookDeliveries: 1000 });
    expect(DEFAULT_EMULATOR_RETENTION).toStrictEqual({ requests: 1000, webhookDeliveries: 1000 });
    expect(resolveRetention('x', { requests: 5, webhookDeliveries: undefined })).toStrictEqual({
      requests: 5,
      webhookDeliveries: 1000,
    });
    expect(resolveRetention('x', { webhookDeliveries: Number.POSITIVE_INFINITY }).webhookDeliveries).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('refuses a limit that is not a positive integer, naming it', () => {
    expect(() => resolveRetention('createWatiEmulator', { requests: 0 })).toThrow(
      'createWatiEmulator: retention.requests must be a positive integer or Infinity, got 0',
    );
    expect(() => resolveRetention('x', { webhookDeliveries: 2.5 })).toThrow(/retention\.webhookDeliveries/);
  });
});
