import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// An ES module that imports one of Node's builtins statically pays for it at every cold start, and
// for some builtins that is most of an import's cost: under V8's compile cache, `import('node:http')`
// from an ES module counted 175.6 M instructions, `require('node:http')` 16.9 M (docs/performance.md,
// "The first send with V8's compile cache, counted"). The packages a provider import loads therefore
// import only `node:events` statically and take the others on first use
// (`packages/core/src/internal/node-builtins.ts`; undici, loaded on the first request, requires its own).
const packagesDir = new URL('../../../packages/', import.meta.url).pathname;
const COLD_PATH_PACKAGES = ['core', 'maton', 'provider-whatsapp-cloud', 'provider-wati'];
const ALLOWED_STATIC_BUILTINS = ['node:events'];

/** Every `.js` file under `directory`, recursively. */
function javascriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return javascriptFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** The specifiers of a module's static `import … from`, `import '…'` and `export … from` statements. */
function staticSpecifiers(source: string): string[] {
  const statement = /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g;
  return [...source.matchAll(statement)].map((match) => match[1] ?? '');
}

describe('static imports of Node builtins in the published files', () => {
  it('reads import statements of every form the bundles use', () => {
    const source = [
      'import { EventEmitter } from "node:events";',
      'import * as http from "node:http";',
      "import 'node:process';",
      'export { Buffer } from "node:buffer";',
      'const later = () => import("node:crypto");',
      'var x = 1;import{a as b}from"./chunk.js"',
    ].join('\n');
    expect(staticSpecifiers(source)).toEqual([
      'node:events',
      'node:http',
      'node:process',
      'node:buffer',
      './chunk.js',
    ]);
  });

  it.each(COLD_PATH_PACKAGES)('%s imports no builtin statically but node:events', (name) => {
    const dist = join(packagesDir, name, 'dist');
    const files = javascriptFiles(dist);
    expect(files.length).toBeGreaterThan(0);
    const builtins = files.flatMap((file) =>
      staticSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => isBuiltin(specifier))
        .map((specifier) => `${specifier} (${file.slice(dist.length + 1)})`),
    );
    expect(
      builtins.filter((found) => !ALLOWED_STATIC_BUILTINS.some((allowed) => found.startsWith(`${allowed} `))),
    ).toEqual([]);
  });
});
