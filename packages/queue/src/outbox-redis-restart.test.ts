import { startRedisServer } from '@switchboard/provider-test-kit/redis-server';
import { describe, expect, it } from 'vitest';
import { inspect, uniqueQueue, useOutboxTestbed, waitForEndStates } from './__fixtures__/outbox-harness.js';
import { createOutbox } from './create-outbox.js';

const testbed = useOutboxTestbed();

/**
 * A job can be left claimed by nobody: when Redis dies, or a connection is cut, after it ran the
 * script that moved the job to active and before it answered, the worker's client sends that script
 * again and gets the next job instead. BullMQ takes such a job over once its lock expires, after 30
 * to 60 s with the defaults; these values make that a few seconds, well inside the test's timeout.
 */
const QUICK_TAKEOVER = { lockDurationMs: 5_000, stalledIntervalMs: 1_000 };

describe('Redis lost mid-run', () => {
  it('the worker reconnects by itself and sends what is enqueued after Redis is back', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('restart'),
    });
    const sent: string[] = [];
    let onSent: () => void = () => undefined;
    outbox.on('sent', (event) => {
      sent.push(event.jobId);
      onSent();
    });
    const nextSent = () => new Promise<void>((resolve) => (onSent = resolve));
    outbox.startWorker();

    const first = nextSent();
    await outbox.enqueue({ type: 'text', to: '14155550100', text: 'before-restart' });
    await first;

    // Redis goes away (no persistence: its data is gone too) and comes back on the same port.
    await testbed.redis.restart();

    const second = nextSent();
    // Commands wait for the reconnect instead of failing (maxRetriesPerRequest: null).
    const { jobId } = await outbox.enqueue({ type: 'text', to: '14155550100', text: 'after-restart' });
    await second;
    expect(sent).toContain(jobId);
    expect(testbed.cloud.textSends().get('before-restart')).toBe(1);
    expect(testbed.cloud.textSends().get('after-restart')).toBe(1);
  });

  it('loses no job when every connection drops while jobs are queued and in flight', async () => {
    const queueName = uniqueQueue('dropped');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
      // Slow enough that most jobs are still queued when the connections drop.
      rateLimit: { requestsPerSecond: 20, burst: 1 },
    });
    const labels = Array.from({ length: 12 }, (_, index) => `dropped-${index}`);
    const jobIds: string[] = [];
    for (const text of labels)
      jobIds.push((await outbox.enqueue({ type: 'text', to: '14155550100', text })).jobId);
    let dropped = false;
    const admin = inspect(testbed.redis.url);
    outbox.on('sent', () => {
      if (dropped) return;
      dropped = true;
      // Every client connection is cut (the admin's own too): what a Redis failover or a network blip does.
      void admin.call('CLIENT', 'KILL', 'TYPE', 'normal').catch(() => undefined);
    });
    outbox.startWorker({ concurrency: 3, ...QUICK_TAKEOVER });
    const { sent, failed } = await waitForEndStates(outbox, jobIds);
    expect(dropped).toBe(true);
    expect(failed).toEqual([]);
    expect(new Set(sent).size).toBe(labels.length);
    const sends = testbed.cloud.textSends();
    for (const text of labels) expect(sends.get(text), text).toBe(1);
    admin.disconnect();
  });
});

describe('Redis with persistence crashes mid-run (SIGKILL) and restarts', () => {
  it('keeps every queued job: each ends once, sent at most once, and the queued ones are all sent', async () => {
    await using durable = await startRedisServer({ persistence: 'aof' });
    const queueName = uniqueQueue('crash');
    await using outbox = await createOutbox({
      connection: durable.url,
      provider: testbed.cloud.provider(),
      queueName,
      // Slow enough that most jobs are still queued when Redis dies.
      rateLimit: { requestsPerSecond: 20, burst: 1 },
    });
    const labels = Array.from({ length: 12 }, (_, index) => `crash-${index}`);
    const jobIds: string[] = [];
    for (const text of labels)
      jobIds.push((await outbox.enqueue({ type: 'text', to: '14155550100', text })).jobId);
    let crashed: Promise<void> | undefined;
    outbox.on('sent', () => {
      // Killed, not stopped: Redis gets no chance to save anything beyond its append-only file.
      crashed ??= durable.restart({ signal: 'SIGKILL' });
    });
    outbox.startWorker({ concurrency: 3, ...QUICK_TAKEOVER });
    const { sent, failed } = await waitForEndStates(outbox, jobIds);
    await crashed;

    // A job in flight at the crash may end failed as ambiguous (it may have reached the server);
    // no job is lost and none reaches the server twice.
    expect(new Set([...sent, ...failed.map((failure) => failure.jobId)]).size).toBe(labels.length);
    for (const failure of failed) expect(failure.message).toMatch(/in flight/);
    expect(failed.length).toBeLessThanOrEqual(3);
    const sends = testbed.cloud.textSends();
    for (const text of labels) expect(sends.get(text) ?? 0, text).toBeLessThanOrEqual(1);
    expect(labels.filter((text) => sends.get(text) === 1).length).toBeGreaterThanOrEqual(sent.length);
  });
});
