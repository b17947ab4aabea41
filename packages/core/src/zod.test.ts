import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as ours from './zod.js';

// `catch` and `iso.date` are rebuilt in zod.ts (zod's own drag whole namespaces into the bundle):
// adapters' built code uses these instead of zod's, so they must behave exactly like zod's.

const anyInput = fc.oneof(
  fc.anything(),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.constantFrom('2024-02-29', '2023-02-29', '2024-13-01', '1999-12-31T00:00:00Z', ''),
);

describe('@switchboard/core/zod', () => {
  it('`catch` builds the same schema as zod’s: a ZodMiniCatch of the inner type', () => {
    const inner = z.nullish(z.boolean());
    const schema = ours.catch(inner, undefined);
    expect(schema).toBeInstanceOf(z.ZodMiniCatch);
    expect(schema._zod.def.type).toBe('catch');
    expect(schema._zod.def.innerType).toBe(inner);
    expect(schema.parse('not a boolean')).toBeUndefined();
    expect(schema.parse(true)).toBe(true);
  });

  test.prop([anyInput, fc.constantFrom(undefined, null, 'fallback', false)])(
    '`catch` parses every input as zod’s does, fallback included',
    (input, fallback) => {
      const inner = z.nullish(z.union([z.boolean(), z.string().check(z.minLength(2))]));
      const zods = z.catch(inner, fallback);
      const ourCatch = ours.catch(inner, fallback);
      expect(ourCatch.safeParse(input)).toEqual(zods.safeParse(input));
      expect(z.object({ flag: ourCatch }).safeParse({ flag: input })).toEqual(
        z.object({ flag: zods }).safeParse({ flag: input }),
      );
    },
  );

  test.prop([anyInput])(
    '`catch` with a function fallback calls it with the failure, as zod’s does',
    (input) => {
      const inner = z.string().check(z.minLength(2));
      const fallback = (context: { error: { issues: unknown[] }; value: unknown }) =>
        `fell back after ${context.error.issues.length} issue(s)`;
      expect(ours.catch(inner, fallback).safeParse(input)).toEqual(z.catch(inner, fallback).safeParse(input));
    },
  );

  it('`iso` has every format the adapters’ sources use', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const packages = new URL('../../', import.meta.url);
    const used = new Set<string>();
    for (const name of ['maton', 'provider-whatsapp-cloud', 'provider-wati']) {
      const source = new URL(`${name}/src/`, packages);
      for (const file of await readdir(source, { recursive: true })) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
        const text = await readFile(new URL(file, source), 'utf8');
        for (const match of text.matchAll(/\bz\.iso\.(\w+)/g)) used.add(match[1] ?? '');
      }
    }
    expect(used).toContain('date');
    expect([...used].filter((format) => !(format in ours.iso))).toEqual([]);
  });

  it('`iso.date` builds zod’s ISO date format, with its parameters', () => {
    const schema = ours.iso.date();
    expect(schema).toBeInstanceOf(z.ZodMiniISODate);
    expect(schema._zod.def).toEqual(z.iso.date()._zod.def);
    const withMessage = ours.iso.date('a calendar date');
    expect(withMessage.safeParse('tomorrow').error?.issues[0]?.message).toBe('a calendar date');
    expect(withMessage.safeParse('tomorrow').error?.issues).toEqual(
      z.iso.date('a calendar date').safeParse('tomorrow').error?.issues,
    );
  });

  test.prop([anyInput])('`iso.date` accepts and rejects what zod’s does', (input) => {
    expect(ours.iso.date().safeParse(input)).toEqual(z.iso.date().safeParse(input));
  });

  it('exports no `regexes`: its namespace would carry every zod regex into the bundle', () => {
    expect('regexes' in ours).toBe(false);
  });
});
