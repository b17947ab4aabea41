/**
 * `JSON.parse` for network input: returns `undefined` instead of throwing, and drops
 * `__proto__`/`constructor.prototype` keys so a hostile body cannot pollute prototypes when
 * merged later. The keys are only looked for when the text contains one, keeping the common path fast.
 */
export function parseJsonSafely(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  if (text.includes('__proto__') || text.includes('prototype')) stripPrototypeKeys(value);
  return { ok: true, value };
}

/**
 * Deletes, in place, every `__proto__` and `prototype` key of the objects in a parsed value. A walk
 * with an explicit stack rather than a `JSON.parse` reviver: V8 runs revivers recursively, so a valid
 * body nested a few thousand levels deep overflowed the stack and was refused as "not JSON".
 */
function stripPrototypeKeys(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) continue;
    if (Array.isArray(item)) {
      for (const child of item) stack.push(child);
      continue;
    }
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === '__proto__' || key === 'prototype') delete record[key];
      else stack.push(record[key]);
    }
  }
}
