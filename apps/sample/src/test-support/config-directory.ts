import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@switchboard/core';
import { afterEach, beforeEach } from 'vitest';

/** A WATI config section whose token comes from `$WATI_TOKEN_FOR_TEST`. */
export const WATI_SECTION = {
  transport: 'direct',
  baseUrl: 'https://live-mt-server.wati.io/123456',
  token: 'env:WATI_TOKEN_FOR_TEST',
};

/** A WhatsApp Cloud config section whose token comes from `$META_TOKEN_FOR_TEST`. */
export const CLOUD_SECTION = {
  transport: 'direct',
  accessToken: 'env:META_TOKEN_FOR_TEST',
  phoneNumberId: '106540352242922',
};

/** A temporary directory per test of the calling file, to write config files in. */
export interface ConfigDirectory {
  /** The directory of the running test. */
  readonly path: string;
  /** Writes `content` (JSON-encoded unless a string) to `switchboard.config.json` or `path`; returns the path. */
  write(content: unknown, path?: string): Promise<string>;
}

/** Creates a fresh directory before each test of the calling file and removes it after. */
export function useConfigDirectory(): ConfigDirectory {
  let current: string | undefined;
  beforeEach(async () => {
    current = await mkdtemp(join(tmpdir(), 'switchboard-config-'));
  });
  afterEach(() => (current === undefined ? undefined : rm(current, { recursive: true, force: true })));
  const directory: ConfigDirectory = {
    get path() {
      if (current === undefined) throw new Error('useConfigDirectory(): use the directory inside a test');
      return current;
    },
    async write(content, path = join(directory.path, 'switchboard.config.json')) {
      await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
  };
  return directory;
}

/** The ValidationError `promise` rejects with, failing when it resolves or rejects otherwise. */
export async function configError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!ValidationError.isInstance(error)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}
