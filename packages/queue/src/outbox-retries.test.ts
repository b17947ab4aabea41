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
import { createOutbox } from './create-outbox.js';
import { hashKey } from './outbox-keys.js';
import type { OutboxRetryingEvent } from './outbox-processor.js';

const testbed = useOutboxTestbed({ resetHandlers: true });

const MESSAGES_PATH = `/:version/${DEFAULT_CLOUD_PHONE_NUMBER.id}/messages`;

/** Answers the first `times` sends of `text` with `fault`; later ones fall through to the emulator. */
function failFirst(text: string, times: number, fault: () => Response): void {
  let left = times;
  testbed.cloud.server.use(
    http.post(MESSAGES_PATH, async ({ request }) => {
      const body = (await request.clone().json()) as { text?: { body?: string } };
      if (body.text?.body !== text || left === 0) return undefined;
      left -= 1;
      return fault();
    }),
  );
}

async function outboxFor(label: string, extra: { attempts?: number } = {}) {
  return createOutbox({
    connection: testbed.redis.url,
    provider: testbed.cloud.provider(),
    queueName: uniqueQueue(label),
    backoff: { baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
}

describe('retry policy by error class', () => {
  it('retries a rate-limited send after the Retry-After the provider gave', async () => {
    await using outbox = await outboxFor('retry-after');
    failFirst('retry-after', 1, () => faults.status(429, { retryAfter: 1, body: { error: { code: 4 } } }));
    const retrying: OutboxRetryingEvent[] = [];
    outbox.on('retrying', (event) => retrying.push(event));
    const sent = nextEvent(outbox, 'sent');
    outbox.startWorker();
    const { jobId } = await outbox.enqueue({ type: 'text', to: '14155550100', text: 'retry-after' });
    await sent;
    expect(retrying).toEqual([
      expect.objectContaining({
        jobId,
        attempt: 1,
        delayMs: 1000,
        code: 'rate_limited',
        provider: 'whatsapp-cloud',
      }),
    ]);
    expect(testbed.cloud.textSends().get('retry-after')).toBe(2);
    expect(await outbox.getJob(jobId)).toMatchObject({ state: 'completed', attemptsMade: 2 });
  });

  it('keeps the idempotency key claimed through the wait before a retry, and the TTL after it', async () => {
    const queueName = uniqueQueue('claim-retry');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
      idempotencyTtlMs: 60_000,
    });
    // Five minutes of Retry-After: longer than the key's TTL.
    failFirst('claim-retry', 1, () => faults.status(429, { retryAfter: 300, body: { error: { code: 4 } } }));
    const retrying = nextEvent(outbox, 'retrying');
    outbox.startWorker();
    const { jobId } = await outbox.enqueue(
      { type: 'text', to: '14155550100', text: 'claim-retry' },
      { idempotencyKey: 'claim-retry' },
    );
    expect(await retrying).toMatchObject({ jobId, delayMs: 300_000 });
    const client = inspect(testbed.redis.url);
    const ttl = await client.pttl(`switchboard:${queueName}:switchboard:idem:${hashKey('claim-retry')}`);
    await client.quit();
    expect(ttl).toBeGreaterThan(300_000);
    // So the same key enqueued during the outage is still this job.
    expect(
      await outbox.enqueue(
        { type: 'text', to: '14155550100', text: 'claim-retry' },
        { idempotencyKey: 'claim-retry' },
      ),
    ).toStrictEqual({ jobId, duplicate: true });
  });

  it('fails a final error at once, with its neutral code, never retrying', async () => {
    await using outbox = await outboxFor('final');
    failFirst('final', 5, () => faults.status(401, { body: { error: { code: 190, message: 'bad token' } } }));
    let retries = 0;
    outbox.on('retrying', () => retries++);
    const failed = nextEvent(outbox, 'failed');
    outbox.startWorker();
    const { jobId } = await outbox.enqueue({ type: 'text', to: '14155550100', text: 'final' });
    expect(await failed).toMatchObject({ jobId, code: 'auth_failed', attemptsMade: 1 });
    expect(retries).toBe(0);
    expect(testbed.cloud.textSends().get('final')).toBe(1);
    expect(await outbox.getJob(jobId)).toMatchObject({ state: 'failed', error: { code: 'auth_failed' } });
  });

  it('does not resend after an ambiguous failure (a 500) without an idempotency key', async () => {
    await using outbox = await outboxFor('ambiguous');
    failFirst('ambiguous', 5, () => faults.status(500, { body: { error: { code: 1 } } }));
    const failed = nextEvent(outbox, 'failed');
    outbox.startWorker();
    await outbox.enqueue({ type: 'text', to: '14155550100', text: 'ambiguous' });
    const event = await failed;
    expect(event.code).toBe('provider_unavailable');
    expect(event.message).toMatch(/may have been sent anyway/);
    expect(testbed.cloud.textSends().get('ambiguous')).toBe(1);
  });

  it('resends after an ambiguous failure when the job carries an idempotency key', async () => {
    await using outbox = await outboxFor('ambiguous-key');
    failFirst('ambiguous-key', 1, () => faults.status(500, { body: { error: { code: 1 } } }));
    const sent = nextEvent(outbox, 'sent');
    outbox.startWorker();
    await outbox.enqueue(
      { type: 'text', to: '14155550100', text: 'ambiguous-key' },
      { idempotencyKey: 'amb-1' },
    );
    await sent;
    expect(testbed.cloud.textSends().get('ambiguous-key')).toBe(2);
  });

  it('gives up after `attempts` and fails with the last code', async () => {
    await using outbox = await outboxFor('exhausted', { attempts: 3 });
    failFirst('exhausted', 10, () => faults.status(503));
    const retried: number[] = [];
    outbox.on('retrying', (event) => retried.push(event.attempt));
    const failed = nextEvent(outbox, 'failed');
    outbox.startWorker();
    await outbox.enqueue({ type: 'text', to: '14155550100', text: 'exhausted' });
    const event = await failed;
    expect(event).toMatchObject({ code: 'provider_unavailable', attemptsMade: 3 });
    expect(event.message).toMatch(/gave up after 3 attempts/);
    expect(retried).toEqual([1, 2]);
    expect(testbed.cloud.textSends().get('exhausted')).toBe(3);
  });
});

describe('jobs that no longer validate', () => {
  it('fails a stored message that breaks the schema with a reason naming the field, and sends nothing', async () => {
    await using outbox = await outboxFor('stale');
    const postsBefore = testbed.cloud.server.requests.length;
    const outcomes = collectOutcomes(outbox, 3);
    // Written as an older version (or another writer) would have: straight into BullMQ.
    await outbox.queue.add('send', {
      v: 1,
      provider: 'whatsapp-cloud',
      message: { type: 'text', to: '14155550100', text: 'x'.repeat(5000) },
    });
    await outbox.queue.add('send', {
      v: 1,
      provider: 'twilio',
      message: { type: 'text', to: '1', text: 'x' },
    });
    await outbox.queue.add('send', { something: 'else' });
    outbox.startWorker();
    const { failed, sent } = await outcomes;
    expect(sent).toEqual([]);
    const byMessage = failed.map((event) => [event.code, event.message]);
    expect(byMessage).toEqual(
      expect.arrayContaining([
        ['validation_failed', expect.stringMatching(/no longer validates: .*text/)],
        ['validation_failed', expect.stringMatching(/unknown provider "twilio"/)],
        [
          'validation_failed',
          expect.stringMatching(/not an outbox job of this version \(fields: v, provider, message/),
        ],
      ]),
    );
    expect(failed.every((event) => event.attemptsMade === 1)).toBe(true);
    expect(testbed.cloud.server.requests.length).toBe(postsBefore);
  });
});

describe('close', () => {
  it('is graceful: a send in flight finishes and is recorded before the worker stops', async () => {
    const queueName = uniqueQueue('graceful');
    const outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    let arrived: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    testbed.cloud.server.use(
      http.post(MESSAGES_PATH, async ({ request }) => {
        const body = (await request.clone().json()) as { text?: { body?: string } };
        if (body.text?.body !== 'graceful') return undefined;
        arrived();
        await faults.delay(300, request.signal);
        return undefined;
      }),
    );
    const sent = nextEvent(outbox, 'sent');
    outbox.startWorker();
    const { jobId } = await outbox.enqueue({ type: 'text', to: '14155550100', text: 'graceful' });
    await inFlight;
    await outbox.close();
    expect((await sent).jobId).toBe(jobId);
    await using reader = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    expect(await reader.getJob(jobId)).toMatchObject({ state: 'completed' });
    expect(testbed.cloud.textSends().get('graceful')).toBe(1);
  });
});
