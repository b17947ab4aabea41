#!/usr/bin/env node
// Runs the test suite several times in a row while busy loops hold the CPU, to prove that no test
// depends on wall-clock speed or free CPU. Usage: node scripts/stress-tests.mjs [--runs 3] [--load 2]
// [-- extra turbo args]. Each run forces turbo to re-run the tests (no cache). The busy loops are
// started before the first run and stopped when the script ends, however it ends.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const separator = process.argv.indexOf('--');
const own = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
const passThrough = separator === -1 ? [] : process.argv.slice(separator + 1);
const { values } = parseArgs({
  args: own,
  options: { runs: { type: 'string', default: '3' }, load: { type: 'string', default: '2' } },
});
const runs = Number(values.runs);
const load = Number(values.load);

const hogs = Array.from({ length: load }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stopHogs = () => {
  for (const hog of hogs) hog.kill('SIGKILL');
};
process.on('exit', stopHogs);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopHogs();
    process.exit(130);
  });
}

const workspaceDirs = ['packages', 'apps', 'tests'].flatMap((group) =>
  existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(group, name)) : [],
);
const results = [];
for (let run = 1; run <= runs; run += 1) {
  // A package whose tests did not run must not count with the report of an earlier run.
  for (const dir of workspaceDirs) rmSync(join(root, dir, '.reports'), { recursive: true, force: true });
  const started = performance.now();
  const child = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--force', '--continue', ...passThrough], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  let passed = 0;
  let failed = 0;
  for (const dir of workspaceDirs) {
    const report = join(root, dir, '.reports', 'vitest.json');
    if (!existsSync(report)) continue;
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests + (json.numRuntimeErrors ?? 0);
  }
  const line = `run ${run}/${runs} with ${load} busy loops: exit ${child.status}, ${passed} passed, ${failed} failed, ${seconds} s`;
  results.push(line);
  console.log(`\nstress: ${line}\n`);
}
console.log('\nstress summary:');
for (const line of results) console.log(`  ${line}`);
stopHogs();
process.exit(results.every((line) => line.includes('exit 0,')) ? 0 : 1);
