import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderDefinition } from '@switchboard/core';
import { describe, expect, it } from 'vitest';

// Every provider package starts from the same skeleton, so a reader finds the same role in the same
// file in each, and a third provider (Twilio, 360dialog) is written to the same shape.
const packagesDir = new URL('../../../packages/', import.meta.url).pathname;
const providerDirs = readdirSync(packagesDir).filter((name) => name.startsWith('provider-'));

/** The files every adapter has, by role; `<id>` is the provider id (the directory name after `provider-`). */
const REQUIRED_FILES: Readonly<Record<string, string>> = {
  'src/index.ts': 'the public exports',
  'src/<id>-provider.ts': 'the factory and the provider type with its facets',
  'src/<id>-options.ts': 'the options schema, defaults and credentials',
  'src/<id>-definition.ts': 'the ProviderDefinition for loadProvider and configFromEnv',
  'src/<id>-client.ts': 'auth, base URL, limiter and error mapper around core’s transport',
  'src/<id>-capabilities.ts': 'capabilities and limits',
  'src/send-message.ts': 'send: validate → capability → convert → request',
  'src/convert-to-<id>-message.ts': 'neutral message → wire request',
  'src/map-<id>-error.ts': 'error responses → typed errors',
  'src/webhooks/parse-webhook.ts': 'webhooks.parse',
  'src/webhooks/handle-verification.ts': 'webhooks.handleVerification',
  'README.md': 'the package documentation',
};

function manifestOf(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as Record<string, unknown>;
}

const squash = (text: string) => text.replace(/[^a-z0-9]/gi, '').toLowerCase();

it('finds the provider packages', () => {
  expect(providerDirs.length).toBeGreaterThanOrEqual(2);
});

describe.each(providerDirs)('%s', (dir) => {
  const id = dir.slice('provider-'.length);
  const manifest = manifestOf(dir);
  const name = String(manifest.name);

  it.each(Object.entries(REQUIRED_FILES))('has %s (%s)', (file) => {
    expect(existsSync(join(packagesDir, dir, file.replaceAll('<id>', id))), file).toBe(true);
  });

  it('is an ESM-only package with an exports map, types, no side effects, and core as a dependency', () => {
    expect(name).toBe(`@switchboard/${dir}`);
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.exports).toMatchObject({
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
    });
    expect(manifest.dependencies).toHaveProperty('@switchboard/core');
    expect(manifest.engines).toHaveProperty('node');
  });

  it('has no runtime dependency on test tooling', () => {
    const dependencies = Object.keys((manifest.dependencies ?? {}) as Record<string, string>);
    expect(
      dependencies.filter((dependency) => /^(msw|vitest|@switchboard\/testing)$/.test(dependency)),
    ).toEqual([]);
  });

  it(`exports create<Name>, its ProviderDefinition with id "${id}", and the <Name>Provider and <Name>Options types`, async () => {
    const devDependencies = (
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies;
    expect(devDependencies, `add ${name} to tests/structure/package.json devDependencies`).toHaveProperty(
      name,
    );
    const exports = (await import(name)) as Record<string, unknown>;
    const factoryName = Object.keys(exports).find((key) => squash(key) === squash(`create${id}`));
    expect(factoryName, `a create… factory named after "${id}"`).toBeDefined();
    const pascal = (factoryName ?? '').slice('create'.length);
    expect(typeof exports[factoryName ?? '']).toBe('function');

    const definitionName = Object.keys(exports).find((key) => squash(key) === squash(id));
    expect(definitionName, `a ProviderDefinition export named after "${id}"`).toBeDefined();
    const definition = exports[definitionName ?? ''] as ProviderDefinition;
    expect(definition.id).toBe(id);
    expect(typeof definition.create).toBe('function');
    expect(typeof definition.fromEnv).toBe('function');
    expect(typeof definition.configSchema.safeParse).toBe('function');

    const index = readFileSync(join(packagesDir, dir, 'src/index.ts'), 'utf8');
    expect(index).toMatch(new RegExp(`\\btype ${pascal}Provider\\b`));
    expect(index).toMatch(new RegExp(`\\btype ${pascal}Options\\b`));
  });

  it('has a webhook-only entry, `<name>/webhooks`, with a create<Name>Webhooks factory giving a webhook source', async () => {
    expect(manifest.exports).toHaveProperty('./webhooks');
    const webhooks = (await import(`${name}/webhooks`)) as Record<string, unknown>;
    const factoryName = Object.keys(webhooks).find((key) => squash(key) === squash(`create${id}Webhooks`));
    expect(factoryName, `a create…Webhooks factory named after "${id}"`).toBeDefined();
    const create = webhooks[factoryName ?? ''] as (options: { allowUnverified: boolean }) => {
      id: string;
      webhooks: { parse: unknown; handleVerification: unknown };
    };
    const source = create({ allowUnverified: true });
    expect(source.id).toBe(id);
    expect(typeof source.webhooks.parse).toBe('function');
    expect(typeof source.webhooks.handleVerification).toBe('function');
  });
});
