import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
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

/**
 * A fresh {@link CliWorkspace} for every test of the calling file (created before each, removed
 * after each): `workspace.run([...])` runs the CLI in it, `workspace.cwd` is its directory.
 */
export function useCliWorkspace(): Pick<CliWorkspace, 'cwd' | 'run'> {
  let current: CliWorkspace | undefined;
  beforeEach(async () => {
    current = await cliWorkspace();
  });
  afterEach(() => current?.remove());
  const active = (): CliWorkspace => {
    if (current === undefined) throw new Error('useCliWorkspace(): use the workspace inside a test');
    return current;
  };
  return {
    get cwd() {
      return active().cwd;
    },
    run: (argv, options) => active().run(argv, options),
  };
}
