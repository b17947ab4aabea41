import { describe, expect, it } from 'vitest';
import { redactHeaders, redactText, redactValue } from './redaction.js';

const SECRET = 'sk_live_abcdef123456';

describe('redaction', () => {
  it('replaces every occurrence of a known secret', () => {
    expect(redactText(`a ${SECRET} b ${SECRET}`, [SECRET])).toBe('a [redacted] b [redacted]');
  });

  it('scrubs token-looking query parameters even for secrets it was not told about', () => {
    expect(redactText('https://x/y?limit=1&access_token=EAAB123&after=Q', [])).toBe(
      'https://x/y?limit=1&access_token=[redacted]&after=Q',
    );
    expect(redactText('"next":"https://x?api_key=abc"', [])).toBe('"next":"https://x?api_key=[redacted]"');
  });

  it('ignores secrets too short to replace safely', () => {
    expect(redactText('abc abc', ['abc'])).toBe('abc abc');
  });

  it('keeps the auth scheme of credential headers and redacts secrets elsewhere', () => {
    expect(
      redactHeaders(
        { Authorization: `Bearer ${SECRET}`, 'x-other': `id ${SECRET}`, cookie: 'a=b', accept: 'x' },
        [SECRET],
      ),
    ).toStrictEqual({
      Authorization: 'Bearer [redacted]',
      'x-other': 'id [redacted]',
      cookie: '[redacted]',
      accept: 'x',
    });
  });

  it('deeply redacts JSON values and returns the same object when nothing changed', () => {
    const clean = { a: [1, { b: 'x' }] };
    expect(redactValue(clean, [SECRET])).toBe(clean);
    expect(redactValue({ a: [{ b: `t=${SECRET}` }], n: 1 }, [SECRET])).toStrictEqual({
      a: [{ b: 't=[redacted]' }],
      n: 1,
    });
  });
});
