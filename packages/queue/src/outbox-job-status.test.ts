import { type RedisServer, startRedisServer } from '@switchboard/provider-test-kit/redis-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CloudHarness,
  nextEvent,
  startCloudHarness,
  uniqueQueue,
} from './__fixtures__/outbox-harness.js';
import { createOutbox } from './create-outbox.js';
import type { Outbox } from './outbox.js';

let redis: RedisServer;
let cloud: CloudHarness;

beforeAll(async () => {
  [redis, cloud] = await Promise.all([startRedisServer(), startCloudHarness()]);
});

afterAll(async () => {
  await cloud?.close();
  await redis?.[Symbol.asyncDispose]();
});

/**
 * Makes `read` of the outbox's queue let the job end (a worker sends it) right after its first
 * call has read Redis and before it returns: the moment a job ending between two reads of
 * `getJob` would show a state and an outcome that disagree.
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
      const sent = nextEvent(outbox, 'sent', (event) => event.jobId === jobId);
      outbox.startWorker();
      await sent;
    }
    return value;
  };
}

describe('getJob while the job ends', () => {
  it.each(['getJobState', 'getJob'] as const)(
    'never shows completed without its result (the job ends right after %s)',
    async (read) => {
      await using outbox = await createOutbox({
        connection: redis.url,
        provider: cloud.provider(),
        queueName: uniqueQueue(`status-${read}`),
      });
      const { jobId } = await outbox.enqueue({ type: 'text', to: '+1 415 555 0100', text: `status ${read}` });
      endJobAfterFirst(outbox, read);

      const during = await outbox.getJob(jobId);
      if (during?.state === 'completed') expect(during.result).toMatchObject({ status: 'accepted' });
      else expect(during).toMatchObject({ state: 'waiting', result: undefined, error: undefined });

      expect(await outbox.getJob(jobId)).toMatchObject({
        state: 'completed',
        result: { status: 'accepted', to: '14155550100' },
      });
    },
  );
});
