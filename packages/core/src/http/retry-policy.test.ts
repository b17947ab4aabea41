import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, resolveRetryOptions, sleep } from './retry-policy.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each([
    ['0', 0],
    ['5', 5000],
    [' 120 ', 120_000],
    ['1.5', 1500],
    ['Tue, 24 Nov 2026 10:00:30 GMT', 30_000],
    ['Tue, 24 Nov 2026 09:59:00 GMT', 0],
  ])('parses %j as %i ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([[null], [undefined], [''], ['soon'], ['-5']])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
  it('draws uniformly below an exponentially growing, capped ceiling', () => {
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelay(retry, options, () => 0.999999))).toStrictEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
  });
});

describe('resolveRetryOptions', () => {
  it('fills defaults, turns false into no retries and rejects nonsense', () => {
    expect(resolveRetryOptions(undefined)).toStrictEqual(DEFAULT_RETRY);
    expect(resolveRetryOptions(false).maxRetries).toBe(0);
    expect(resolveRetryOptions({ maxRetries: 1 }).baseDelayMs).toBe(DEFAULT_RETRY.baseDelayMs);
    expect(() => resolveRetryOptions({ maxDelayMs: -1 })).toThrow(/retry.maxDelayMs/);
  });
});

describe('resolveRetryOptions: explicit undefined and typed errors', () => {
  it('treats a key set to undefined like an absent key', () => {
    expect(
      resolveRetryOptions({
        maxRetries: undefined,
        baseDelayMs: undefined,
        maxDelayMs: undefined,
        maxRetryAfterMs: undefined,
        retryAmbiguous: undefined,
      }),
    ).toStrictEqual(DEFAULT_RETRY);
    expect(resolveRetryOptions({ maxRetries: 1, maxDelayMs: undefined })).toStrictEqual({
      ...DEFAULT_RETRY,
      maxRetries: 1,
    });
  });

  it.each([
    ['retry.maxRetries', { maxRetries: -1 }],
    ['retry.maxRetries', { maxRetries: 1.5 }],
    ['retry.baseDelayMs', { baseDelayMs: Number.NaN }],
    ['retry.maxDelayMs', { maxDelayMs: '100' }],
    ['retry', { unknown: 1 }],
    ['retry', 'yes'],
  ])('throws a ValidationError naming %s, never an untyped error', (field, retry) => {
    let caught: unknown;
    try {
      resolveRetryOptions(retry as never);
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect((caught as ValidationError).fields).toEqual([field]);
  });
});

describe('sleep', () => {
  it('rejects with the abort reason', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
    await expect(sleep(5, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });
});
