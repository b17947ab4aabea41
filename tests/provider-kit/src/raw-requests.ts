// Fuzz support: raw requests and arbitrary values
import { fc } from '@fast-check/vitest';

/** Header names: real ones, valid tokens, and (rarely) names `Headers` refuses. */
export const headerName = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('content-type', 'content-length', 'user-agent', ...known) },
    { weight: 3, arbitrary: fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,16}$/) },
  );

/** Header values as an HTTP server hands them on: Latin-1 text, padded or not. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  // Printable ASCII.
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
      maxLength: 30,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', 'sha256=', 'sha256=00', 'application/json; charset=utf-8'),
  },
);

/**
 * Header values as a serverless adapter may hand them on in a record (API Gateway decodes them as
 * UTF-8): any text, beyond the Latin-1 a `Headers` takes.
 */
export const adapterHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom('€', 'sha256=€', 'café ☕', '\u2028', '日本語'),
);

/** False when a raw request's header record holds a name or value no HTTP request carries. */
export function headersCarriable(headers: Headers | Record<string, string | string[] | undefined>): boolean {
  if (headers instanceof Headers) return true;
  try {
    const result = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) result.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return true;
  } catch {
    return false;
  }
}

/** Anything JavaScript can hand a function. */
export const anyValue: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary',
});
