import { describe, expect, it, vi } from 'vitest';

// Every zod function this package's modules call: building schemas was most of an import's cost, so
// importing the package must call none (its schemas are built on first use, see core's lazySchema).
const zodCalls = vi.hoisted(() => [] as string[]);

vi.mock('zod/mini', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const counted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(actual)) {
    // Classes (ZodMiniObject…) stay as they are: instanceof needs them.
    counted[name] =
      typeof value === 'function' && /^[a-z]/.test(name)
        ? (...args: unknown[]) => {
            zodCalls.push(name);
            return (value as (...args: unknown[]) => unknown)(...args);
          }
        : value;
  }
  return counted;
});

describe('the cost of importing the package', () => {
  it.each(['./index.js'])('%s builds no zod schema at import', async (entry) => {
    await import(/* @vite-ignore */ entry);
    expect(zodCalls).toEqual([]);
  });
});
