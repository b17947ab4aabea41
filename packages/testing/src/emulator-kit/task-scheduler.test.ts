import { describe, expect, it } from 'vitest';
import { TaskScheduler } from './task-scheduler.js';

describe('TaskScheduler', () => {
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
    const scheduler = new TaskScheduler();
    const ran: string[] = [];
    scheduler.schedule(1, async () => {
      throw new Error('boom');
    });
    scheduler.schedule(2, async () => ran.push('after'));

    await new Promise((resolve) => setTimeout(resolve, 20));
    await scheduler.idle();

    expect(ran).toEqual(['after']);
  });

  it('cancelAll() drops pending tasks and refuses new ones until resume()', async () => {
    const scheduler = new TaskScheduler();
    const ran: string[] = [];
    scheduler.schedule(5, async () => ran.push('dropped'));

    expect(scheduler.pendingCount).toBe(1);
    scheduler.cancelAll();
    expect(scheduler.pendingCount).toBe(0);
    scheduler.schedule(0, async () => ran.push('refused'));
    expect(scheduler.pendingCount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
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
