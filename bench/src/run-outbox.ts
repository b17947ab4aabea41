// `pnpm bench:outbox` (and the last part of `pnpm bench`): the outbox's figures. Defaults are the
// issue's: 100k jobs, 4 worker processes, a shared 100 requests/s, one worker SIGKILLed at half way.
import { benchOutbox, outboxSummary } from './outbox.bench.ts';

export async function runOutboxBench(): Promise<void> {
  const result = await benchOutbox({
    jobs: Number(process.env.BENCH_OUTBOX_JOBS ?? 100_000),
    workers: Number(process.env.BENCH_OUTBOX_WORKERS ?? 4),
    rate: Number(process.env.BENCH_OUTBOX_RATE ?? 100),
    concurrency: Number(process.env.BENCH_OUTBOX_CONCURRENCY ?? 8),
    killAt: Number(process.env.BENCH_OUTBOX_KILL_AT ?? 0.5),
    // e.g. BENCH_OUTBOX_WORKER_FLAGS="--max-old-space-size=64": how a deployment bounds a worker's heap.
    workerNodeFlags: (process.env.BENCH_OUTBOX_WORKER_FLAGS ?? '').split(/\s+/).filter((flag) => flag !== ''),
    log: (line) => console.log(`  ${line}`),
  });
  console.log(
    `sent ${result.sent}, failed ${result.failed} (of which ${result.failedInFlight} in flight in the killed worker, not resent), ` +
      `${result.killed} worker SIGKILLed, worker RSS growth at most ${result.maxRssGrowthMb.toFixed(1)} MB ` +
      `(live heap after a full GC: ${result.maxLiveHeapGrowthMb === undefined ? 'not measured' : `${result.maxLiveHeapGrowthMb.toFixed(1)} MB`}), ${result.seconds.toFixed(0)} s`,
  );
  console.log(outboxSummary(result));
}

if (import.meta.main) await runOutboxBench();
