import { describe, expect, it, vi } from 'vitest';

// Every zod function this package's modules call: building schemas was most of an import's cost, so
// importing the package must call none (its schemas are built on first use, see core's lazySchema).
const zodCalls = vi.hoisted(() => [] as string[]);

vi.mock('zod/mini', async (importOriginal) => {
  const { countZodCalls } = await import('@switchboard/provider-test-kit/count-zod-calls');
  return countZodCalls(await importOriginal<Record<string, unknown>>(), zodCalls);
});

describe('the cost of importing the package', () => {
  it.each(['./index.js'])('%s builds no zod schema at import', async (entry) => {
    await import(/* @vite-ignore */ entry);
    expect(zodCalls).toEqual([]);
    // The counter is live: the same zod the package imported records a schema built now.
    const z = await import('zod/mini');
    z.string();
    expect(zodCalls).toEqual(['string']);
    zodCalls.length = 0;
  });
});
