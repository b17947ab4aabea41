#!/usr/bin/env node
// Bundles a package's entry points with esbuild, after `tsc` wrote their declarations. Run from the
// package directory:
//
//   node ../../scripts/bundle-entries.mjs src/index.ts src/errors/index.ts src/webhooks/index.ts
//   node ../../scripts/bundle-entries.mjs --inline zod src/index.ts src/webhooks/index.ts src/zod.ts
//   node ../../scripts/bundle-entries.mjs --zod-from @switchboard/core/zod src/index.ts
//
// `src/<path>.ts` becomes `dist/<path>.js`, beside the `dist/<path>.d.ts` that `tsc` wrote for it.
// Why: a fresh process pays for every module file it loads (resolve, read, compile, link), which is
// most of an import's cost here; one file per entry, and chunks the entries share, cost a fraction.
//
// - Several entries are split: code they share lives in `dist/chunks/`, loaded once, so
//   `@switchboard/core` and `@switchboard/core/webhooks` hand out the same classes and functions.
// - Every dependency of the package stays external (one copy, shared with the application), and so
//   does every `@switchboard/*` package.
// - `--inline zod` (core) inlines the functions of `zod/mini` the entries use instead: zod's
//   published modules re-export its whole core and every locale, about 40 ms of a cold start on
//   their own. zod's MIT license heads the bundle. The build fails, writing nothing, when zod's
//   classic API or a locale other than English would be inlined, or anything else of
//   `node_modules`: the entry would have lost what it exists for.
// - `--zod-from @switchboard/core/zod` (maton, the adapters) imports those functions from core's
//   bundle instead of inlining a copy: one copy of zod's code per process, not one per package. The
//   build fails when core's entry lacks a function used here, or when anything else of zod is
//   imported (it would load a second zod).
// - Run `clean-dist.mjs` before `tsc`: nothing here removes the files of an earlier build.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const inline = new Set();
const entries = [];
let zodFrom;
for (let index = 0; index < args.length; index += 1) {
  if (args[index] === '--inline') {
    index += 1;
    inline.add(args[index]);
  } else if (args[index] === '--zod-from') {
    index += 1;
    zodFrom = args[index];
  } else entries.push(args[index]);
}
const unknownInline = [...inline].filter((name) => name !== 'zod');
if (entries.length === 0 || unknownInline.length > 0 || (zodFrom !== undefined && inline.size > 0)) {
  console.error(
    'usage: bundle-entries.mjs [--inline zod | --zod-from <specifier>] <src/….ts>…  (only zod can be inlined)',
  );
  process.exit(2);
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
const external = [
  '@switchboard/*',
  ...dependencies.filter((name) => !inline.has(name)).flatMap((name) => [name, `${name}/*`]),
];

/** zod's license, whole, as a comment: MIT asks for its copyright and permission notice in every copy. */
function zodLicenseBanner() {
  const zodManifest = createRequire(join(process.cwd(), 'package.json')).resolve('zod/package.json');
  const { version } = JSON.parse(readFileSync(zodManifest, 'utf8'));
  const license = readFileSync(join(dirname(zodManifest), 'LICENSE'), 'utf8').trim();
  if (!license.startsWith('MIT License') || !license.includes('Permission is hereby granted')) {
    console.error(`bundle-entries: ${join(dirname(zodManifest), 'LICENSE')} is not the MIT license expected`);
    process.exit(1);
  }
  const lines = license
    .split('\n')
    .map((line) => (line.trim() === '' ? ' *' : ` * ${line.replaceAll('*/', '* /')}`));
  return `/*!\n * Includes parts of zod ${version} (https://zod.dev), under this license:\n *\n${lines.join('\n')}\n */`;
}

/**
 * `--zod-from`: `zod/mini` becomes an import of a module that re-exports the zod/mini functions of
 * an earlier package's bundle, so that every package of a process shares one copy of them.
 * `resolved` is esbuild's answer for `zod/mini`: that module, external or (to check it) bundled.
 */
const zodFromPlugin = (resolved) => ({
  name: 'zod-from',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^zod(\/|$)/ }, ({ path }) =>
      path === 'zod/mini'
        ? resolved
        : { errors: [{ text: `"${path}" would load a second zod at run time: import "zod/mini"` }] },
    );
  },
});

