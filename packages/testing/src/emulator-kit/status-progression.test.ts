import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checkStatusDelays,
  DEFAULT_STATUS_DELAYS,
  type ProgressionStatus,
  scheduleStatusProgression,
} from './status-progression.js';
import { TaskScheduler } from './task-scheduler.js';

describe('scheduleStatusProgression', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts each delay from the step before (gaps, not offsets from the send)', async () => {
    const scheduler = new TaskScheduler();
    const reported: [ProgressionStatus, number][] = [];
    const start = Date.now();
    scheduleStatusProgression(scheduler, { sent: 200, delivered: 100, read: 50 }, async (status) => {
      reported.push([status, Date.now() - start]);
      return true;
    });

    await vi.advanceTimersByTimeAsync(299);
    expect(reported).toEqual([['sent', 200]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(reported).toEqual([
      ['sent', 200],
      ['delivered', 300],
    ]);
    await vi.advanceTimersByTimeAsync(50);
    expect(reported.at(-1)).toEqual(['read', 350]);
    expect(scheduler.pendingCount).toBe(0);
  });

  it('stops when a step answers false', async () => {
    const scheduler = new TaskScheduler();
    const reported: ProgressionStatus[] = [];
    scheduleStatusProgression(scheduler, { sent: 0, delivered: 0, read: 0 }, async (status) => {
      reported.push(status);
      return status !== 'delivered';
    });

    await vi.runAllTimersAsync();

    expect(reported).toEqual(['sent', 'delivered']);
  });

  it('ends when the scheduler is reset while a step runs, even though it accepts tasks again', async () => {
    const scheduler = new TaskScheduler();
    const reported: ProgressionStatus[] = [];
    let release = (): void => {};
    scheduleStatusProgression(scheduler, { sent: 0, delivered: 0, read: 0 }, async (status) => {
      reported.push(status);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return true;
    });
    await vi.advanceTimersByTimeAsync(0);

    scheduler.cancelAll();
    scheduler.resume();
    release();
    await vi.runAllTimersAsync();

    expect(reported).toEqual(['sent']);
    expect(scheduler.pendingCount).toBe(0);
  });

  it('defaults to 100, 400 and 1000 ms gaps, frozen', () => {
    expect(DEFAULT_STATUS_DELAYS).toStrictEqual({ sent: 100, delivered: 400, read: 1000 });
    expect(Object.isFrozen(DEFAULT_STATUS_DELAYS)).toBe(true);
  });
});

describe('checkStatusDelays', () => {
  it('accepts false, undefined and non-negative numbers, and names a bad step', () => {
    expect(() => checkStatusDelays('setWebhook', false)).not.toThrow();
    expect(() => checkStatusDelays('setWebhook', undefined)).not.toThrow();
    expect(() => checkStatusDelays('setWebhook', { sent: 0, delivered: 1, read: 2 })).not.toThrow();
    expect(() => checkStatusDelays('setWebhook', { sent: 0, delivered: -1, read: 2 })).toThrow(
      'setWebhook: statusDelaysMs.delivered must be a non-negative number of milliseconds, got -1',
    );
    expect(() => checkStatusDelays('setWebhook', { sent: 0, delivered: 1, read: Number.NaN })).toThrow(
      /statusDelaysMs\.read/,
    );
  });
});
