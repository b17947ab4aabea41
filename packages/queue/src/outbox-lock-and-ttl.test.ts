import { type RateLimiter, ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import {
  inspect,
  nextEvent,
  replayEachCall,
  uniqueQueue,
  useOutboxTestbed,
  waitForEndStates,
} from './__fixtures__/outbox-harness.js';
import type { AttemptRecords } from './attempt-record.js';
import { createOutbox } from './create-outbox.js';
import { hashKey } from './outbox-keys.js';

const testbed = useOutboxTestbed();

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const template = { name: 'hello_world', language: 'en_US' };

describe('a worker whose lock lapsed while it waited', () => {
  it('does not send: the job is the worker that took it over', async () => {
    const waiting = deferred();
    const gate = deferred();
    // A limiter that holds the send until the test lets it go, as a long pause would.
    const limiter: RateLimiter = {
      acquire: async () => {
        waiting.resolve();
        await gate.promise;
      },
    };
    const queueName = uniqueQueue('lock');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
      rateLimit: limiter,
    });
    const client = inspect(testbed.redis.url);
    const text = `lock-${queueName}`;
    const { jobId } = await outbox.enqueue({ type: 'text', to: '+14155550101', text });
    // BullMQ reports that it could not end the job: the lock is not this worker's.
    const reported = new Promise<void>((resolve) => {
      outbox.on('error', (error) => {
        if (error.message.includes(jobId)) resolve();
      });
    });
    outbox.startWorker({ lockDurationMs: 60_000 });
    await waiting.promise;
    // Meanwhile another worker took the job over: the lock holds its token now.
    await client.set(`switchboard:${queueName}:${jobId}:lock`, 'token-of-the-other-worker');
    gate.resolve();
    await reported;
    expect(testbed.cloud.textSends().get(text)).toBeUndefined();
    expect(await client.get(`switchboard:${queueName}:switchboard:attempt:${jobId}`)).toBeNull();
    await client.quit();
    await outbox.close({ force: true });
  });
});

describe('a claim whose reply a dropped connection lost', () => {
  it('is the worker’s own when ioredis sends it again: the job is sent once, not failed as maybe sent', async () => {
    const queueName = uniqueQueue('claim-replay');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    // What ioredis does after a dropped connection: the script ran, its reply was lost, and the
    // command is sent again. Here every claim runs twice; the worker sees the second reply.
    const { attempts, redis } = outbox as unknown as {
      attempts: AttemptRecords;
      redis: Record<string, unknown>;
    };
    await attempts.claimInFlight('defines-the-command', 1, undefined);
    replayEachCall(redis, 'switchboardClaimInFlight');
    const text = `replayed-${queueName}`;
    const { jobId } = await outbox.enqueue({ type: 'text', to: '+14155550101', text });
    outbox.startWorker();
    expect(await waitForEndStates(outbox, [jobId])).toStrictEqual({ sent: [jobId], failed: [] });
    expect(testbed.cloud.textSends().get(text)).toBe(1);
  });

  it('is not reported as a duplicate when the idempotency claim runs again', async () => {
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName: uniqueQueue('key-replay'),
    });
    const redis = (outbox as unknown as { redis: object }).redis;
    const message = { type: 'text', to: '+14155550101', text: 'first' } as const;
    await outbox.enqueue(message, { idempotencyKey: 'defines-the-command' });
    replayEachCall(redis, 'switchboardClaimIdempotencyKey');
    expect(await outbox.enqueue(message, { idempotencyKey: 'order-9' })).toMatchObject({ duplicate: false });
    expect(await outbox.enqueue(message, { idempotencyKey: 'order-9' })).toMatchObject({ duplicate: true });
  });
});

describe('idempotency keys', () => {
  it('are held through a delay, and for the TTL again once the job ended', async () => {
    const queueName = uniqueQueue('ttl');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
      idempotencyTtlMs: 60_000,
    });
    const client = inspect(testbed.redis.url);
    const keyOf = (key: string) => `switchboard:${queueName}:switchboard:idem:${hashKey(key)}`;
    await outbox.enqueue(
      { type: 'text', to: '+14155550101', text: 'later' },
      { idempotencyKey: 'reminder-42', delayMs: 3_600_000 },
    );
    // Claimed for the TTL plus the delay, so the job is still protected when it runs.
    expect(await client.pttl(keyOf('reminder-42'))).toBeGreaterThan(3_600_000);

    const { jobId } = await outbox.enqueue(
      { type: 'text', to: '+14155550101', text: `now-${queueName}` },
      { idempotencyKey: 'receipt-7' },
    );
    // As if it had waited in a backlog until its claim neared its end. 20 s, not less: a slow
    // machine may take seconds to start the worker, and a lapsed claim is not renewed.
    await client.pexpire(keyOf('receipt-7'), 20_000);
    const sent = nextEvent(outbox, 'sent', (event) => event.jobId === jobId);
    outbox.startWorker();
    await sent;
    expect(await client.pttl(keyOf('receipt-7'))).toBeGreaterThan(30_000);
    await client.quit();
  });
});

