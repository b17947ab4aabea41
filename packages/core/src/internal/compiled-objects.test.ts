import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as ours from '../zod.js';
import { PARSES_BEFORE_COMPILING } from './compiled-objects.js';

type ObjectFactories = Pick<typeof z, 'object' | 'strictObject' | 'looseObject'>;

/** The same schemas, built with zod/mini's object functions or with core's compiling ones. */
function schemas({ object, strictObject, looseObject }: ObjectFactories) {
  const item = object({ id: z.string().check(z.minLength(1)), count: z.optional(z.number().check(z.int())) });
  const base = strictObject({
    id: z.string(),
    name: z.optional(z.string().check(z.trim(), z.minLength(2))),
    tags: z.optional(z.array(z.string())),
    meta: z.nullish(looseObject({ a: z.optional(z.string()) })),
    items: z.optional(z.array(item)),
    count: z.optional(
      z.pipe(
        z.number(),
        z.transform((n) => n * 2),
      ),
    ),
  });
  return {
    item,
    strict: base,
    loose: looseObject({ id: z.string(), count: z.optional(z.number()) }),
    // Derived schemas are clones (`_zod.constr`): they must compile too, and agree.
    checked: base.check(z.refine((value) => value.id !== 'forbidden', 'id is forbidden')),
    extended: z.extend(base, { extra: z.boolean() }),
    omitted: z.omit(base, { tags: true }),
  };
}

const keys = fc.constantFrom('id', 'name', 'tags', 'meta', 'items', 'count', 'extra', 'other');
const values = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('forbidden', ' x ', ''),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(undefined),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  fc.record({ a: fc.oneof(fc.string(), fc.integer()), b: fc.integer() }, { requiredKeys: [] }),
  fc.array(
    fc.record({ id: fc.oneof(fc.string(), fc.integer()), count: fc.oneof(fc.integer(), fc.double()) }),
    {
      maxLength: 2,
    },
  ),
);
const inputs = fc.oneof(fc.dictionary(keys, values, { maxKeys: 8 }), fc.anything());

/** Parses each schema until the compiled parser is the one in use. */
function warm<T extends Record<string, z.ZodMiniType>>(set: T): T {
  for (const schema of Object.values(set)) {
    for (let parse = 0; parse < PARSES_BEFORE_COMPILING; parse++) schema.safeParse({ id: 'warm-up' });
  }
  return set;
}

describe('object schemas compiled once warm', () => {
  const plain = schemas(z);
  const compiled = warm(schemas(ours));

  test.prop([inputs], { numRuns: 2000 })(
    'parse every input as zod/mini’s plain parser does: the same data, the same issues',
    (input) => {
      for (const name of Object.keys(plain) as (keyof typeof plain)[]) {
        expect(compiled[name].safeParse(input)).toEqual(plain[name].safeParse(input));
      }
    },
  );

  it('switch to zod’s compiled parser after the plain one parsed twice, derived schemas too', () => {
    for (const schema of Object.values(schemas(ours))) {
      const first = schema._zod.parse;
      for (let parse = 0; parse < PARSES_BEFORE_COMPILING; parse++) {
        expect(schema._zod.parse).toBe(first);
        schema.safeParse({ id: 'warm-up' });
      }
      expect(schema._zod.parse).not.toBe(first);
      // `run` is what callers and enclosing schemas call: without checks, it is `parse` itself.
      if (!schema._zod.def.checks?.length) expect(schema._zod.run).toBe(schema._zod.parse);
    }
    // zod/mini's own objects never switch: this is what the module exists for.
    const mini = z.object({ id: z.string() });
    const before = mini._zod.parse;
    for (let parse = 0; parse < 5; parse++) mini.safeParse({ id: 'x' });
    expect(mini._zod.parse).toBe(before);
  });

  it('keep async parses working once compiled (zod’s compiled parser hands them to the plain one)', async () => {
    const build = ({ object }: ObjectFactories) =>
      object({
        id: z.string().check(
          z.refine(async (id) => {
            await Promise.resolve();
            return id !== 'taken';
          }, 'id is taken'),
        ),
      });
    const mine = build(ours);
    const theirs = build(z);
    for (let parse = 0; parse < PARSES_BEFORE_COMPILING + 1; parse++)
      await mine.safeParseAsync({ id: 'free' });
    const compiledParse = mine._zod.parse;
    for (const input of [{ id: 'taken' }, { id: 'free' }, { id: 3 }, 'not an object']) {
      expect(await mine.safeParseAsync(input)).toEqual(await theirs.safeParseAsync(input));
    }
    // The switch happens once and stays, through the compiled parser's async fallbacks too.
    expect(mine._zod.parse).toBe(compiledParse);
  });
});
