// Bundles an application's code the way a serverless function is usually shipped: one ES module for
// Node, tree-shaken, minified, every dependency inlined. undici is CommonJS and calls `require` for
// Node's modules, which an ES module has not, so the bundle defines one first, as core's README
// ("Bundling an application") says to.
import { type BuildResult, build } from 'esbuild';

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
