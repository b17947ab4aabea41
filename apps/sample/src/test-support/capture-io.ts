import type { Environment } from '@switchboard/core';
import type { CliInput, CliIo } from '../cli/cli-io.js';

/** A `CliIo` whose output is collected, for running the CLI in-process. */
export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
  /**
   * Resolves once stdout contains `text` (at once when it already does): a command running in the
   * background is awaited by what it writes, never by polling against a clock.
   */
  readonly untilOut: (text: string) => Promise<void>;
}

/** Options of {@link captureIo}. */
export interface CaptureIoOptions {
  env?: Environment;
  cwd: string;
  /** What stdin yields (e.g. `'y\n'` to answer a prompt). */
  input?: string;
  /** Whether stdin is a terminal; default false, as under a test runner. */
  stdinIsTty?: boolean;
}

/** Builds an in-memory {@link CliIo}. */
export function captureIo(options: CaptureIoOptions): CapturedIo {
  let out = '';
  let err = '';
  const outWaiters = new Set<() => void>();
  const chunks = options.input === undefined ? [] : [options.input];
  const stdin: CliInput = {
    isTTY: options.stdinIsTty ?? false,
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
  };
  return {
    stdout: {
      write: (text: string) => {
        out += text;
        for (const wake of outWaiters) wake();
        return true;
      },
      isTTY: false,
    },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd,
    out: () => out,
    err: () => err,
    untilOut: (text) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!out.includes(text)) return;
          outWaiters.delete(check);
          resolve();
        };
        outWaiters.add(check);
        check();
      }),
  };
}
