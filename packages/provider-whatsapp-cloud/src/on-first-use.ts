/**
 * A function that builds `build()`'s result on its first call and returns the same one after. The
 * webhook modules keep their zod schemas behind it: constructing them at import cost the
 * webhook-only entry about a tenth of its cold start, for schemas a delivery may not even need.
 */
export function onFirstUse<T extends object>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}