if (zodFrom !== undefined) {
  const common = {
    entryPoints: entries,
    outdir: 'dist',
    outbase: 'src',
    bundle: true,
    splitting: entries.length > 1,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external,
    write: false,
    logLevel: 'silent',
  };
  // That module exports only the functions Switchboard uses: check, before writing anything, that it
  // exports each one these entries use (esbuild sees a missing one only when it bundles the module).
  const zodFromFile = createRequire(join(process.cwd(), 'package.json')).resolve(zodFrom);
  const check = await build({
    ...common,
    plugins: [zodFromPlugin({ path: zodFromFile })],
    logOverride: { 'import-is-undefined': 'error' },
  }).catch((error) => error);
  if (check instanceof Error) {
    const reasons = [...new Set((check.errors ?? []).map((message) => message.text))];
    console.error(
      `bundle-entries: ${entries.join(', ')} cannot take zod from ${zodFrom}:\n  ${reasons.join('\n  ')}\n` +
        `A function "will always be undefined" is missing from the module behind ${zodFrom}: export it there.`,
    );
    process.exit(1);
  }
}

const result = await build({
  entryPoints: entries,
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: entries.length > 1,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external,
  // Readable output, as tsc's was: users read what they run. Minifying saved nothing measurable on
  // import time (V8 parses lazily); the source maps lead to `src/`.
  sourcemap: true,
  legalComments: 'none',
  banner: { js: inline.has('zod') ? zodLicenseBanner() : '' },
  metafile: true,
  write: false,
  logLevel: 'warning',
  plugins: zodFrom === undefined ? [] : [zodFromPlugin({ path: zodFrom, external: true })],
});

// What the output holds of each input (the metafile also lists inputs tree-shaking dropped).
const inlined = Object.values(result.metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs).flatMap(([input, { bytesInOutput }]) => (bytesInOutput > 0 ? [input] : [])),
);
const ALLOWED = inline.has('zod')
  ? /\/node_modules\/zod\/(mini|v4\/core|v4\/mini|v4\/locales\/en\.js$)/
  : undefined;
const unexpected = inlined.filter((input) => input.includes('node_modules/') && !ALLOWED?.test(input));
if (unexpected.length > 0) {
  console.error(
    `bundle-entries: ${entries.join(', ')} would inline modules that must stay out:\n  ${unexpected.slice(0, 10).join('\n  ')}\n` +
      'Import zod as `import * as z from "zod/mini"` (a named `z` pulls in every export), and nothing of the sending side.',
  );
  process.exit(1);
}

// esbuild makes an entry import, for evaluation order, each chunk that one of its chunks imports
// already (`import "../chunks/chunk-X.js";`). With `sideEffects: false`, every application's bundler
// then warns of an ignored bare import. Those lines are blanked (not removed, so the source maps keep
// their lines): the chunk is still evaluated first, through the chunk that imports it.
const importsOf = (path) => result.metafile.outputs[path]?.imports ?? [];
const BARE_CHUNK_IMPORT = /^import "(?:\.\.?\/)+(?:[\w-]+\/)*(chunk-[\w-]+\.js)";$/gm;
for (const file of result.outputFiles) {
  let text = file.text;
  if (file.path.endsWith('.js')) {
    const viaChunks = new Set(
      importsOf(relative(process.cwd(), file.path))
        .filter((imported) => !imported.external)
        .flatMap((imported) => importsOf(imported.path).map((nested) => basename(nested.path))),
    );
    text = text.replace(BARE_CHUNK_IMPORT, (line, chunk) => (viaChunks.has(chunk) ? '' : line));
  }
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, text);
}
