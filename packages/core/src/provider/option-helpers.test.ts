import { describe, expect, it } from 'vitest';
import { baseUrlSchema, normalizeBearerToken, readEnv } from './option-helpers.js';

describe('provider option helpers', () => {
  it.each([
    ['Bearer abc.def', 'abc.def'],
    ['  bearer   abc ', 'abc'],
    ['BEARER\tabc', 'abc'],
    ['abc', 'abc'],
    ['Bearerabc', 'Bearerabc'],
  ])('normalizes the token %j', (input, expected) => {
    expect(normalizeBearerToken(input)).toBe(expected);
  });

  it('accepts base URLs with a path and refuses queries, fragments, credentials and other schemes', () => {
    expect(baseUrlSchema.safeParse('https://live-mt-server.wati.io/123456').success).toBe(true);
    expect(baseUrlSchema.safeParse('http://127.0.0.1:4000').success).toBe(true);
    for (const bad of ['https://x/?a=1', 'https://x/#f', 'https://u:p@x', 'ftp://x', 'not a url']) {
      expect(baseUrlSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('reads trimmed, non-blank environment variables', () => {
    expect(readEnv({ A: ' x ', B: '  ', C: undefined }, 'A')).toBe('x');
    expect(readEnv({ B: '  ' }, 'B')).toBeUndefined();
    expect(readEnv({}, 'C')).toBeUndefined();
  });
});
