import { describe, expect, it, vi } from 'vitest';

// Every zod function this package's modules call: building schemas was most of an import's cost, so
// importing the package must call none (its schemas are built on first use, see core's lazySchema).
const zodCalls = vi.hoisted(() => [] as string[]);

vi.mock('zod/mini', async (importOriginal) => {
  const { countZodCalls } = await import('@switchboard/provider-test-kit/count-zod-calls');
  return countZodCalls(await importOriginal<Record<string, unknown>>(), zodCalls);
});

describe('the cost of importing the package', () => {
  it.each(['./index.js', './webhooks/index.js'])('%s builds no zod schema at import', async (entry) => {
    await import(/* @vite-ignore */ entry);
    expect(zodCalls).toEqual([]);
    // The counter is live: the same zod the package imported records a schema built now.
    const z = await import('zod/mini');
    z.string();
    expect(zodCalls).toEqual(['string']);
    zodCalls.length = 0;
  });
});

describe('the cost of creating a provider', () => {
  it('builds the schemas of the options given, not those of the others', async () => {
    const { createWhatsAppCloud } = await import('./index.js');
    const minimal = {
      transport: 'direct',
      accessToken: 'token-123456',
      phoneNumberId: '106540352242922',
      env: {},
    } as const;
    createWhatsAppCloud(minimal);
    zodCalls.length = 0;
    createWhatsAppCloud(minimal);
    // Once built, a field's schema is kept: a second creation builds only the object of the fields given.
    const again = [...zodCalls];
    expect(again).not.toContain('regex');
    zodCalls.length = 0;
    createWhatsAppCloud({ ...minimal, apiVersion: 'v21.0', businessAccountId: '102290129340398' });
    // Options given for the first time have their schemas built now (both check a pattern).
    expect(zodCalls.filter((name) => name === 'regex')).toHaveLength(2);
  });
});
