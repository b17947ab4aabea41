/**
 * `JSON.parse` for network input: returns `undefined` instead of throwing, and drops
 * `__proto__`/`constructor.prototype` keys so a hostile body cannot pollute prototypes when
 * merged later. The reviver only runs when such a key is present, keeping the common path fast.
 */
export function parseJsonSafely(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  try {
    const risky = text.includes('__proto__') || text.includes('prototype');
    return { ok: true, value: risky ? JSON.parse(text, stripPrototypeKeys) : JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function stripPrototypeKeys(this: unknown, key: string, value: unknown): unknown {
  if (key === '__proto__') return undefined;
  if (key === 'prototype' && typeof this === 'object' && this !== null && 'constructor' in this)
    return undefined;
  return value;
}
