import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The published maps (`.js.map` for stack traces with --enable-source-maps, `.d.ts.map` for an
// editor's "go to definition") must lead somewhere in the installed package: to a source file the
// package publishes, or to text embedded in the map itself (`sourcesContent`, as esbuild embeds zod's).
const packagesDir = new URL('../../../packages/', import.meta.url).pathname;
const PUBLISHED = ['core', 'maton', 'provider-whatsapp-cloud', 'provider-wati', 'queue', 'testing'];

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
}

function mapFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return mapFiles(path);
    return entry.name.endsWith('.map') ? [path] : [];
  });
}

/** Whether the package's `files` publish `path` (relative to the package): `src/…` minus tests and fixtures. */
function published(path: string): boolean {
  if (path.startsWith('dist/')) return true;
  return path.startsWith('src/') && !path.endsWith('.test.ts') && !path.includes('/__fixtures__/');
}

describe('source maps of the published files', () => {
  it.each(PUBLISHED)('%s: every source is published or embedded', (pkg) => {
    const root = join(packagesDir, pkg);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toEqual(
      expect.arrayContaining(['src', '!src/**/*.test.ts', '!src/**/__fixtures__']),
    );
    const maps = mapFiles(join(root, 'dist'));
    expect(maps.length).toBeGreaterThan(0);
    const dangling: string[] = [];
    for (const file of maps) {
      const map = JSON.parse(readFileSync(file, 'utf8')) as SourceMap;
      map.sources.forEach((source, index) => {
        if (typeof map.sourcesContent?.[index] === 'string') return;
        const target = relative(root, resolve(dirname(file), source));
        if (!published(target) || !existsSync(join(root, target))) {
          dangling.push(`${relative(root, file)} → ${source}`);
        }
      });
    }
    expect(dangling).toStrictEqual([]);
  });
});
