import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { givenFields, strictObjectOfGiven } from './given-fields.js';
import { lazySchema } from './lazy-schema.js';

describe('givenFields', () => {
  it("keeps the shape's fields the input has, with undefined values too, plus the required ones, in shape order", () => {
    const shape = { a: 1, b: 2, c: 3, d: 4 };
    expect(Object.keys(givenFields(shape, { c: 0, a: undefined, unknown: 1 }, ['d']))).toEqual([
      'a',
      'c',
      'd',
    ]);
    expect(givenFields(shape, {})).toEqual({});
  });
});

describe('strictObjectOfGiven', () => {
  const built: string[] = [];
  const field = (name: string) =>
    lazySchema(() => {
      built.push(name);
      return z.optional(z.string());
    });
  const shape = { host: lazySchema(() => z.string()), user: field('user'), password: field('password') };

  it('builds the schemas of the fields given and of the required ones only', () => {
    const schema = strictObjectOfGiven(shape, { user: 'ada' }, ['host']);
    expect(schema.safeParse({ user: 'ada' }).success).toBe(false);
    expect(schema.parse({ host: 'h', user: 'ada' })).toEqual({ host: 'h', user: 'ada' });
    expect(built).toEqual(['user']);
  });

  it('reports what the whole strict object does: a missing required field, a wrong value, an unknown key', () => {
    const input = { user: 42, colour: 'red' };
    const issues = (result: { error?: { issues: unknown[] } }) => result.error?.issues;
    expect(issues(strictObjectOfGiven(shape, input, ['host']).safeParse(input))).toEqual(
      issues(z.strictObject(shape).safeParse(input)),
    );
    expect(issues(strictObjectOfGiven(shape, input, ['host']).safeParse(input))).toHaveLength(3);
  });

  it('is the whole strict object without an input', () => {
    expect(Object.keys(strictObjectOfGiven(shape, undefined)._zod.def.shape)).toEqual([
      'host',
      'user',
      'password',
    ]);
  });
});
