#!/usr/bin/env node
// Runs lint, typecheck, build, package checks, the API reference (TypeDoc, warnings as errors) and every test through turbo, then prints the test
// totals across all packages from vitest's JSON reports (and one line per failed test, written into
// .reports/totals.txt, which .ci/run prints last), so a run that executed no test is visible.
// `--expect-cached` fails the run unless turbo took every task from its cache: run it after a first
// run with nothing changed, to prove that no task's inputs include what the run itself writes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const workspaceDirs = ['packages', 'apps', 'tests']
  .flatMap((dir) =>
    existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map((name) => join(dir, name)) : [],
  )
  .concat(['bench'])
  .filter((dir) => existsSync(join(root, dir, 'package.json')));
const tested = workspaceDirs.filter((dir) => {
  const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  return typeof manifest.scripts?.test === 'string';
});

// Stale reports must not count; turbo restores the reports of cached test runs.
for (const dir of tested) rmSync(join(root, dir, '.reports'), { recursive: true, force: true });

const expectCached = process.argv.includes('--expect-cached');
const turboArgs = process.argv.slice(2).filter((arg) => arg !== '--expect-cached');
const runsDir = join(root, '.turbo', 'runs');
const summariesBefore = new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);

const turbo = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'lint',
    '//#lint:root',
    'typecheck',
    'build',
    'check:package',
    'docs',
    'test',
    '--continue',
    ...(expectCached ? ['--summarize'] : []),
    ...turboArgs,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } },
);

let passed = 0;
let failed = 0;
const missing = [];
/** One line per failed test or file-level error, so the tail of a CI log names what failed. */
const failureLines = [];
console.log('\nTest totals by package:');
for (const dir of tested) {
  const reportPath = join(root, dir, '.reports', 'vitest.json');
  if (!existsSync(reportPath)) {
    missing.push(dir);
    console.log(`  ${dir}: no test report (its tests did not run)`);
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const failures = report.numFailedTests + (report.numRuntimeErrors ?? 0);
  passed += report.numPassedTests;
  failed += failures;
  failureLines.push(...describeFailures(dir, report));
  console.log(
    `  ${dir}: ${report.numPassedTests} passed, ${failures} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
  );
}
const totals = `${passed} passed, ${failed} failed`;
const failureReport = failureLines.length === 0 ? '' : `Failed:\n${failureLines.join('\n')}\n`;
mkdirSync(join(root, '.reports'), { recursive: true });
writeFileSync(join(root, '.reports', 'totals.txt'), `${failureReport}${totals}\n`);
if (failureReport !== '') console.log(failureReport.trimEnd());
console.log(totals);

/**
 * `dir/file > test name: first lines of the message` for each failed test of a vitest JSON report,
 * and the message of each file that failed outside any test (an import error, an unhandled error).
 */
function describeFailures(dir, report) {
  const lines = [];
  const excerpt = (text) =>
    stripVTControlCharacters(String(text ?? ''))
      .split('\n')
      .map((line) => line.trim())
      // Stack frames only from the project's own files: the runner's frames say nothing.
      .filter(
        (line) =>
          line !== '' && (!line.startsWith('at ') || (line.includes(root) && !line.includes('node_modules'))),
      )
      .slice(0, 4)
      .join(' | ')
      .slice(0, 600);
  for (const file of report.testResults ?? []) {
    const name = `${dir}/${file.name.slice(join(root, dir).length + 1)}`;
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      lines.push(`  ${name} > ${test.fullName}: ${excerpt((test.failureMessages ?? []).join('\n'))}`);
    }
    if (file.status === 'failed' && failedTests.length === 0)
      lines.push(`  ${name}: ${excerpt(file.message)}`);
  }
  return lines;
}

let uncached = [];
if (expectCached) {
  const summaries = (existsSync(runsDir) ? readdirSync(runsDir) : [])
    .filter((name) => name.endsWith('.json') && !summariesBefore.has(name))
    .sort((a, b) => statSync(join(runsDir, b)).mtimeMs - statSync(join(runsDir, a)).mtimeMs);
  if (summaries.length === 0) {
    uncached = ['(turbo wrote no run summary)'];
  } else {
    const summary = JSON.parse(readFileSync(join(runsDir, summaries[0]), 'utf8'));
    uncached = summary.tasks.filter((task) => task.cache?.status !== 'HIT').map((task) => task.taskId);
    console.log(
      uncached.length === 0
        ? `All ${summary.tasks.length} tasks were cached.`
        : `Not cached (${uncached.length} of ${summary.tasks.length}): ${uncached.join(', ')}`,
    );
  }
}
process.exit(
  turbo.status !== 0 || failed > 0 || missing.length > 0 || passed === 0 || uncached.length > 0 ? 1 : 0,
);
