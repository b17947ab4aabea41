// Instructions counted by callgrind (`valgrind --tool=callgrind`) to import each entry, to reach the
// first accepted send, and per send once warm (without HTTP): unlike milliseconds on a shared 2-core
// machine, a count repeats within a few percent whatever else runs, so it shows changes of 5–10 %
// that the timed sections cannot. Skipped, with a note, when valgrind is not installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledContenders } from './bundle-app.ts';
import { firstSendContenders } from './cold-start.bench.ts';
import { PUBLISHED_ENTRIES } from './published-entries.ts';
import { startJsonServer } from './start-server.ts';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** Whether `valgrind` runs here. */
export function hasValgrind(): boolean {
  return spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The function in which V8 draws its random hash seed at start-up (a search for a prime). It runs a
 * different number of instructions in each process, from nearly none to about 17 M, which alone made
 * two counts of the same empty process differ by 3 M: the count leaves it out.
 */
const HASH_SEED_SEARCH = 'detail::sprp';
/** Whether any count found {@link HASH_SEED_SEARCH}; if not, this `node` names it differently and counts include it. */
let hashSeedSearchFound = false;

/** Self instructions of `name` in a callgrind output file, 0 when it does not appear. */
function selfInstructions(outFile: string, name: string): number {
  const annotated = spawnSync('callgrind_annotate', ['--threshold=100', outFile], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (annotated.status !== 0) throw new Error(`callgrind_annotate failed: ${annotated.stderr}`);
  let total = 0;
  // A line: `8,277,014 ( 9.59%)  ???:detail::sprp(unsigned long long, unsigned long long) [/…/node]`.
  for (const line of annotated.stdout.split('\n')) {
    const match = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+[^:\s]*:(.+?)(?: \[[^\]]*\])?$/.exec(line);
    const fn = match?.[2];
    if (fn === name || fn?.startsWith(`${name}(`)) total += Number(match?.[1]?.replaceAll(',', ''));
  }
  return total;
}

/** This process's environment with `env` added, for a counted child. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // Without NODE_EXTRA_CA_CERTS: every process would parse that CA bundle at start-up, a cost
  // the empty process has too, only making the counts noisier.
  const { NODE_EXTRA_CA_CERTS: _ignored, ...inherited } = process.env;
  return { ...inherited, ...env };
}

/**
 * Instructions callgrind counted in the main process of `node args…` (children not counted),
 * without V8's hash-seed search.
 */
function countInstructions(args: string[], env: Record<string, string> = {}): number {
  const directory = mkdtempSync(join(tmpdir(), 'bench-callgrind-'));
  try {
    const outFile = join(directory, 'out');
    const result = spawnSync(
      'valgrind',
      ['--tool=callgrind', `--callgrind-out-file=${outFile}`, process.execPath, ...args],
      { cwd: benchDir, env: childEnv(env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const collected = /Collected : (\d+)/.exec(result.stderr ?? '');
    if (result.status !== 0 || collected === null) {
      throw new Error(`callgrind run failed (${args.join(' ')}): ${(result.stderr ?? '').slice(-2000)}`);
    }
    const hashSeedSearch = selfInstructions(outFile, HASH_SEED_SEARCH);
    if (hashSeedSearch > 0) hashSeedSearchFound = true;
    return Number(collected[1]) - hashSeedSearch;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The lowest count of `runs` processes running `code` as an ES module. */
function lowestCount(code: string, runs: number, env: Record<string, string> = {}): number {
  return Math.min(
    ...Array.from({ length: runs }, () => countInstructions(['--input-type=module', '-e', code], env)),
  );
}

export interface ImportInstructions {
  entry: string;
  /** Millions of instructions over a process that imports nothing, lowest of the runs. */
  overEmptyM: number;
}

/** Instructions to import each entry in a fresh process, over an empty process (lowest of `runs`). */
export function benchImportInstructions(entries: readonly string[], runs: number): ImportInstructions[] {
  const empty = lowestCount('', runs);
  return entries.map((entry) => ({
    entry,
    overEmptyM: (lowestCount(`await import(${JSON.stringify(entry)})`, runs) - empty) / 1e6,
  }));
}

export interface FirstSendInstructions {
  name: string;
  /** Millions of instructions over a process that imports nothing, lowest of the runs. */
  overEmptyM: number;
}

/**
 * Instructions of a fresh process that imports a provider, creates it and gets one text accepted
 * by a loopback server (in its own process, not counted), over an empty process: the cold-start
 * section's first send, counted. With `bundled`, each contender's code is first bundled into one
 * file with its dependencies (`bundle-app.ts`), as a serverless function is often shipped, and the
 * process imports that file. With `compileCache`, every process (the empty one too) runs with
 * `NODE_COMPILE_CACHE` in a directory that one run of each contender (under callgrind like the
 * counted ones, its count discarded) filled first: V8's code cache, as a function shipped with one
 * (core's README, "Shipping a compile cache with the bundle") or a platform's bytecode caching has.
 */
export async function benchFirstSendInstructions(
  runs: number,
  { bundled = false, compileCache = false } = {},
): Promise<FirstSendInstructions[]> {
  const directories: string[] = [];
  const temporaryDirectory = (prefix: string) => {
    const directory = mkdtempSync(join(tmpdir(), prefix));
    directories.push(directory);
    return directory;
  };
  const { origin, child } = await startJsonServer();
  try {
    const contenders = firstSendContenders(origin);
    const [bare, ...senders] = bundled
      ? await bundledContenders(contenders, benchDir, temporaryDirectory('bench-bundled-'))
      : contenders;
    const bareCode = bare?.code ?? '';
    const env: Record<string, string> = compileCache
      ? { NODE_COMPILE_CACHE: temporaryDirectory('bench-compile-cache-') }
      : {};
    if (compileCache) {
      // Filled under callgrind too, so that the cache is made by the same V8 as the counted runs
      // (its directory is named by V8's flags and the CPU features V8 detects). The counted runs
      // then add nothing to it: Node makes a module's cache when it compiles the module and does
      // not write again an entry it read and accepted.
      for (const code of [bareCode, ...senders.map((sender) => sender.code)]) {
        countInstructions(['--input-type=module', '-e', code], env);
      }
    }
    const empty = lowestCount(bareCode, runs, env);
    return senders.map(({ name, code }) => ({
      name,
      overEmptyM: (lowestCount(code, runs, env) - empty) / 1e6,
    }));
  } finally {
    child.disconnect();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  }
}

/** The sender `benchSendInstructions` counts. */
const SEND_CHILD = fileURLToPath(new URL('./send-instructions.child.ts', import.meta.url));

export interface SendInstructions {
  provider: 'cloud' | 'wati';
  /** Thousands of instructions per send. */
  perSendK: number;
}

/**
 * Instructions per text sent, without HTTP: `send-instructions.child.ts` sends through a dispatcher
 * that answers in a microtask, so this is Switchboard's and zod's code alone. Per send = (count of
 * `many` sends − count of `few`) / (many − few), so start-up, imports and warm-up cancel out. The
 * child runs with V8's `--predictable` (one thread, a fixed hash seed): with background compilation
 * and GC threads, two counts of the same sends differed by up to 25 %; with it, by under 0.01 %. The
 * figure depends on the window (V8 tiers code up as it runs), so compare within one window.
 */
export function benchSendInstructions(few = 2000, many = 6000): SendInstructions[] {
  const count = (provider: string, sends: number) =>
    countInstructions(['--predictable', '--hash-seed=1', SEND_CHILD, provider, String(sends)]);
  return (['cloud', 'wati'] as const).map((provider) => ({
    provider,
    perSendK: (count(provider, many) - count(provider, few)) / (many - few) / 1000,
  }));
}

/** Prints first-send counts, each with its ratio to whatsapp-api-js's. */
function printFirstSends(firstSends: readonly FirstSendInstructions[]): void {
  const reference = firstSends.find(({ name }) => name === 'whatsapp-api-js')?.overEmptyM;
  for (const { name, overEmptyM } of firstSends) {
    const ratio = reference === undefined ? '' : `${(overEmptyM / reference).toFixed(2).padStart(6)}x`;
    console.log(`${name.padEnd(46)} ${overEmptyM.toFixed(1).padStart(7)} M ${ratio}`);
  }
}

/** Prints the section, or why it was skipped. */
export async function printInstructions(entries: readonly string[], runs: number): Promise<void> {
  console.log(
    `\nImport instructions (callgrind: millions over an empty node process, lowest of ${runs}, V8's random hash-seed search left out; repeatable within a few M, whatever the load)`,
  );
  if (!hasValgrind()) {
    console.log('skipped: valgrind is not installed (Debian: apt-get install valgrind)');
    return;
  }
  for (const { entry, overEmptyM } of benchImportInstructions(entries, runs)) {
    console.log(`${entry.padEnd(46)} ${overEmptyM.toFixed(1).padStart(7)} M`);
  }
  console.log(
    `\nFirst-send instructions (the same count for a process that imports, creates and gets one text accepted by a loopback server; × = over whatsapp-api-js's)`,
  );
  printFirstSends(await benchFirstSendInstructions(runs));
  console.log(
    '\nFirst-send instructions, bundled (each contender bundled with its dependencies into one minified ES module, as a serverless function is often shipped)',
  );
  printFirstSends(await benchFirstSendInstructions(runs, { bundled: true }));
  console.log(
    '\nFirst-send instructions, compile cache warm (NODE_COMPILE_CACHE filled by one earlier run of each contender, the empty process too)',
  );
  printFirstSends(await benchFirstSendInstructions(runs, { compileCache: true }));
  console.log(
    '\nFirst-send instructions, bundled, compile cache warm (both of the above: a bundle shipped with a compile cache filled by one earlier run)',
  );
  printFirstSends(await benchFirstSendInstructions(runs, { bundled: true, compileCache: true }));
  console.log(
    '\nInstructions per send without HTTP (a dispatcher answering in a microtask; node --predictable; from 2,000 to 6,000 sends; thousands)',
  );
  for (const { provider, perSendK } of benchSendInstructions()) {
    console.log(`${provider.padEnd(46)} ${perSendK.toFixed(1).padStart(7)} k`);
  }
  if (!hashSeedSearchFound) {
    console.log(
      `(no function ${HASH_SEED_SEARCH} in this node's counts: the hash-seed search is included, and counts vary by up to ~10 M)`,
    );
  }
}

/** The published entry points, and whatsapp-api-js as the reference. */
export const INSTRUCTION_ENTRIES = [...PUBLISHED_ENTRIES, 'whatsapp-api-js'] as const;

if (import.meta.main) {
  await printInstructions(INSTRUCTION_ENTRIES, Number(process.env.BENCH_INSTRUCTION_RUNS ?? 2));
}
