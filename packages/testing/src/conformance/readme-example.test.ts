import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's "Writing a provider" shows the example adapter, its API helpers and its conformance options;
// the self-tests run the fixtures. These tests keep the two the same (imports aside, which differ).

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

/** The ```ts block after `<!-- conformance: name -->` in the README. */
function readmeBlock(name: string): string {
  const marker = `<!-- conformance: ${name} -->\n\`\`\`ts\n`;
  const start = readme.indexOf(marker);
  if (start === -1) throw new Error(`README has no block marked ${name}`);
  const from = start + marker.length;
  return readme.slice(from, readme.indexOf('\n```', from));
}

/** Code without its import statements. */
function withoutImports(code: string): string {
  return code.replace(/^import[\s\S]*?;\n/gm, '').trim();
}

/** Code with layout removed: whitespace, and the trailing commas a wider or narrower layout adds. */
function layoutFree(code: string): string {
  return code.replace(/,(\s*[\])}])/g, '$1').replace(/\s+/g, '');
}

/** The text between the first `open` and the last `close`. */
function between(code: string, open: string, close: string): string {
  return code.slice(code.indexOf(open) + open.length, code.lastIndexOf(close));
}

describe('the README example', () => {
  it('shows the example adapter as it is', () => {
    expect(readmeBlock('example-adapter.ts')).toBe(fixture('example-adapter.ts').trimEnd());
  });

  it('shows the example API as it is', () => {
    expect(withoutImports(readmeBlock('example-api.ts'))).toBe(withoutImports(fixture('example-api.ts')));
  });

  it('passes the options the self-test passes', () => {
    const shown = between(readmeBlock('example-conformance-options.ts'), 'runProviderConformance({', '});');
    const tested = between(fixture('example-conformance-options.ts'), 'return {', '};');
    expect(layoutFree(shown)).toBe(layoutFree(tested));
  });
});
