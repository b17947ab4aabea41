import { ValidationError } from '@switchboard/core';
import { DEFAULT_CLOUD_PHONE_NUMBER, faults } from '@switchboard/testing';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  collectOutcomes,
  inspect,
  nextEvent,
  uniqueQueue,
  useOutboxTestbed,
} from './__fixtures__/outbox-harness.js';
import type { BulkResults } from './bulk-results.js';
import { createOutbox } from './create-outbox.js';
import type { Outbox } from './outbox.js';

const testbed = useOutboxTestbed({ resetHandlers: true });

const template = { name: 'hello_world', language: 'en_US' };

/** How many sends reached the provider for `digits`. */
function sendsTo(digits: string): number {
  return testbed.cloud.server.requests.filter(
    (entry) => entry.method === 'POST' && (entry.json() as { to?: string }).to === digits,
  ).length;
}

/** Makes the provider refuse sends to `digits` with a final error (a number not in the allowed list). */
function refuse(digits: string): void {
  testbed.cloud.server.use(
    http.post(`/:version/${DEFAULT_CLOUD_PHONE_NUMBER.id}/messages`, async ({ request }) => {
      const body = (await request.clone().json()) as { to?: string };
      if (body.to !== digits) return undefined;
      return faults.status(400, {
        body: { error: { message: 'Recipient not in allowed list', type: 'OAuthException', code: 131030 } },
      });
    }),
  );
}

/**
 * Makes the outbox's first write of a campaign outcome fail, as a Redis blip would (the processor's
 * write); later ones go through. Returns the errors the outbox reports.
 */
function failFirstRecord(outbox: Outbox): Error[] {
  const bulk = (outbox as unknown as { bulk: BulkResults }).bulk;
  const record = bulk.record.bind(bulk);
  let blips = 1;
  bulk.record = async (...args) => {
    if (blips-- > 0) throw new Error(READONLY);
    return record(...args);
  };
  const errors: Error[] = [];
  outbox.on('error', (error) => errors.push(error));
  return errors;
}

const READONLY = 'READONLY You can’t write against a read only replica.';

describe('a campaign enqueued again', () => {
  it('sends no recipient twice once its finished job was removed (by age), even if the job is made again', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('bulk-again'),
    });
    const request = { template, recipients: [{ to: '+14155550131' }, { to: '+14155550132' }] };
    const first = await outbox.enqueueBulk(request, { bulkId: 'again' });
    const ended = collectOutcomes(outbox, 2);
    outbox.startWorker();
    await ended;
    const [removedId] = first.jobIds as [string];
    const removed = await outbox.queue.getJob(removedId);
    // As BullMQ does once `removeOnComplete`'s age passed, while the campaign is still registered.
    await outbox.queue.remove(removedId);

    const again = await outbox.enqueueBulk(request, { bulkId: 'again' });
    expect(again.jobIds).toEqual(first.jobIds);
    expect(await outbox.queue.getJob(removedId)).toBeUndefined();

    // Made again anyway (by a call that read the campaign before the job was removed), after its
    // attempt record lapsed too (a campaign longer than that record's hour): it ends as recorded,
    // without a send.
    const client = inspect(testbed.redis.url);
    await client.del(`switchboard:${outbox.queue.name}:switchboard:attempt:${removedId}`);
    await client.quit();
    const sentAgain = nextEvent(outbox, 'sent', (event) => event.jobId === removedId);
    await outbox.queue.add('send', removed?.data, { jobId: removedId });
    const event = await sentAgain;
    const progress = await outbox.getBulkResult('again');
    expect(event.result.id).toBe(progress?.results[0]?.id);
    expect(sendsTo('14155550131')).toBe(1);
    expect(progress).toMatchObject({ total: 2, sent: 2, done: true });
  });

  it('fails a recipient made again as recorded, without a send', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('bulk-again-failed'),
    });
    refuse('14155550136');
    const { bulkId, jobIds } = await outbox.enqueueBulk({ template, recipients: [{ to: '+14155550136' }] });
    const [jobId] = jobIds as [string];
    const failed = nextEvent(outbox, 'failed', (event) => event.jobId === jobId);
    outbox.startWorker();
    const first = await failed;
    const data = (await outbox.queue.getJob(jobId))?.data;
    await outbox.queue.remove(jobId);
    const client = inspect(testbed.redis.url);
    await client.del(`switchboard:${outbox.queue.name}:switchboard:attempt:${jobId}`);
    await client.quit();
    const failedAgain = nextEvent(outbox, 'failed', (event) => event.jobId === jobId);
    await outbox.queue.add('send', data, { jobId });
    expect(await failedAgain).toMatchObject({ code: first.code, message: first.message });
    expect(sendsTo('14155550136')).toBe(1);
    expect(await outbox.getBulkResult(bulkId)).toMatchObject({ failed: 1, done: true });
  });

  it('is the same campaign with its keys in another order', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('bulk-order'),
    });
    const first = await outbox.enqueueBulk(
      { template, recipients: [{ to: '+14155550133', parameters: { first: 'Ada', second: 'A-1' } }] },
      { bulkId: 'ordered', providerOptions: { wati: { b: 1, a: 2 } } },
    );
    const again = await outbox
      .enqueueBulk(
        {
          template: { language: 'en_US', name: 'hello_world' },
          recipients: [{ to: '+14155550133', parameters: { second: 'A-1', first: 'Ada' } }],
        },
        { bulkId: 'ordered', providerOptions: { wati: { a: 2, b: 1 } } },
      )
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(again)).toBe(false);
    expect(again).toEqual(first);
  });
});

