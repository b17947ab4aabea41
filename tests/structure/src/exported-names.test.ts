import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// esbuild bundles a class that names itself in its body as `var X = class _X`, and renames a
// function whose name another module of the bundle also uses (`sendTemplateCsv2`): what a logger
// reads from `error.constructor.name` (pino's `type`), and what a stack trace shows, would then not be
// the name the application imported. `keepNames` would fix every name at +13 M instructions per
// provider import (docs/performance.md), so the sources avoid both instead, and this checks the
// published files.
const packagesDir = new URL('../../../packages/', import.meta.url).pathname;
const BUNDLED_PACKAGES = ['core', 'maton', 'provider-whatsapp-cloud', 'provider-wati'];
// zod's functions, re-exported: their names are zod's own (`_gte`, `string2` in its bundle).
const ZOD_ENTRIES = new Set(['./zod', './internal']);

/** The built file of each published entry of `pkg` (`exports`), but zod's. */
function entryFiles(pkg: string): { entry: string; file: string }[] {
  const manifest = JSON.parse(readFileSync(join(packagesDir, pkg, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | { default: string }>;
  };
  return Object.entries(manifest.exports)
    .filter(([subpath]) => subpath !== './package.json' && !ZOD_ENTRIES.has(subpath))
    .map(([subpath, target]) => ({
      entry: `${manifest.name}${subpath.slice(1)}`,
      file: join(packagesDir, pkg, typeof target === 'string' ? target : target.default),
    }));
}

describe('the names of exported classes and functions in the published files', () => {
  const entries = BUNDLED_PACKAGES.flatMap(entryFiles);

  it('finds every entry', () => {
    expect(entries.map(({ entry }) => entry)).toEqual(
      expect.arrayContaining([
        '@switchboard/core',
        '@switchboard/core/errors',
        '@switchboard/core/webhooks',
        '@switchboard/maton',
        '@switchboard/provider-wati/webhooks',
      ]),
    );
  });

  it.each(entries)('$entry: each is the name it is exported under', async ({ file }) => {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const renamed = Object.entries(module)
      .filter(([, value]) => typeof value === 'function')
      .map(([exported, value]) => [exported, (value as { name: string }).name])
      .filter(([exported, name]) => exported !== name);
    expect(renamed).toStrictEqual([]);
  });
});
