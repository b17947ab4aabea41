#!/usr/bin/env node
// Bundles a package's entry points with esbuild, after `tsc` wrote their declarations. Run from the
// package directory:
//
//   node ../../scripts/bundle-entries.mjs src/index.ts src/errors/index.ts src/webhooks/index.ts
//   node ../../scripts/bundle-entries.mjs --inline zod src/index.ts src/internal.ts \
//     --facade src/errors/index.ts=src/internal.ts --facade src/zod.ts=src/internal.ts
//   node ../../scripts/bundle-entries.mjs --via @switchboard/core/internal src/index.ts
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
// - `--facade src/<entry>.ts=src/<target>.ts` (core) writes `dist/<entry>.js` as one line that
//   re-exports, from the target's bundle, the names the entry exports, instead of a bundle of its own
//   (whose code esbuild would spread over chunks it shares with the other entries). Core's light
//   entries (`/errors`, `/webhooks`, `/zod`) are facades of `@switchboard/core/internal`: the webhook
//   path of a provider then loads two of core's files instead of eight. The build fails when the
//   target lacks a name the entry exports.
// - `--via @switchboard/core/internal` (maton, the adapters) turns each import of `zod/mini` and of
//   core's light entries into an import of that one module: one copy of zod's code per
//   process, not one per package (it takes zod's functions from core's bundle), and one module file
//   where there were several. The build fails when that module lacks a name used here, or when
//   anything else of zod is imported (it would load a second zod), or when the output re-exports
//   the whole module (`export * from`: every name of core's light entries would leak into it).
// - Run `clean-dist.mjs` before `tsc`: nothing here removes the files of an earlier build.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const inline = new Set();
const entries = [];
/** Facade entry → the entry whose bundle it re-exports (`--facade`). */
const facades = new Map();
let via;
for (let index = 0; index < args.length; index += 1) {
  if (args[index] === '--inline') {
    index += 1;
    inline.add(args[index]);
  } else if (args[index] === '--via') {
    index += 1;
    via = args[index];
  } else if (args[index] === '--facade') {
    index += 1;
    const [facade, target] = (args[index] ?? '').split('=');
    facades.set(facade, target);
  } else entries.push(args[index]);
}
const unknownInline = [...inline].filter((name) => name !== 'zod');
const badFacades = [...facades].filter(
  ([facade, target]) => !facade || facade === target || entries.includes(facade) || !entries.includes(target),
);
if (
  entries.length === 0 ||
  unknownInline.length > 0 ||
  (via !== undefined && inline.size > 0) ||
  badFacades.length > 0
) {
  console.error(
    'usage: bundle-entries.mjs [--inline zod | --via <specifier>] <src/….ts>… [--facade src/<entry>.ts=<one of those>]…\n' +
      '  (only zod can be inlined; a facade re-exports an entry bundled here, and is not one itself)',
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

/** Core's entries that `--via` maps to its one module (facades of it, and the module itself). */
const CORE_LIGHT_ENTRIES = /^@switchboard\/core\/(errors|webhooks|zod|internal)$/;

/**
 * `--via`: `zod/mini` and core's light entries (`/errors`, `/webhooks`, `/zod`) become imports of one module of core,
 * which re-exports zod/mini's functions from core's bundle and every name of core's light entries, so
 * that every package of a process shares one copy of them, loaded from one file. `resolved` is
 * esbuild's answer for those imports: that module, external or (to check it) bundled.
 */
const viaPlugin = (resolved) => ({
  name: 'via',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^zod(\/|$)/ }, ({ path }) =>
      path === 'zod/mini'
        ? resolved
        : { errors: [{ text: `"${path}" would load a second zod at run time: import "zod/mini"` }] },
    );
    pluginBuild.onResolve({ filter: CORE_LIGHT_ENTRIES }, () => resolved);
  },
});

/** What every build here shares: the entries' bundle for Node, dependencies external, in memory. */
const bundleOptions = {
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  splitting: entries.length > 1,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external,
  write: false,
};

