import { ValidationError } from '@switchboard/core';
import { DEFAULT_CLOUD_PHONE_NUMBER, faults } from '@switchboard/testing';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { collectOutcomes, inspect, uniqueQueue, useOutboxTestbed } from './__fixtures__/outbox-harness.js';
import { createOutbox } from './create-outbox.js';
import { RedisTokenBucketRateLimiter } from './redis-token-bucket.js';

const testbed = useOutboxTestbed();

const template = { name: 'hello_world', language: 'en_US' };

describe('enqueueBulk', () => {
  it('sends one job per recipient and reports each outcome in recipient order', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('bulk'),
    });
    // The second recipient's number is refused as a final error.
    testbed.cloud.server.use(
      http.post(`/:version/${DEFAULT_CLOUD_PHONE_NUMBER.id}/messages`, async ({ request }) => {
        const body = (await request.clone().json()) as { to?: string };
        if (body.to !== '14155550102') return undefined;
        return faults.status(400, {
          body: {
            error: {
              message: 'Recipient phone number not in allowed list',
              type: 'OAuthException',
              code: 131030,
            },
          },
        });
      }),
    );
    const outcomes = collectOutcomes(outbox, 3);
    const campaign = {
      template,
      campaign: 'spring-2026',
      recipients: [{ to: '+1 415 555 0101' }, { to: '14155550102' }, { to: '14155550103' }],
    };
    const { bulkId, jobIds } = await outbox.enqueueBulk(campaign, { bulkId: 'spring-2026' });
    expect(bulkId).toBe('spring-2026');
    // One job per recipient, named by the campaign, this registration of it and the position.
    expect(jobIds).toHaveLength(3);
    for (const [index, jobId] of jobIds.entries()) {
      expect(jobId).toMatch(new RegExp(`^bulk-spring-2026-[0-9a-f]{8}-${index}$`));
    }
    const before = await outbox.getBulkResult(bulkId);
    expect(before).toMatchObject({ total: 3, done: false, campaign: 'spring-2026' });

    outbox.startWorker({ concurrency: 3 });
    await outcomes;
    const progress = await outbox.getBulkResult(bulkId);
    expect(progress).toMatchObject({ total: 3, sent: 2, failed: 1, pending: 0, done: true });
    expect(progress?.result?.results).toEqual([
      { to: '14155550101', ok: true, id: expect.stringMatching(/^wamid\./) },
      {
        to: '14155550102',
        ok: false,
        error: expect.objectContaining({ code: expect.any(String), retryable: false }),
      },
      { to: '14155550103', ok: true, id: expect.stringMatching(/^wamid\./) },
    ]);
    // Enqueueing the same campaign again adds nothing: the jobs are still there.
    expect((await outbox.enqueueBulk(campaign, { bulkId: 'spring-2026' })).jobIds).toEqual(jobIds);
    expect(await outbox.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBe(0);
    expect(await outbox.getBulkResult('nope')).toBeUndefined();
    testbed.cloud.server.resetHandlers();
  });

  it('validates the whole campaign first: one bad recipient, nothing enqueued', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('bulk-invalid'),
    });
    const attempt = outbox.enqueueBulk(
      { template, recipients: [{ to: '14155550101' }, { to: 'call me' }] },
      { bulkId: 'bad' },
    );
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fields: ['recipients.1.to'] });
    expect(await outbox.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBe(0);
    expect(await outbox.getBulkResult('bad')).toBeUndefined();
  });
});

describe('rateLimit', () => {
  it('paces every worker of the queue with one shared limiter, the provider name as group', async () => {
    const queueName = uniqueQueue('paced');
    const waits: number[] = [];
    const groups: (string | undefined)[] = [];
    const client = inspect(testbed.redis.url);
    const bucket = new RedisTokenBucketRateLimiter({
      redis: client,
      key: `${queueName}:bucket`,
      requestsPerSecond: 5,
      burst: 2,
      now: () => 1_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const limiter = {
      acquire: (group?: string, signal?: AbortSignal) => {
        groups.push(group);
        return bucket.acquire(group, signal);
      },
    };
    await using a = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
      rateLimit: limiter,
    });
    await using b = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
      rateLimit: limiter,
    });
    const seen = { count: 0 };
    const done = new Promise<void>((resolve) => {
      const count = () => {
        seen.count += 1;
        if (seen.count === 6) resolve();
      };
      a.on('sent', count);
      b.on('sent', count);
    });
    for (let index = 0; index < 6; index++)
      await a.enqueue({ type: 'text', to: '14155550100', text: `paced-${index}` });
    a.startWorker({ concurrency: 3 });
    b.startWorker({ concurrency: 3 });
    await done;
    expect(groups).toEqual(Array(6).fill('whatsapp-cloud'));
    // Two from the burst, then one every 200 ms of bucket time, whichever worker asked.
    expect(waits.sort((x, y) => x - y)).toEqual([200, 400, 600, 800]);
    await client.quit();
  });
});