describe('enqueue options', () => {
  it('are refused before anything is written when providerOptions are not JSON or a name is misspelt', async () => {
    const queueName = uniqueQueue('options');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    const client = inspect(testbed.redis.url);
    // BullMQ writes its queue's `meta` key on its own; anything else would be this enqueue's.
    const written = async () =>
      (await client.keys(`switchboard:${queueName}:*`)).filter((key) => !key.endsWith(':meta'));
    const keysBefore = await written();
    const message = { type: 'text', to: '+14155550101', text: 'hi' } as const;
    const refused = async (options: unknown) => {
      const error = await outbox.enqueue(message, options as never).catch((caught: unknown) => caught);
      expect(ValidationError.isInstance(error)).toBe(true);
      return (error as ValidationError).fields;
    };
    expect(await refused({ idempotencyKey: 'k', providerOptions: { wati: { count: 1n } } })).toEqual([
      'providerOptions.wati.count',
    ]);
    expect(await refused({ providerOptions: { wati: { at: new Date(0) } } })).toEqual([
      'providerOptions.wati.at',
    ]);
    expect(await refused({ delay: 5000 })).toEqual(['']);
    const bulk = await outbox
      .enqueueBulk({ template, recipients: [{ to: '+14155550101' }] }, {
        providerOptions: { 'whatsapp-cloud': { send: () => undefined } },
      } as never)
      .catch((caught: unknown) => caught);
    expect((bulk as ValidationError).fields).toEqual(['providerOptions.whatsapp-cloud.send']);
    expect(await written()).toEqual(keysBefore);
    await client.quit();
  });
});

describe('bulk campaign ids', () => {
  it('name one campaign: the same request again adds nothing, another request is refused', async () => {
    const queueName = uniqueQueue('bulk-id');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    const request = { template, recipients: [{ to: '+14155550101' }, { to: '+14155550102' }] };
    const first = await outbox.enqueueBulk(request, { bulkId: 'spring' });
    const again = await outbox.enqueueBulk(request, { bulkId: 'spring' });
    expect(again.jobIds).toEqual(first.jobIds);
    const other = await outbox
      .enqueueBulk(
        { ...request, recipients: [...request.recipients, { to: '+14155550103' }] },
        { bulkId: 'spring' },
      )
      .catch((caught: unknown) => caught);
    expect(ValidationError.isInstance(other)).toBe(true);
    expect((other as ValidationError).fields).toEqual(['bulkId']);
    expect((await outbox.getBulkResult('spring'))?.total).toBe(2);
  });

  it('make new jobs when the id is used again after its campaign expired, never reusing old records', async () => {
    const queueName = uniqueQueue('bulk-reuse');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    const client = inspect(testbed.redis.url);
    const request = { template, recipients: [{ to: '+14155550111' }] };
    const first = await outbox.enqueueBulk(request, { bulkId: 'daily' });
    const done = nextEvent(outbox, 'sent');
    outbox.startWorker();
    await done;
    // The campaign's registration expired (its TTL passed); its jobs' attempt records are kept longer.
    await client.del(...(await client.keys(`switchboard:${queueName}:switchboard:bulk:daily*`)));
    const second = await outbox.enqueueBulk(request, { bulkId: 'daily' });
    expect(second.jobIds[0]).not.toBe(first.jobIds[0]);
    const sentAgain = nextEvent(outbox, 'sent', (event) => event.jobId === second.jobIds[0]);
    await sentAgain;
    const sends = testbed.cloud.server.requests.filter(
      (entry) => entry.method === 'POST' && (entry.json() as { to?: string }).to === '14155550111',
    );
    expect(sends).toHaveLength(2);
    expect(await outbox.getBulkResult('daily')).toMatchObject({ total: 1, sent: 1, done: true });
    await client.quit();
  });

  it('record a recipient whose job failed outside the send (the limiter threw), so the campaign ends', async () => {
    const queueName = uniqueQueue('bulk-limiter');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
      attempts: 1,
      rateLimit: {
        acquire: async () => {
          throw new Error('limiter down');
        },
      },
    });
    const { bulkId } = await outbox.enqueueBulk({ template, recipients: [{ to: '+14155550121' }] });
    const failed = nextEvent(outbox, 'failed');
    outbox.startWorker();
    await failed;
    // Told once the campaign shows it.
    const progress = await outbox.getBulkResult(bulkId);
    expect(progress).toMatchObject({ total: 1, failed: 1, done: true });
    expect(progress?.results[0]).toMatchObject({ ok: false, error: { message: 'limiter down' } });
  });
});
