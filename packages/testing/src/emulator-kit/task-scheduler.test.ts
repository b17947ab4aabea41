import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskScheduler } from './task-scheduler.js';

describe('TaskScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('flush() runs pending tasks in due order, then the tasks they schedule', async () => {
    const scheduler = new TaskScheduler();
    const ran: string[] = [];
    scheduler.schedule(50_000, async () => ran.push('late'));
    scheduler.schedule(10_000, async () => {
      ran.push('early');
      scheduler.schedule(60_000, async () => ran.push('follow-up'));
    });

    await scheduler.flush();

    expect(ran).toEqual(['early', 'late', 'follow-up']);
  });

  it('runs tasks on their timers and swallows their failures', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const scheduler = new TaskScheduler();
    const ran: string[] = [];
    scheduler.schedule(1, async () => {
      ran.push('boom');
      throw new Error('boom');
    });
    scheduler.schedule(2, async () => ran.push('after'));

    await vi.advanceTimersByTimeAsync(1);
    await scheduler.idle();
    expect(ran).toEqual(['boom']);
    expect(scheduler.pendingCount).toBe(1);

    await vi.advanceTimersByTimeAsync(1);
    await scheduler.idle();
    expect(ran).toEqual(['boom', 'after']);
    expect(scheduler.pendingCount).toBe(0);
  });

  it('does not keep the process alive while tasks wait', () => {
    const scheduler = new TaskScheduler();
    const before = process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
    scheduler.schedule(60_000, async () => {});

    expect(process.getActiveResourcesInfo().filter((type) => type === 'Timeout')).toHaveLength(before);
    scheduler.cancelAll();
  });

  it('cancelAll() drops pending tasks and refuses new ones until resume()', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const scheduler = new TaskScheduler();
    const ran: string[] = [];
    scheduler.schedule(5, async () => ran.push('dropped'));

    expect(scheduler.pendingCount).toBe(1);
    expect(vi.getTimerCount()).toBe(1);
    scheduler.cancelAll();
    expect(scheduler.pendingCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    scheduler.schedule(0, async () => ran.push('refused'));
    expect(scheduler.pendingCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ran).toEqual([]);
    scheduler.resume();
    scheduler.schedule(50_000, async () => ran.push('kept'));
    await scheduler.flush();

    expect(ran).toEqual(['kept']);
  });

  it('ignores a task scheduled for a generation that a cancelAll() ended', async () => {
    const scheduler = new TaskScheduler();
    const ran: string[] = [];
    const before = scheduler.generation;
    scheduler.cancelAll();
    scheduler.resume();

    scheduler.schedule(0, async () => ran.push('stale'), before);
    scheduler.schedule(0, async () => ran.push('current'));
    await scheduler.flush();

    expect(scheduler.generation).toBe(before + 1);
    expect(ran).toEqual(['current']);
  });
});
