import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** The file name looked for when no path is given. */
export const CONFIG_FILE_NAME = 'switchboard.config.json';

/**
 * Finds `switchboard.config.json` in `cwd` or the nearest parent directory. Parents count because
 * `pnpm start` at the repository root runs the app with the app's own directory as `cwd`.
 */
export async function findConfigFile(cwd: string): Promise<string | undefined> {
  let directory = resolve(cwd);
  for (;;) {
    const candidate = join(directory, CONFIG_FILE_NAME);
    if (await exists(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
