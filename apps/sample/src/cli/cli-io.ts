import type { Environment } from '@switchboard/core';

/** An output stream the CLI writes to; `isTTY`/`columns` decide how progress is drawn. */
export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** An input stream the CLI may prompt on. */
export interface CliInput extends AsyncIterable<string | Uint8Array> {
  isTTY?: boolean;
}

/**
 * Everything the CLI touches outside itself, so tests run it in-process with captured output.
 *
 * @example
 * ```ts
 * const code = await main(['send', '--to', '447700900123', '--text', 'Hi'], processIo());
 * ```
 */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  stdin: CliInput;
  env: Environment;
  cwd: string;
}

/** The real process's streams, environment and working directory. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}
