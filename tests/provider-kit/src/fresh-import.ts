import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** What {@link importInFreshProcess} saw. */
export interface FreshImport<T> {
  /** The URL of every module the import resolved (`file:` and `node:`), in order. */
  loaded: string[];
  /** What `use` returned, through JSON. */
  result: T;
}

/**
 * Imports `specifier` in a fresh Node process started in `cwd` (so a package can import itself by
 * name, through its `exports`), records every module the import resolves, then runs `use`: the body
 * of an async function of `entry` (the imported namespace), whose JSON-serializable return value
 * comes back as `result`. Modules `use` loads itself are not in `loaded`.
 *
 * It shows what an entry point really pulls in for an application, which no test inside vitest's
 * own (shared, transformed) module graph can.
 */
export async function importInFreshProcess<T>(
  cwd: string,
  specifier: string,
  use: string,
): Promise<FreshImport<T>> {
  const program = `
import { registerHooks } from 'node:module';
const resolved = [];
const hooks = registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    resolved.push(result.url);
    return result;
  },
});
const entry = await import(${JSON.stringify(specifier)});
const loaded = [...resolved];
hooks.deregister();
const result = await (async (entry) => {\n${use}\n})(entry);
process.stdout.write(JSON.stringify({ loaded, result }));
`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', program], {
    cwd,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as FreshImport<T>;
}
