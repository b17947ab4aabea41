#!/usr/bin/env node
// Bundles a package's entry points with esbuild, after `tsc` wrote their declarations. Run from the
// package directory:
//
//   node ../../scripts/bundle-entries.mjs src/index.ts src/errors/index.ts src/webhooks/index.ts
//   node ../../scripts/bundle-entries.mjs --inline zod src/webhooks/index.ts
//
// `src/<path>.ts` becomes `dist/<path>.js`, beside the `dist/<path>.d.ts` that `tsc` wrote for it.
// Why: a fresh process pays for every module file it loads (resolve, read, compile, link), which is
// most of an import's cost here; one file per entry, and chunks the entries share, cost a fraction.
//
// - Several entries are split: code they share lives in `dist/chunks/`, loaded once, so
//   `@switchboard/core` and `@switchboard/core/webhooks` hand out the same classes and functions.
// - Every dependency of the package stays external (one copy, shared with the application), and so
//   does every `@switchboard/*` package.
// - `--inline zod` inlines the functions of `zod/mini` the entries use instead: zod's published
//   modules re-export its whole core and every locale, about 40 ms of a cold start on their own,
//   while the few functions a webhook parser needs cost ~2 ms bundled. zod's MIT license heads the
//   bundle. The build fails, writing nothing, when zod's classic API or its locales would be
//   inlined, or anything else of `node_modules`: the entry would have lost what it exists for.
// - Run `clean-dist.mjs` before `tsc`: nothing here removes the files of an earlier build.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const inline = new Set();
const entries = [];
for (let index = 0; index < args.length; index += 1) {
  if (args[index] === '--inline') {
    index += 1;
    inline.add(args[index]);
  } else entries.push(args[index]);
}
const unknownInline = [...inline].filter((name) => name !== 'zod');
if (entries.length === 0 || unknownInline.length > 0) {
  console.error('usage: bundle-entries.mjs [--inline zod] <src/….ts>…  (only zod can be inlined)');
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
});

// What the output holds of each input (the metafile also lists inputs tree-shaking dropped).
const inlined = Object.values(result.metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs).flatMap(([input, { bytesInOutput }]) => (bytesInOutput > 0 ? [input] : [])),
);
const ALLOWED = inline.has('zod') ? /\/node_modules\/zod\/(mini|v4\/core|v4\/mini)\// : undefined;
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
