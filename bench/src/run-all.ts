// `pnpm bench`: prints throughput ratios against raw undici, cold import times (and, with valgrind, import instruction
// counts, to import and to the first send) and the outbox's figures, all measured in this run.
import { benchColdImport } from './cold-import.bench.ts';
import { benchProviders } from './provider.bench.ts';
import { runOutboxBench } from './run-outbox.ts';
import { benchTransport } from './transport.bench.ts';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 1500);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const format = (n: number) => n.toFixed(0).padStart(8);

console.log(
  `Transport throughput (requests/s, median of ${rounds} rounds of ${durationMs} ms; ratio to raw undici.request)`,
);
console.log('concurrency     undici  transport      fetch   transport/undici  fetch/undici');
for (const result of await benchTransport({ durationMs, rounds })) {
  const { undici, transport, fetch } = result.requestsPerSecond;
  console.log(
    `${String(result.concurrency).padStart(11)} ${format(undici)}   ${format(transport)}   ${format(fetch)}   ${(transport / undici).toFixed(2).padStart(16)}x ${(fetch / undici).toFixed(2).padStart(12)}x`,
  );
}

console.log(
  '\nProvider send (neutral text message → provider wire format; requests/s; ratio to raw undici sending the same wire request)',
);
console.log('provider        concurrency     undici   provider   provider/undici');
for (const result of await benchProviders({ durationMs, rounds })) {
  const { undici, provider } = result.requestsPerSecond;
  console.log(
    `${result.provider.padEnd(15)} ${String(result.concurrency).padStart(11)} ${format(undici)}   ${format(provider)}   ${(provider / undici).toFixed(2).padStart(15)}x`,
  );
}

console.log('\nCold import (fresh node process, median of 10; baseline = a process importing nothing)');
for (const result of benchColdImport([
  'zod',
  'undici',
  '@switchboard/core',
  '@switchboard/provider-whatsapp-cloud',
  '@switchboard/provider-wati',
])) {
  console.log(
    `${result.module.padEnd(22)} ${result.medianMs.toFixed(1).padStart(7)} ms  (+${(result.medianMs - result.baselineMs).toFixed(1)} ms over baseline ${result.baselineMs.toFixed(1)} ms)`,
  );
}

const { printColdStart } = await import('./cold-start.report.ts');
await printColdStart(Number(process.env.BENCH_COLD_RUNS ?? 10));

const { printInstructions, INSTRUCTION_ENTRIES } = await import('./instructions.bench.ts');
await printInstructions(INSTRUCTION_ENTRIES, Number(process.env.BENCH_INSTRUCTION_RUNS ?? 2));

const { printBulkMemory } = await import('./bulk-memory.bench.ts');
printBulkMemory(
  Number(process.env.BENCH_BULK_RECIPIENTS ?? 100_000),
  Number(process.env.BENCH_BULK_CLOUD_RATE ?? 2000),
  Number(process.env.BENCH_BULK_WATI_RATE ?? 3),
  Number(process.env.BENCH_BULK_HEAP_MIB ?? 128),
);

const { printBundleSize } = await import('./bundle-size.bench.ts');
await printBundleSize();

console.log(
  '\nOutbox (@switchboard/queue): BENCH_OUTBOX_JOBS jobs (default 100 000) through BENCH_OUTBOX_WORKERS worker processes (default 4) sharing a Redis token bucket of BENCH_OUTBOX_RATE/s (default 100), one worker SIGKILLed half way; needs redis-server',
);
await runOutboxBench();
