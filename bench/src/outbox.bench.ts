// The outbox under load: N jobs through W worker processes sharing one Redis token bucket, against a
// loopback server that counts every send it receives. One worker is SIGKILLed mid-run and replaced.
import { type ChildProcess, fork } from 'node:child_process';
import { createWhatsAppCloud } from '@switchboard/provider-whatsapp-cloud';
import { createOutbox } from '@switchboard/queue';
import { startCountingServer } from './outbox-bench-server.ts';
import { startRedis } from './redis-process.ts';

export interface OutboxBenchOptions {
  /** Extra `node` flags of the worker processes, e.g. `--max-old-space-size=64` to bound V8's heap. */
  workerNodeFlags?: readonly string[];
  jobs: number;
  workers: number;
  /** The shared limit, requests per second. */
  rate: number;
  /** Jobs each worker runs at once. */
  concurrency: number;
  /** Kill one worker (SIGKILL) once this fraction of the jobs ended; 0 to kill none. */
  killAt: number;
  /** Progress lines go here. */
  log: (line: string) => void;
}

export interface OutboxBenchResult {
  jobs: number;
  workers: number;
  limit: number;
  /** Sends the server received per second, from the moment every worker was ready to the last send. */
  rate: number;
  sent: number;
  failed: number;
  /** Failures because a killed worker had the request in flight (not resent: no idempotency key). */
  failedInFlight: number;
  /** Texts the server received more than once. */
  duplicates: number;
  /** Jobs that never ended, or ended `completed` without the server ever receiving them. */
  lost: number;
  /** Largest RSS growth of a worker process over its RSS once ready, in MB. */
  maxRssGrowthMb: number;
  /**
   * Largest growth of a worker's live heap (after a full GC) from when it was ready to when it was
   * stopped, in MB: what the worker holds, without the garbage RSS also counts. Workers that were
   * SIGKILLed report no end figure and are left out.
   */
  maxLiveHeapGrowthMb: number | undefined;
  killed: number;
  seconds: number;
}

const QUEUE = 'bench-outbox';