if (via !== undefined) {
  const common = { ...bundleOptions, entryPoints: entries, logLevel: 'silent' };
  // That module exports only the zod functions Switchboard uses: check, before writing anything, that
  // it exports each name these entries use (esbuild sees a missing one only when it bundles the module).
  const viaFile = createRequire(join(process.cwd(), 'package.json')).resolve(via);
  const check = await build({
    ...common,
    plugins: [viaPlugin({ path: viaFile })],
    logOverride: { 'import-is-undefined': 'error' },
  }).catch((error) => error);
  if (check instanceof Error) {
    const reasons = [...new Set((check.errors ?? []).map((message) => message.text))];
    console.error(
      `bundle-entries: ${entries.join(', ')} cannot import through ${via}:\n  ${reasons.join('\n  ')}\n` +
        `Each name above is missing from the module behind ${via}: export it there.`,
    );
    process.exit(1);
  }
}

const result = await build({
  ...bundleOptions,
  entryPoints: entries,
  chunkNames: 'chunks/[name]-[hash]',
  // Readable output, as tsc's was: users read what they run. Minifying saved nothing measurable on
  // import time (V8 parses lazily); the source maps lead to `src/`.
  sourcemap: true,
  legalComments: 'none',
  banner: { js: inline.has('zod') ? zodLicenseBanner() : '' },
  metafile: true,
  logLevel: 'warning',
  plugins: via === undefined ? [] : [viaPlugin({ path: via, external: true })],
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

// `export * from` the one module would re-export, at run time, every name of core's light entries
// from this package, with no declaration of them: name what is re-exported instead.
if (via !== undefined) {
  const reexportsAll = result.outputFiles.filter(
    (file) => file.path.endsWith('.js') && file.text.includes(`export * from ${JSON.stringify(via)}`),
  );
  if (reexportsAll.length > 0) {
    console.error(
      `bundle-entries: ${reexportsAll.map((file) => relative(process.cwd(), file.path)).join(', ')} would re-export all of ${via} (\`export * from\` one of core's light entries): export the names one by one`,
    );
    process.exit(1);
  }
}

/** `src/a/b.ts` → `dist/a/b.js`, as esbuild names an entry's output with `outbase: 'src'`. */
const outputOf = (entry) => join('dist', relative('src', entry)).replace(/\.[cm]?tsx?$/, '.js');

const facadeFiles = [];
// Each facade: the names its source exports (a bundle of it, not written, tells them), re-exported
// from its target's bundle, which must export every one of them.
for (const [facade, target] of facades) {
  const probe = await build({
    ...bundleOptions,
    entryPoints: [facade],
    splitting: false,
    metafile: true,
    logLevel: 'warning',
  });
  const names =
    Object.values(probe.metafile.outputs).find((output) => output.entryPoint === facade)?.exports ?? [];
  // A re-export of all of an external module lists no names: the facade would silently lack them.
  if (probe.outputFiles.some((file) => /^export \* from /m.test(file.text))) {
    console.error(
      `bundle-entries: the facade ${facade} re-exports all of an external module: name its exports`,
    );
    process.exit(1);
  }
  const targetExports = new Set(result.metafile.outputs[outputOf(target)]?.exports ?? []);
  const missing = names.filter((name) => !targetExports.has(name));
  if (names.length === 0 || missing.length > 0) {
    console.error(
      `bundle-entries: ${target} must export every name of its facade ${facade}; missing: ${missing.join(', ') || '(the facade exports nothing)'}`,
    );
    process.exit(1);
  }
  const path = outputOf(facade);
  let from = relative(dirname(path), outputOf(target));
  if (!from.startsWith('.')) from = `./${from}`;
  facadeFiles.push({
    path,
    text:
      `// ${facade}: what it exports, from ${target}'s bundle (see scripts/bundle-entries.mjs, --facade).\n` +
      `export { ${names.join(', ')} } from ${JSON.stringify(from)};\n`,
  });
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
for (const file of facadeFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.text);
}
