import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMetaSchemas, META_OPENAPI_FILE, metaOpenApiFileFor } from './meta-openapi.js';

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
