// Bulk sending in bounded memory: 100,000 recipients through each provider against a loopback
// server in a worker thread, `sendBulkStream` (results as they settle, none held) beside
// `sendBulk` (the whole result held until the end). Each run is a fresh process, so the RSS growth
// (peak during the send minus the RSS once the request was built) is its own; the server records
// when each request arrived, which gives the rate the limiter let through.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./bulk-memory.child.ts', import.meta.url));

export interface BulkMemoryResult {
  /**
   * `router`: core's router over the WhatsApp Cloud provider; `router-failover`: a router whose first
   * provider (WATI, every batch refused with a 429) leaves every recipient to the second (Cloud).
   */
  provider: 'whatsapp-cloud' | 'wati' | 'router' | 'router-failover';
  mode: 'stream' | 'collect';
  recipients: number;
  ok: number;
  failed: number;
  elapsedMs: number;
  rssBefore: number;
  peakRss: number;
  /** HTTP requests the server saw (one per recipient for Cloud, one per 1000 for WATI). */
  requests: number;
  /** The limiter's configured rate. */
  requestsPerSecond: number;
  /** The limiter's burst: fifty milliseconds' worth, at least 1. */
  burst: number;
  /** The rate the server saw: (requests − 1) over the time from the first to the last. */
  achieved: number;
  /** Main-thread heap after a full GC at the end minus before: what the send left behind. */
  heapRetained: number;
  /** Peak main-thread heap size during the send minus before. */
  heapGrowth: number;
  /** Peak heap size of the server's worker thread minus before (it shares the process's RSS). */
  serverHeapGrowth: number;
}

/**
 * Runs one bulk send in a fresh process (with `--expose-gc`, to start from a collected heap).
 * `heapMiB` caps V8's whole heap (`--max-heap-size`: young and old generations together) as a
 * memory-limited function has it; 0 leaves V8 its default sizing, which grows the heap far past what is
 * live. Capping the old space alone (`--max-old-space-size`, this benchmark's flag before) leaves the
 * young generation its default on a large machine: with 128 MiB of old space V8 allowed a 320 MiB heap,
 * and the young generation's semi-spaces were most of the RSS growth measured.
 */
export function benchBulkMemory(
  provider: BulkMemoryResult['provider'],
  mode: BulkMemoryResult['mode'],
  recipients: number,
  requestsPerSecond: number,
  heapMiB = 0,
): BulkMemoryResult {
  const heapFlag = heapMiB > 0 ? [`--max-heap-size=${heapMiB}`] : [];
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', ...heapFlag, child, provider, mode, String(recipients), String(requestsPerSecond)],
    { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  if (result.status !== 0) throw new Error(`bulk benchmark child failed (${provider} ${mode})`);
  return JSON.parse(result.stdout.toString()) as BulkMemoryResult;
}

const MiB = 1024 * 1024;

/** Runs and prints the bulk section: both providers, stream and collect, and two routers' streams. */
export function printBulkMemory(recipients: number, cloudRate: number, watiRate: number, heapMiB = 0): void {
  const heap =
    heapMiB > 0 ? `V8 heap capped at ${heapMiB} MiB (--max-heap-size)` : "V8's default heap sizing";
  console.log(
    `\nBulk send of ${recipients} recipients (loopback server in a worker thread; fresh process each; ${heap}; limiter burst 50 ms' worth, at least 1; RSS growth = peak during the send − RSS once the request was built; heap = main thread's peak growth / left after GC; server = the worker's peak heap growth, part of the RSS)`,
  );
  console.log(
    'provider        mode      ok/failed        time s   RSS growth MiB   heap MiB  left MiB  server MiB   limit req/s   server saw req/s   off by',
  );
  const cases = [
    ...(['whatsapp-cloud', 'wati'] as const).flatMap((provider) =>
      (['stream', 'collect'] as const).map((mode) => ({ provider, mode })),
    ),
    { provider: 'router', mode: 'stream' } as const,
    { provider: 'router-failover', mode: 'stream' } as const,
  ];
  for (const { provider, mode } of cases) {
    const rate = provider === 'wati' ? watiRate : cloudRate;
    const r = benchBulkMemory(provider, mode, recipients, rate, heapMiB);
    const offBy = ((r.achieved - r.requestsPerSecond) / r.requestsPerSecond) * 100;
    console.log(
      `${r.provider.padEnd(15)} ${r.mode.padEnd(8)} ${`${r.ok}/${r.failed}`.padStart(12)} ${(r.elapsedMs / 1000).toFixed(1).padStart(10)} ${((r.peakRss - r.rssBefore) / MiB).toFixed(1).padStart(16)} ${(r.heapGrowth / MiB).toFixed(1).padStart(10)} ${(r.heapRetained / MiB).toFixed(1).padStart(9)} ${(r.serverHeapGrowth / MiB).toFixed(1).padStart(11)} ${String(r.requestsPerSecond).padStart(13)} ${r.achieved.toFixed(1).padStart(18)} ${`${offBy >= 0 ? '+' : ''}${offBy.toFixed(2)}%`.padStart(8)}${Math.abs(offBy) > 2 ? '  (more than 2 % off)' : ''}`,
    );
  }
}

if (import.meta.main) {
  printBulkMemory(
    Number(process.env.BENCH_BULK_RECIPIENTS ?? 100_000),
    Number(process.env.BENCH_BULK_CLOUD_RATE ?? 2000),
    Number(process.env.BENCH_BULK_WATI_RATE ?? 3),
    Number(process.env.BENCH_BULK_HEAP_MIB ?? 128),
  );
}
