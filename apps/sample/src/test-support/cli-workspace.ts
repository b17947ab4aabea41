import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { type CaptureIoOptions, captureIo } from './capture-io.js';

/** A temporary working directory for one CLI test, removed by {@link CliWorkspace.remove}. */
export interface CliWorkspace {
  cwd: string;
  /** Runs `switchboard <argv>` in-process in the workspace, capturing its output. */
  run(
    argv: string[],
    options?: Omit<CaptureIoOptions, 'cwd'>,
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

/** Creates a {@link CliWorkspace}. */
export async function cliWorkspace(): Promise<CliWorkspace> {
  const cwd = await mkdtemp(join(tmpdir(), 'switchboard-cli-'));
  return {
    cwd,
    async run(argv, options = {}) {
      const io = captureIo({ cwd, ...options });
      const code = await main(argv, io);
      return { code, stdout: io.out(), stderr: io.err() };
    },
    remove: () => rm(cwd, { recursive: true, force: true }),
  };
}
