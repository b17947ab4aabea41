// Bundles an application's code the way a serverless function is usually shipped: one ES module for
// Node, tree-shaken, minified, every dependency inlined. undici is CommonJS and calls `require` for
// Node's modules, which an ES module has not, so the bundle defines one first, as core's README
// ("Bundling an application") says to.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildResult, build } from 'esbuild';
import type { Contender } from './cold-start.bench.ts';

/** The banner that gives an ES module bundle a `require` for the CommonJS code inlined in it. */
export const REQUIRE_FOR_ESM =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Bundles `contents` (an ES module whose imports resolve from `resolveDir`) to `outfile`, or into
 * memory when `outfile` is undefined.
 */
export function bundleApp(
  contents: string,
  resolveDir: string,
  outfile?: string,
): Promise<BuildResult<{ metafile: true; write: boolean }>> {
  return build({
    stdin: { contents, resolveDir, loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    banner: { js: REQUIRE_FOR_ESM },
    logLevel: 'error',
    metafile: true,
    ...(outfile === undefined ? { write: false } : { outfile, write: true }),
  });
}

/**
 * The contenders with each one's code bundled (with `resolveDir` for its imports) into a file of
 * `directory`, which the contender then imports; the bare process (no code) is left as it is.
 */
export async function bundledContenders(
  contenders: readonly Contender[],
  resolveDir: string,
  directory: string,
): Promise<Contender[]> {
  return Promise.all(
    contenders.map(async (contender, index) => {
      if (contender.code === '') return contender;
      const file = join(directory, `app-${index}.mjs`);
      await bundleApp(contender.code, resolveDir, file);
      return { ...contender, code: `await import(${JSON.stringify(pathToFileURL(file).href)});` };
    }),
  );
}