export async function benchOutbox(options: OutboxBenchOptions): Promise<OutboxBenchResult> {
  const redis = await startRedis();
  const server = await startCountingServer();
  const provider = createWhatsAppCloud({
    transport: 'direct',
    baseUrl: server.origin,
    accessToken: 'bench-access-token',
    phoneNumberId: '106540352242922',
  });
  const producer = await createOutbox({
    connection: redis.url,
    provider,
    queueName: QUEUE,
    idempotencyTtlMs: 60 * 60 * 1000,
  });
  try {
    options.log(`enqueueing ${options.jobs} jobs`);
    for (let start = 0; start < options.jobs; start += 500) {
      const end = Math.min(options.jobs, start + 500);
      await Promise.all(
        Array.from({ length: end - start }, (_, offset) =>
          producer.enqueue({ type: 'text', to: '16505551234', text: `job-${start + offset}` }),
        ),
      );
    }

    const rss = new Map<ChildProcess, { baseline: number; max: number }>();
    const heap = new Map<ChildProcess, { ready?: number; stopped?: number }>();
    const spawnWorker = async (): Promise<ChildProcess> => {
      const child = fork(
        new URL('./outbox-bench-worker.ts', import.meta.url),
        [redis.url, QUEUE, server.origin, String(options.rate), String(options.concurrency)],
        {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          execArgv: [...process.execArgv, '--expose-gc', ...(options.workerNodeFlags ?? [])],
        },
      );
      await new Promise<void>((resolve, reject) => {
        child.on('message', (message) => {
          const {
            rss: bytes,
            ready,
            liveHeap,
          } = message as {
            rss?: number;
            ready?: boolean;
            liveHeap?: number;
          };
          if (liveHeap !== undefined) {
            const seen = heap.get(child) ?? {};
            heap.set(child, seen.ready === undefined ? { ready: liveHeap } : { ...seen, stopped: liveHeap });
          }
          if (bytes !== undefined) {
            const seen = rss.get(child);
            if (seen === undefined) rss.set(child, { baseline: bytes, max: bytes });
            else seen.max = Math.max(seen.max, bytes);
          }
          if (ready) resolve();
        });
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
      return child;
    };

    const started = performance.now();
    const workers = await Promise.all(Array.from({ length: options.workers }, spawnWorker));
    // The rate is measured from here, once every worker runs: starting processes is not sending.
    const readyAt = performance.now();
    const receivedAtReady = server.received;
    let killed = 0;
    let ended = 0;
    let lastProgress = performance.now();
    while (ended < options.jobs) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const counts = await producer.queue.getJobCounts('completed', 'failed');
      const now = (counts.completed ?? 0) + (counts.failed ?? 0);
      if (now > ended) lastProgress = performance.now();
      ended = now;
      if (performance.now() - lastProgress > 120_000) break; // stuck: the rest counts as lost
      if (killed === 0 && options.killAt > 0 && ended >= options.jobs * options.killAt) {
        const victim = workers.shift() as ChildProcess;
        victim.kill('SIGKILL');
        killed += 1;
        options.log(`SIGKILLed a worker after ${ended} jobs; starting a replacement`);
        workers.push(await spawnWorker());
      }
      if (
        Math.floor(ended / (options.jobs / 10)) > Math.floor((ended - 1) / (options.jobs / 10)) ||
        ended === 0
      ) {
        options.log(`${ended}/${options.jobs} jobs ended (${server.received} sends received)`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(
      workers.map(
        (child) =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.send({ stop: true });
          }),
      ),
    );

    const counts = await producer.queue.getJobCounts('completed', 'failed');
    const failedJobs = await producer.queue.getFailed(0, -1);
    const completedWithoutSend = await countCompletedWithoutSend(producer.queue, server.counts);
    let duplicates = 0;
    for (const count of server.counts.values()) if (count > 1) duplicates += 1;
    const sent = counts.completed ?? 0;
    const failed = counts.failed ?? 0;
    const spanSeconds = ((server.last ?? 0) - readyAt) / 1000;
    return {
      jobs: options.jobs,
      workers: options.workers,
      limit: options.rate,
      rate: spanSeconds > 0 ? (server.received - receivedAtReady) / spanSeconds : 0,
      sent,
      failed,
      failedInFlight: failedJobs.filter((job) => /in flight/.test(job.failedReason ?? '')).length,
      duplicates,
      lost: options.jobs - sent - failed + completedWithoutSend,
      maxRssGrowthMb: Math.max(...[...rss.values()].map((seen) => (seen.max - seen.baseline) / 1024 / 1024)),
      maxLiveHeapGrowthMb: liveHeapGrowth([...heap.values()]),
      killed,
      seconds,
    };
  } finally {
    await producer.close();
    await provider.close();
    await server.close();
    redis.child.kill('SIGTERM');
  }
}

/** Completed jobs whose text the server never received (a "sent" that was not). */
async function countCompletedWithoutSend(
  queue: Awaited<ReturnType<typeof createOutbox>>['queue'],
  counts: ReadonlyMap<string, number>,
): Promise<number> {
  let missing = 0;
  for (let start = 0; ; start += 1000) {
    const jobs = await queue.getCompleted(start, start + 999);
    if (jobs.length === 0) return missing;
    for (const job of jobs) {
      const text = (job.data as { message?: { text?: string } }).message?.text ?? '';
      if (!counts.has(text)) missing += 1;
    }
  }
}

/** The closing line of the benchmark. */
export function outboxSummary(result: OutboxBenchResult): string {
  return `outbox: ${result.jobs} jobs, ${result.workers} workers, rate ${result.rate.toFixed(2)}/s of ${result.limit}/s, duplicates ${result.duplicates}, lost ${result.lost}`;
}

function liveHeapGrowth(samples: readonly { ready?: number; stopped?: number }[]): number | undefined {
  const growths = samples.flatMap(({ ready, stopped }) =>
    ready === undefined || stopped === undefined ? [] : [(stopped - ready) / 1024 / 1024],
  );
  return growths.length === 0 ? undefined : Math.max(...growths);
}
