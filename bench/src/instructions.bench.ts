// Instructions counted by callgrind (`valgrind --tool=callgrind`) to import each entry: unlike
// milliseconds on a shared 2-core machine, a count repeats within a few percent whatever else runs,
// so it shows changes of 5–10 % that the timed sections cannot. Skipped, with a note, when valgrind
// is not installed. (Not per send: there the count follows when V8's optimizing compiler kicks in,
// and moved by ±15 % with the number of sends measured.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHED_ENTRIES } from './published-entries.ts';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** Whether `valgrind` runs here. */
export function hasValgrind(): boolean {
  return spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Instructions callgrind counted in the main process of `node args…` (children not counted). */
function countInstructions(args: string[]): number {
  const directory = mkdtempSync(join(tmpdir(), 'bench-callgrind-'));
  try {
    // Without NODE_EXTRA_CA_CERTS: every process would parse that CA bundle at start-up, a cost
    // the empty process has too, only making the counts noisier.
    const { NODE_EXTRA_CA_CERTS: _ignored, ...inherited } = process.env;
    const result = spawnSync(
      'valgrind',
      ['--tool=callgrind', `--callgrind-out-file=${join(directory, 'out')}`, process.execPath, ...args],
      { cwd: benchDir, env: inherited, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const collected = /Collected : (\d+)/.exec(result.stderr ?? '');
    if (result.status !== 0 || collected === null) {
      throw new Error(`callgrind run failed (${args.join(' ')}): ${(result.stderr ?? '').slice(-2000)}`);
    }
    return Number(collected[1]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export interface ImportInstructions {
  entry: string;
  /** Millions of instructions over a process that imports nothing, lowest of the runs. */
  overEmptyM: number;
}

/** Instructions to import each entry in a fresh process, over an empty process (lowest of `runs`). */
export function benchImportInstructions(entries: readonly string[], runs: number): ImportInstructions[] {
  const lowest = (code: string) =>
    Math.min(...Array.from({ length: runs }, () => countInstructions(['--input-type=module', '-e', code])));
  const empty = lowest('');
  return entries.map((entry) => ({
    entry,
    overEmptyM: (lowest(`await import(${JSON.stringify(entry)})`) - empty) / 1e6,
  }));
}

/** Prints the section, or why it was skipped. */
export function printInstructions(entries: readonly string[], runs: number): void {
  console.log(
    `\nImport instructions (callgrind: millions over an empty node process, lowest of ${runs}; repeatable within a few M, whatever the load)`,
  );
  if (!hasValgrind()) {
    console.log('skipped: valgrind is not installed (Debian: apt-get install valgrind)');
    return;
  }
  for (const { entry, overEmptyM } of benchImportInstructions(entries, runs)) {
    console.log(`${entry.padEnd(46)} ${overEmptyM.toFixed(1).padStart(7)} M`);
  }
}

/** The published entry points, and whatsapp-api-js as the reference. */
export const INSTRUCTION_ENTRIES = [...PUBLISHED_ENTRIES, 'whatsapp-api-js'] as const;

if (import.meta.main) printInstructions(INSTRUCTION_ENTRIES, Number(process.env.BENCH_INSTRUCTION_RUNS ?? 2));