describe('a campaign id used again after its registration expired', () => {
  it('keeps the results of each registration apart: an old job ending late is not the new campaign’s', async () => {
    const queueName = uniqueQueue('bulk-apart');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    const client = inspect(testbed.redis.url);
    const request = { template, recipients: [{ to: '+14155550134' }] };
    const old = await outbox.enqueueBulk(request, { bulkId: 'weekly' });
    // Its registration expired while its job still waited (a backlog longer than the TTL).
    await client.del(`switchboard:${queueName}:switchboard:bulk:weekly`);
    await client.quit();
    // The new registration's job waits an hour.
    const renewed = await outbox.enqueueBulk(request, { bulkId: 'weekly', delayMs: 3_600_000 });
    expect(renewed.jobIds).not.toEqual(old.jobIds);
    const oldSent = nextEvent(outbox, 'sent', (event) => event.jobId === old.jobIds[0]);
    outbox.startWorker();
    await oldSent;
    expect(await outbox.getBulkResult('weekly')).toMatchObject({ total: 1, pending: 1, done: false });
  });
});

describe('a final failure', () => {
  it('stays final when Redis fails to record it: no retry, no second send, the campaign still ends', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('bulk-final'),
      attempts: 3,
    });
    refuse('14155550135');
    const errors = failFirstRecord(outbox);
    let retries = 0;
    outbox.on('retrying', () => retries++);
    const failed = nextEvent(outbox, 'failed');
    const { bulkId } = await outbox.enqueueBulk({ template, recipients: [{ to: '+14155550135' }] });
    outbox.startWorker();
    expect(await failed).toMatchObject({ attemptsMade: 1 });
    expect(retries).toBe(0);
    expect(sendsTo('14155550135')).toBe(1);
    expect(errors.map((error) => error.message)).toEqual([READONLY]);
    expect(await outbox.getBulkResult(bulkId)).toMatchObject({ total: 1, failed: 1, done: true });
  });
});

describe('a delivered send', () => {
  it('stays sent when Redis fails to record it: the campaign gets its outcome when the job completes', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('bulk-sent-blip'),
      attempts: 3,
    });
    const errors = failFirstRecord(outbox);
    const sent = nextEvent(outbox, 'sent');
    const { bulkId } = await outbox.enqueueBulk({ template, recipients: [{ to: '+14155550137' }] });
    outbox.startWorker();
    const event = await sent;
    expect(sendsTo('14155550137')).toBe(1);
    expect(errors).toHaveLength(1);
    expect(await outbox.getJob(event.jobId)).toMatchObject({ state: 'completed', attemptsMade: 1 });
    expect((await outbox.getBulkResult(bulkId))?.results).toEqual([
      { to: '14155550137', ok: true, id: event.result.id },
    ]);
  });
});

describe('a campaign whose recipient waits for a retry', () => {
  it('is kept through the wait, so it is still the same campaign when the retry comes', async () => {
    const queueName = uniqueQueue('bulk-keep');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
      idempotencyTtlMs: 60_000,
      attempts: 2,
    });
    // Five minutes of Retry-After: longer than the campaign's TTL.
    testbed.cloud.server.use(
      http.post(`/:version/${DEFAULT_CLOUD_PHONE_NUMBER.id}/messages`, async ({ request }) => {
        const body = (await request.clone().json()) as { to?: string };
        if (body.to !== '14155550138') return undefined;
        return faults.status(429, { retryAfter: 300, body: { error: { code: 4 } } });
      }),
    );
    const retrying = nextEvent(outbox, 'retrying');
    await outbox.enqueueBulk({ template, recipients: [{ to: '+14155550138' }] }, { bulkId: 'paused' });
    outbox.startWorker();
    expect(await retrying).toMatchObject({ delayMs: 300_000 });
    const client = inspect(testbed.redis.url);
    const ttl = await client.pttl(`switchboard:${queueName}:switchboard:bulk:paused`);
    await client.quit();
    expect(ttl).toBeGreaterThan(300_000);
  });
});
