/**
 * A stand-in for a zod module's exports that records, in `calls`, the name of every function called
 * (`string`, `strictObject`…): an import-cost test mocks `zod/mini` with it and imports a package
 * to check that importing it builds no schema. Classes (`ZodMiniObject`…) and constants stay as
 * they are, so that `instanceof` and zod's own code keep working.
 *
 * Its own subpath, free of other imports, because a `vi.mock('zod/mini')` factory loads it while
 * `zod/mini` itself is being mocked.
 */
export function countZodCalls(actual: Record<string, unknown>, calls: string[]): Record<string, unknown> {
  const counted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(actual)) {
    counted[name] =
      typeof value === 'function' && /^[a-z]/.test(name)
        ? (...args: unknown[]) => {
            calls.push(name);
            return (value as (...args: unknown[]) => unknown)(...args);
          }
        : value;
  }
  return counted;
}
