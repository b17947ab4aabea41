import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../providers.js';
import { useCliWorkspace } from '../../test-support/cli-workspace.js';

// The README's `switchboard send … --template …` lines, run as written on both sandboxes.
const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const templateLines = README.split('\n')
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter((line) => line.startsWith('switchboard send ') && line.includes(' --template '));

/** `a "b c" d` → `['a', 'b c', 'd']`: the README's lines use plain words and double quotes only. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? (match[2] as string));
}

const workspace = useCliWorkspace();

it('finds the README’s template examples', () => {
  expect(templateLines.length).toBeGreaterThanOrEqual(2);
});

describe.each(PROVIDER_IDS)('on the %s sandbox', (provider) => {
  it.each(templateLines)('%s', async (line) => {
    const result = await workspace.run(words(line).slice(1), { env: { SWITCHBOARD_PROVIDER: provider } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Sent template');
  });
});
