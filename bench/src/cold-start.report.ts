// Prints the cold-start section of `pnpm bench`; `pnpm --filter @switchboard/bench bench:cold` runs
// it alone. Entries not yet built are skipped with a note.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchFirstSend, benchImports, type ColdStartResult } from './cold-start.bench.ts';
import { PUBLISHED_ENTRIES } from './published-entries.ts';

const ENTRIES = ['zod', 'undici', ...PUBLISHED_ENTRIES, 'whatsapp-api-js'];

function resolvable(entry: string): boolean {
  try {
    import.meta.resolve(entry);
    return true;
  } catch {
    return false;
  }
}

function row(result: ColdStartResult): string {
  const { overBare } = result;
  return `${result.name.padEnd(46)} ${overBare.wallMs.toFixed(1).padStart(8)} ${overBare.cpuMs.toFixed(1).padStart(8)} ${result.maxRssMiB.toFixed(1).padStart(9)} ${overBare.maxRssMiB.toFixed(1).padStart(8)}`;
}

const HEADER = `${'entry'.padEnd(46)} ${'+wall ms'.padStart(8)} ${'+cpu ms'.padStart(8)} ${'peak RSS'.padStart(9)} ${'+RSS MiB'.padStart(8)}`;

/**
 * Runs and prints the cold-start measurements: imports, then the first send unbundled and bundled,
 * each without and with V8's compile cache.
 */
export async function printColdStart(runs: number): Promise<void> {
  const entries = ENTRIES.filter(resolvable);
  const skipped = ENTRIES.filter((entry) => !entries.includes(entry));
  console.log(
    `\nCold import per entry point (fresh node process, interleaved, median of ${runs}; + = over a bare process in the same run; peak RSS in MiB)`,
  );
  if (skipped.length > 0) console.log(`(not an entry point here: ${skipped.join(', ')})`);
  console.log(HEADER);
  const imports = benchImports(entries, runs);
  for (const result of imports) console.log(row(result));

  console.log(
    `\nCold start to the first accepted send (fresh process: import, create, one text accepted by a loopback server; median of ${runs})`,
  );
  console.log(HEADER);
  printSends(await benchFirstSend(runs));

  console.log(
    `\nThe same with V8's compile cache (NODE_COMPILE_CACHE, filled by a first process; every contender and the bare process; median of ${runs})`,
  );
  console.log(HEADER);
  const cacheDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-compile-cache-'));
  try {
    printSends(await benchFirstSend(runs, { compileCacheDir: cacheDir }));
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }

  console.log(
    `\nThe same, each contender bundled with its dependencies into one minified ES module, as a serverless function is often shipped (no compile cache; median of ${runs})`,
  );
  console.log(HEADER);
  const bundleDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-bundled-'));
  try {
    printSends(await benchFirstSend(runs, { bundleDir: join(bundleDir, 'plain') }));
    console.log(
      `\nThe same, bundled and with V8's compile cache (each bundle shipped with a cache filled by a first process; median of ${runs})`,
    );
    console.log(HEADER);
    printSends(
      await benchFirstSend(runs, {
        bundleDir: join(bundleDir, 'cached'),
        compileCacheDir: join(bundleDir, 'compile-cache'),
      }),
    );
  } finally {
    await rm(bundleDir, { recursive: true, force: true });
  }
}

function printSends(sends: ColdStartResult[]): void {
  for (const result of sends) console.log(row(result));
  const reference = sends.find((result) => result.name === 'whatsapp-api-js');
  if (reference === undefined) return;
  for (const result of sends.filter((r) => r.name.startsWith('@switchboard/'))) {
    console.log(
      `${result.name}: ${(result.overBare.wallMs / reference.overBare.wallMs).toFixed(2)}x whatsapp-api-js's wall time over bare, ${(result.overBare.cpuMs / reference.overBare.cpuMs).toFixed(2)}x its CPU time`,
    );
  }
}

if (import.meta.main) await printColdStart(Number(process.env.BENCH_COLD_RUNS ?? 10));
