// Cold import time: a fresh `node` process importing the module, median of N runs, against a
// baseline process that imports nothing (measured in the same run).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './measure.ts';

const cwd = fileURLToPath(new URL('..', import.meta.url));

function timeProcess(code: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, stdio: 'pipe' });
  if (result.status !== 0) throw new Error(`import failed: ${result.stderr.toString()}`);
  return performance.now() - started;
}

export interface ColdImportResult {
  module: string;
  medianMs: number;
  baselineMs: number;
}

export function benchColdImport(modules: readonly string[], runs = 10): ColdImportResult[] {
  timeProcess('');
  const baselineMs = median(Array.from({ length: runs }, () => timeProcess('')));
  return modules.map((module) => ({
    module,
    baselineMs,
    medianMs: median(
      Array.from({ length: runs }, () => timeProcess(`await import(${JSON.stringify(module)});`)),
    ),
  }));
}
