import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import * as classic from 'zod';
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';

function counted<T extends object>(build: () => T) {
  const spy = vi.fn(build);
  return { schema: lazySchema(spy), spy };
}

describe('lazySchema', () => {
  it('builds nothing until first used, then builds once', () => {
    const { schema, spy } = counted(() => z.strictObject({ name: z.string() }));
    expect(spy).not.toHaveBeenCalled();
    expect(schema.parse({ name: 'a' })).toEqual({ name: 'a' });
    expect(schema.safeParse({ name: 1 }).success).toBe(false);
    expect(Object.keys(schema.shape)).toEqual(['name']);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('is not built by being nested; parses the same nested in objects, unions, optionals and extensions', () => {
    const { schema: inner, spy } = counted(() => z.string().check(z.minLength(2)));
    const outer = z.strictObject({ id: inner, note: z.optional(inner) });
    const union = z.union([z.number(), inner]);
    const extended = z.extend(outer, { more: z.array(inner) });
    const classicObject = classic.object({ id: inner });
    expect(spy).not.toHaveBeenCalled();

    expect(outer.parse({ id: 'ab' })).toEqual({ id: 'ab' });
    expect(union.parse('ab')).toBe('ab');
    expect(extended.parse({ id: 'ab', more: ['cd'] })).toEqual({ id: 'ab', more: ['cd'] });
    expect(classicObject.parse({ id: 'ab' })).toEqual({ id: 'ab' });
    const failure = outer.safeParse({ id: 'a', note: 'b' });
    expect(failure.error?.issues.map((issue) => issue.path)).toEqual([['id'], ['note']]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('keeps optional keys optional and discriminated unions working', () => {
    const optional = lazySchema(() => z.optional(z.string()));
    const a = lazySchema(() => z.strictObject({ type: z.literal('a'), value: optional }));
    const b = lazySchema(() => z.strictObject({ type: z.literal('b') }));
    const union = z.discriminatedUnion('type', [a, b]);
    expect(union.parse({ type: 'a' })).toEqual({ type: 'a' });
    expect(union.parse({ type: 'b' })).toEqual({ type: 'b' });
    expect(union.safeParse({ type: 'c' }).success).toBe(false);
  });

  it('answers instanceof, in, spreading and the prototype as the built schema', () => {
    const schema = lazySchema(() => z.strictObject({ name: z.string() }));
    const built = z.strictObject({ name: z.string() });
    expect(schema instanceof z.ZodMiniObject).toBe(true);
    expect(Object.getPrototypeOf(schema)).toBe(Object.getPrototypeOf(built));
    expect('_zod' in schema).toBe(true);
    expect(Object.keys({ ...schema }).sort()).toEqual(Object.keys({ ...built }).sort());
  });

  it('logs as the built schema, not as the empty object behind the proxy', () => {
    const schema = lazySchema(() => z.strictObject({ name: z.string() }));
    expect(inspect(schema)).toBe(inspect(z.strictObject({ name: z.string() })));
    expect(inspect(schema)).toContain('ZodMiniObject');
  });

  it('refuses to be frozen: the built schema stays the one that answers', () => {
    const schema = lazySchema(() => z.string());
    expect(() => Object.freeze(schema)).toThrow(TypeError);
    expect(schema.parse('still works')).toBe('still works');
  });

  it('reports an error of the builder at first use, each time it is used', () => {
    const schema = lazySchema<z.ZodMiniString>(() => {
      throw new Error('broken builder');
    });
    expect(() => schema.parse('x')).toThrow('broken builder');
    expect(() => schema.parse('x')).toThrow('broken builder');
  });
});
