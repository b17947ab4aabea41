import { readFileSync } from 'node:fs';
import { resolveProviderConfig } from '@switchboard/core';
import { wati } from '@switchboard/provider-wati';
import { whatsappCloud } from '@switchboard/provider-whatsapp-cloud';
import { describe, expect, it } from 'vitest';

// A user copies a config file from the READMEs: it must be a file the app reads (plain JSON, no
// comments) and each provider section one its provider accepts.
const root = new URL('../../../', import.meta.url);
const READMES = ['README.md', 'apps/sample/README.md'];
const PROVIDERS = [whatsappCloud, wati];

/** The README's ```json blocks that are config files (they name a provider). */
function configExamples(path: string): { path: string; text: string }[] {
  const markdown = readFileSync(new URL(path, root), 'utf8');
  return [...markdown.matchAll(/```(\w*)\n([\s\S]*?)```/g)]
    .filter((match) => ['json', 'jsonc', ''].includes(match[1] as string))
    .filter(
      (match) =>
        (match[2] as string).trimStart().startsWith('{') && /"provider"\s*:/.test(match[2] as string),
    )
    .map((match) => ({ path: `${path} (${match[1] || 'no language'})`, text: match[2] as string }));
}

/** A value for every `env:NAME` a config names, so only the config's own shape is checked. */
const env = new Proxy({} as Record<string, string>, {
  get: (_target, name) => (name === 'WATI_API_URL' ? undefined : `example-${String(name)}-0123456789`),
  has: () => true,
});

describe('config files in the READMEs', () => {
  const examples = READMES.flatMap(configExamples);

  it('are found', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(examples)('$path is JSON the app reads, with sections its providers accept', ({ text }) => {
    const config = JSON.parse(text) as Record<string, unknown>;
    const sections = PROVIDERS.filter((definition) => config[definition.id] !== undefined);
    expect(sections.length).toBeGreaterThan(0);
    for (const definition of sections) {
      const section = { provider: definition.id, [definition.id]: config[definition.id] };
      expect(() => resolveProviderConfig(section, PROVIDERS, { env })).not.toThrow();
    }
  });
});
