import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLOUD_PHONE_NUMBER } from '@switchboard/testing';
import { http } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { collectOutcomes, inspect, uniqueQueue, useOutboxTestbed } from './__fixtures__/outbox-harness.js';
import { createOutbox } from './create-outbox.js';
import { OutboxKeys } from './outbox-keys.js';

const testbed = useOutboxTestbed({ resetHandlers: true });

const MESSAGES_PATH = `/:version/${DEFAULT_CLOUD_PHONE_NUMBER.id}/messages`;
const WORKER = fileURLToPath(new URL('./__fixtures__/outbox-worker-process.ts', import.meta.url));
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts a worker process and resolves once it takes jobs. */
async function workerProcess(
  queueName: string,
  concurrency: number,
  requestsPerSecond: number,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      WORKER,
      testbed.redis.url,
      queueName,
      testbed.cloud.server.url,
      String(concurrency),
      String(requestsPerSecond),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code}`)));
  });
  return child;
}

/** Holds the first send of `text` forever (the request reached the server) and says when it arrived. */
function holdFirst(text: string): Promise<void> {
  let held = false;
  return new Promise((arrived) => {
    testbed.cloud.server.use(
      http.post(MESSAGES_PATH, async ({ request }) => {
        const body = (await request.clone().json()) as { text?: { body?: string } };
        if (body.text?.body !== text || held) return undefined;
        held = true;
        arrived();
        // Never answered: the worker dies while waiting for it.
        await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve()));
        return new Response(null, { status: 499 });
      }),
    );
  });
}

async function killMidJob(queueName: string, labels: string[], idempotencyKey?: string) {
  const hung = holdFirst(labels[0] as string);
  const child = await workerProcess(queueName, labels.length, 0.5);
  await using producer = await createOutbox({
    connection: testbed.redis.url,
    provider: testbed.cloud.provider(),
    queueName,
  });
  const jobIds: string[] = [];
  for (const [index, text] of labels.entries()) {
    const options = index === 0 && idempotencyKey !== undefined ? { idempotencyKey } : {};
    jobIds.push((await producer.enqueue({ type: 'text', to: '14155550100', text }, options)).jobId);
  }
  // The first request reached the server; the other jobs are in the dead worker's hands too,
  // waiting for the shared rate limiter (one every 2 s) or not started.
  await hung;
  child.kill('SIGKILL');
  await once(child, 'exit');
  // What the server had received when the worker died: only those can have been in flight.
  return { jobIds, receivedBeforeKill: new Set(testbed.cloud.textSends().keys()) };
}

describe('a worker killed mid-job (SIGKILL)', () => {
  it('ends every job exactly once: none sent twice, the one caught in flight failed as ambiguous', async () => {
    const queueName = uniqueQueue('crash');
    const labels = ['crash-0', 'crash-1', 'crash-2', 'crash-3'];
    const { jobIds, receivedBeforeKill } = await killMidJob(queueName, labels);

    // A new worker takes over once the dead one's locks expire.
    await using rescuer = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    const outcomes = collectOutcomes(rescuer, labels.length);
    rescuer.startWorker({ lockDurationMs: 1_000, stalledIntervalMs: 300 });
    const { sent, failed } = await outcomes;

    const sends = testbed.cloud.textSends();
    for (const label of labels) expect(sends.get(label), label).toBe(1);
    // The held job failed as ambiguous; so did any other the dead worker had in flight (a slow
    // machine may let the next one start before the kill lands), and only those.
    expect(failed.find((event) => event.jobId === jobIds[0])).toMatchObject({
      code: 'unknown',
      message: expect.stringMatching(/stopped while this send was in flight/),
    });
    for (const event of failed) {
      expect(receivedBeforeKill.has(labels[jobIds.indexOf(event.jobId)] as string)).toBe(true);
    }
    expect([...sent, ...failed.map((event) => event.jobId)].sort()).toEqual([...jobIds].sort());
    for (const jobId of jobIds) {
      expect(['completed', 'failed']).toContain((await rescuer.getJob(jobId))?.state);
    }
  });

  it('resends the job caught in flight when it carries an idempotency key (the caller accepted it)', async () => {
    const queueName = uniqueQueue('crash-key');
    const labels = ['crash-key-0', 'crash-key-1'];
    const { jobIds, receivedBeforeKill } = await killMidJob(queueName, labels, 'crash-key');

    await using rescuer = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    const outcomes = collectOutcomes(rescuer, labels.length);
    rescuer.startWorker({ lockDurationMs: 1_000, stalledIntervalMs: 300 });
    const { sent, failed } = await outcomes;
    expect(sent).toContain(jobIds[0]);
    expect(testbed.cloud.textSends().get('crash-key-0')).toBe(2);
    expect(testbed.cloud.textSends().get('crash-key-1')).toBe(1);
    // The job without a key is sent once, or, if the dead worker already had it in flight, failed as ambiguous.
    const second = failed.find((event) => event.jobId === jobIds[1]);
    if (second !== undefined) expect(receivedBeforeKill.has('crash-key-1')).toBe(true);
    else expect(sent).toContain(jobIds[1]);
  });

  it('completes a job whose send succeeded before the crash from its record, without sending again', async () => {
    const queueName = uniqueQueue('crash-recorded');
    await using outbox = await createOutbox({
      connection: testbed.redis.url,
      provider: testbed.cloud.provider(),
      queueName,
    });
    const { jobId } = await outbox.enqueue({ type: 'text', to: '14155550100', text: 'recorded' });
    // What a worker leaves when it dies between the provider's answer and BullMQ's bookkeeping.
    const recorded = {
      id: 'wamid.recorded',
      provider: 'whatsapp-cloud',
      to: '14155550100',
      status: 'accepted',
      raw: {},
    };
    const client = inspect(testbed.redis.url);
    await client.set(
      new OutboxKeys('switchboard', queueName).attempt(jobId),
      JSON.stringify({ state: 'sent', result: recorded }),
    );
    await client.quit();
    const outcomes = collectOutcomes(outbox, 1);
    outbox.startWorker();
    expect((await outcomes).sent).toEqual([jobId]);
    expect(await outbox.getJob(jobId)).toMatchObject({
      state: 'completed',
      result: { id: 'wamid.recorded' },
    });
    expect(testbed.cloud.textSends().get('recorded')).toBeUndefined();
  });
});
