import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from './fuzz-runs.js';
import { anyValue } from './raw-requests.js';

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

/** The part of a zod object schema these checks read. */
interface OptionsSchema {
  _zod: { def: { shape: object } };
  safeParse(input: unknown): unknown;
}

/**
 * Registers the property test of a factory's options schema built of the options given: over
 * random options, right and wrong (a plausible value of each option three times in four, any value
 * otherwise), `schemaOf(options)` must parse them as `schemaOf()`, the whole schema, does. And
 * every option must have a plausible value, so that a new option is fuzzed too.
 */
export function describeOptionsSchemaOfGivenFields(
  schemaOf: (options?: object) => OptionsSchema,
  plausible: Readonly<Record<string, fc.Arbitrary<unknown>>>,
  runs = 500,
): void {
  const whole = schemaOf();
  const options = Object.keys(whole._zod.def.shape);
  const valueFor = (option: string) =>
    fc.oneof({ weight: 3, arbitrary: plausible[option] ?? anyValue }, { weight: 1, arbitrary: anyValue });

  describe("the factory's options schema built of the options given", () => {
    it('knows a plausible value of every option', () => {
      expect(Object.keys(plausible).sort()).toEqual([...options].sort());
    });

    test.prop([someFieldsOf(options, valueFor)], fuzzParameters(runs))(
      'parses any options as the whole schema does: same value, same issues',
      (given) => {
        expect(schemaOf(given).safeParse(given)).toEqual(whole.safeParse(given));
      },
    );
  });
}
