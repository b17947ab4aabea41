import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMetaSchemas, META_OPENAPI_FILE, metaOpenApiFileFor, parseSchemas } from './meta-openapi.js';

describe("Meta's OpenAPI file", () => {
  afterEach(() => {
    vi.doUnmock('node:fs/promises');
    vi.resetModules();
  });

  it('is found from the published dist module as from the source module, and is published', () => {
    const distModule = new URL('../../dist/whatsapp-cloud/meta-openapi.js', import.meta.url);
    expect(metaOpenApiFileFor(distModule).href).toBe(META_OPENAPI_FILE.href);
    expect(existsSync(META_OPENAPI_FILE)).toBe(true);
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(manifest.files).toContain('openapi');
  });

  it('is read and parsed once, fixes applied, and every caller shares the result', async () => {
    const schemas = await loadMetaSchemas();
    expect(await loadMetaSchemas()).toBe(schemas);
    expect((schemas.LanguageObject as { required: string[] }).required).toEqual(['code']);
  });

  it('is read again after a failed read, so a fixed install recovers', async () => {
    vi.resetModules();
    const real = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    let reads = 0;
    vi.doMock('node:fs/promises', () => ({
      ...real,
      readFile: (...args: Parameters<typeof real.readFile>) =>
        ++reads === 1 ? Promise.reject(new Error('EACCES: permission denied')) : real.readFile(...args),
    }));
    const fresh = await import('./meta-openapi.js');

    await expect(fresh.loadMetaSchemas()).rejects.toThrow('EACCES');
    const schemas = await fresh.loadMetaSchemas();
    expect(await fresh.loadMetaSchemas()).toBe(schemas);
    expect(reads).toBe(2);
  });
});

describe('parseSchemas', () => {
  it('reads components.schemas from the components block alone, wherever it is in the document', () => {
    const text = [
      'openapi: 3.1.0',
      'tags:',
      '- name: Messages',
      'components:  # the schemas',
      '  schemas:',
      '    Text:',
      '      type: object',
      '',
      '      # a comment at the end of the block',
      'paths:',
      '  /messages: {}',
    ].join('\r\n');
    expect(parseSchemas(text)).toEqual({ Text: { type: 'object' } });
    expect(parseSchemas('components:\n  schemas:\n    Last:\n      type: string\n')).toEqual({
      Last: { type: 'string' },
    });
  });

  it('falls back to the whole document when the block cannot be read on its own', () => {
    // An alias to an anchor outside the block resolves only in the whole document.
    const aliased = 'shared: &text\n  type: string\ncomponents:\n  schemas:\n    Text: *text\n';
    expect(parseSchemas(aliased)).toEqual({ Text: { type: 'string' } });
    expect(parseSchemas('openapi: 3.1.0\npaths: {}\n')).toBeUndefined();
    expect(parseSchemas('components: {schemas: {Flow: {type: integer}}}\n')).toEqual({
      Flow: { type: 'integer' },
    });
  });

  it('fails as the whole document does when it is not valid YAML', () => {
    const duplicate = 'components:\n  schemas: {}\ncomponents:\n  schemas: {}\n';
    expect(() => parseSchemas(duplicate)).toThrow(/unique/i);
    expect(() => parseSchemas('components:\n  schemas:\n    A: [\n')).toThrow();
  });
});
