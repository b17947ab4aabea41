import { fc } from '@fast-check/vitest';

/**
 * Objects holding any subset of `keys` (each with a value of `valueFor(key)`, or `undefined`), now
 * and then with a key no schema knows: the inputs that tell whether a factory's options schema
 * restricted to the fields given (core's `givenFields`) parses like the whole one.
 */
export function someFieldsOf(
  keys: readonly string[],
  valueFor: (key: string) => fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.subarray([...keys]),
      fc.option(fc.constantFrom('unknownOption', 'Transport', 'token '), { nil: undefined }),
    )
    .chain(([chosen, unknown]) => {
      const names = unknown === undefined ? chosen : [...chosen, unknown];
      return fc.tuple(
        ...names.map((name) =>
          fc
            .oneof({ weight: 4, arbitrary: valueFor(name) }, { weight: 1, arbitrary: fc.constant(undefined) })
            .map((value) => [name, value] as const),
        ),
      );
    })
    .map((entries) => Object.fromEntries(entries));
}

/**
 * Values that core's transport options and the factories' `env` are likely to hold, right or
 * wrong: the part of an options fuzz that every provider shares.
 */
export const plausibleTransportOptions: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  retry: fc.oneof(fc.constant(false), fc.record({ maxRetries: fc.integer({ min: -1, max: 5 }) })),
  rateLimit: fc.oneof(fc.constant(false), fc.record({ requestsPerSecond: fc.integer({ min: -1, max: 50 }) })),
  timeoutMs: fc.integer({ min: -1, max: 60_000 }),
  dispatcher: fc.constant({ dispatch: () => true }),
  hooks: fc.constant({}),
  env: fc.constant({}),
};
