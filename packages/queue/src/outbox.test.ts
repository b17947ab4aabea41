import { ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { nextEvent, uniqueQueue, useOutboxTestbed } from './__fixtures__/outbox-harness.js';
import { createOutbox } from './create-outbox.js';
import type { Outbox } from './outbox.js';

const testbed = useOutboxTestbed();

describe('enqueue', () => {
  it('validates before writing anything: a ValidationError names the field and nothing is enqueued', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('validate'),
    });
    const attempt = outbox.enqueue({ type: 'text', to: 'not a number', text: '' });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((caught: unknown) => caught)) as ValidationError;
    expect(error.fields).toEqual(expect.arrayContaining(['to', 'text']));
    expect(await outbox.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBe(0);
  });

  it('refuses bad enqueue options before writing anything', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('unsupported'),
    });
    await expect(
      outbox.enqueue({ type: 'text', to: '14155550100', text: 'hi' }, { provider: 'wati' }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: ['provider'] });
    await expect(
      outbox.enqueue({ type: 'text', to: '14155550100', text: 'hi' }, { delayMs: -1 }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: ['delayMs'] });
    expect(await outbox.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBe(0);
  });

  it('sends through a worker and emits sent with the SendResult', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('send'),
    });
    const sent = nextEvent(outbox, 'sent');
    outbox.startWorker({ concurrency: 2 });
    const { jobId, duplicate } = await outbox.enqueue({
      type: 'text',
      to: '+1 415 555 0100',
      text: 'send-1',
    });
    expect(duplicate).toBe(false);
    const event = await sent;
    expect(event).toMatchObject({
      jobId,
      provider: 'whatsapp-cloud',
      result: { provider: 'whatsapp-cloud', to: '14155550100', status: 'accepted' },
    });
    expect(event.result.id).toMatch(/^wamid\./);
    expect(testbed.cloud.textSends().get('send-1')).toBe(1);
    expect(await outbox.getJob(jobId)).toMatchObject({ state: 'completed', result: { id: event.result.id } });
  });

  it('honours delayMs: the job waits as delayed', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('delay'),
    });
    const { jobId } = await outbox.enqueue(
      { type: 'text', to: '14155550100', text: 'later' },
      { delayMs: 3_600_000 },
    );
    expect(await outbox.getJob(jobId)).toMatchObject({ state: 'delayed' });
  });
});

describe('idempotent enqueue', () => {
  it('returns the first job with duplicate: true across outbox instances, and sends once', async () => {
    const queueName = uniqueQueue('idem');
    await using first = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    await using second = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    const message = { type: 'text' as const, to: '14155550100', text: 'idem-once' };
    const results = await Promise.all([
      first.enqueue(message, { idempotencyKey: 'order-1' }),
      second.enqueue(message, { idempotencyKey: 'order-1' }),
      second.enqueue(message, { idempotencyKey: 'order-1' }),
    ]);
    expect(new Set(results.map((result) => result.jobId)).size).toBe(1);
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);

    // Either worker may take the job: events fire where it ran.
    const sent = Promise.race([nextEvent(first, 'sent'), nextEvent(second, 'sent')]);
    first.startWorker();
    second.startWorker();
    await sent;
    // Enqueued again after it was sent, still within the TTL: the same job, no new send.
    const again = await second.enqueue(message, { idempotencyKey: 'order-1' });
    expect(again).toEqual({ jobId: results[0]?.jobId, duplicate: true });
    expect(await second.getJob(again.jobId)).toMatchObject({ state: 'completed' });
    expect(testbed.cloud.textSends().get('idem-once')).toBe(1);
  });

  it('forgets a key after idempotencyTtlMs: the same key makes a new job', async () => {
    const queueName = uniqueQueue('ttl');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
      idempotencyTtlMs: 1,
    });
    const message = { type: 'text' as const, to: '14155550100', text: 'ttl' };
    const first = await outbox.enqueue(message, { idempotencyKey: 'k' });
    // The key's PX of 1 ms has passed once Redis says the key is gone; no sleeping on the clock.
    const client = (outbox as unknown as { redis: import('ioredis').Redis }).redis;
    while ((await client.keys(`*${queueName}:switchboard:idem:*`)).length > 0) await client.ping();
    const second = await outbox.enqueue(message, { idempotencyKey: 'k' });
    expect(second.duplicate).toBe(false);
    expect(second.jobId).not.toBe(first.jobId);
  });
});

/**
 * Makes `read` of the outbox's queue let the job end (a worker sends it, or fails it for good)
 * right after its first call has read Redis and before it returns: the moment a job ending between
 * two reads of `getJob` would show a state and an outcome that disagree.
 */
function endJobAfterFirst(outbox: Outbox, read: 'getJobState' | 'getJob'): void {
  // Replaced on this one Queue instance; its type has no index signature for a generic wrapper.
  const queue = outbox.queue as unknown as Record<string, (jobId: string) => Promise<unknown>>;
  const original = (queue[read] as (jobId: string) => Promise<unknown>).bind(outbox.queue);
  let first = true;
  queue[read] = async (jobId: string) => {
    const value = await original(jobId);
    if (first) {
      first = false;
      const ended = Promise.race([
        nextEvent(outbox, 'sent', (event) => event.jobId === jobId),
        nextEvent(outbox, 'failed', (event) => event.jobId === jobId),
      ]);
      outbox.startWorker();
      await ended;
    }
    return value;
  };
}

const OUTCOMES = {
  sent: {
    message: { type: 'text', to: '+1 415 555 0100', text: 'status' },
    ended: { state: 'completed', result: { status: 'accepted', to: '14155550100' } },
  },
  'failed for good': {
    message: {
      type: 'template',
      to: '+1 415 555 0100',
      template: { name: 'no_such_template_anywhere', language: 'en_US' },
    },
    ended: { state: 'failed', error: { code: 'template_not_found' } },
  },
} as const;

describe('getJob while the job ends', () => {
  it.each([
    ['sent', 'getJobState'],
    ['sent', 'getJob'],
    ['failed for good', 'getJobState'],
    ['failed for good', 'getJob'],
  ] as const)(
    'never shows an end state without its outcome (the job is %s right after %s)',
    async (outcome, read) => {
      const { message, ended } = OUTCOMES[outcome];
      await using outbox = await createOutbox({
        connection: testbed.redis.url,
        provider: testbed.cloud.provider(),
        queueName: uniqueQueue(`status-${read}`),
      });
      const { jobId } = await outbox.enqueue(message);
      endJobAfterFirst(outbox, read);

      // Either the state before the job ended, with no outcome yet, or the end state with its outcome.
      const during = await outbox.getJob(jobId);
      if (during?.state === ended.state) expect(during).toMatchObject(ended);
      else expect(during).toMatchObject({ state: 'waiting', result: undefined, error: undefined });

      expect(await outbox.getJob(jobId)).toMatchObject(ended);
    },
  );
});
