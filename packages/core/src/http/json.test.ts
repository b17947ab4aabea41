import { describe, expect, it } from 'vitest';
import { decodeWebhookJson } from '../webhooks/decode-webhook-json.js';
import { parseJsonSafely } from './json.js';

/** `inner` inside `depth` arrays: `[[[…inner…]]]`. */
function nested(depth: number, inner: string): string {
  return `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
}

describe('parseJsonSafely', () => {
  it('drops __proto__ and prototype keys, keeping everything else', () => {
    const parsed = parseJsonSafely(
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1},"name":"n"},"list":[{"prototype":2,"a":3}],"text":"prototype"}',
    );
    expect(parsed.ok).toBe(true);
    const value = parsed.ok ? (parsed.value as Record<string, unknown>) : {};
    // Compared as text: toStrictEqual would compare the `constructor` keys as constructors.
    expect(JSON.stringify(value)).toBe('{"constructor":{"name":"n"},"list":[{"a":3}],"text":"prototype"}');
    expect(Object.hasOwn(value, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports malformed and empty text as not JSON', () => {
    expect(parseJsonSafely('{"a":')).toStrictEqual({ ok: false });
    expect(parseJsonSafely('  ')).toStrictEqual({ ok: false });
  });

  // Found by fuzzing (decode-webhook-json.fuzz.test.ts): the keys were dropped by a JSON.parse reviver,
  // which V8 runs recursively, so a valid body nested ~2,300 levels deep that merely contained the word
  // "prototype" overflowed the stack and was refused as "not valid JSON" (a 400 for a real delivery).
  it('parses valid JSON nested thousands of levels deep that mentions prototype or __proto__', () => {
    for (const inner of ['"prototype"', '{"__proto__":1,"prototype":2,"a":"x"}']) {
      const text = nested(20_000, inner);
      const parsed = parseJsonSafely(text);
      expect(parsed.ok).toBe(true);
      let value = parsed.ok ? parsed.value : undefined;
      for (let level = 0; level < 20_000; level++) value = (value as unknown[])[0];
      expect(value).toStrictEqual(inner === '"prototype"' ? 'prototype' : { a: 'x' });
    }
    const body = new TextEncoder().encode(nested(2273, '"prototype"'));
    expect(() => decodeWebhookJson(body, { provider: 'fake', what: 'fake webhook' })).not.toThrow();
  });
});
