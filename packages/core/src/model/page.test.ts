import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rejectedPaths } from './__fixtures__/validation.js';
import { listOptionsSchema, type Page, pageSchema, paginate } from './page.js';

describe('pageSchema', () => {
  const schema = pageSchema(z.strictObject({ id: z.string() }));

  it('accepts a page with a cursor and a last page without one', () => {
    expect(schema.parse({ items: [{ id: 'a' }], nextCursor: 'c2' })).toEqual({
      items: [{ id: 'a' }],
      nextCursor: 'c2',
    });
    expect(schema.parse({ items: [] })).toEqual({ items: [] });
  });

  it('validates each item with the item schema', () => {
    expect(rejectedPaths(schema, { items: [{ id: 'a' }, { id: 2 }] })).toEqual(['items.1.id']);
  });

  it('rejects a missing items array and unknown keys', () => {
    expect(rejectedPaths(schema, { nextCursor: 'x' })).toEqual(['items']);
    expect(rejectedPaths(schema, { items: [], total: 3 })).toEqual(['']);
  });

  it('infers Page<T>', () => {
    const page: Page<{ id: string }> = schema.parse({ items: [{ id: 'a' }] });
    expect(page.items[0]?.id).toBe('a');
  });
});

describe('listOptionsSchema', () => {
  it('accepts pageSize 1 to 1000 and a cursor', () => {
    expect(listOptionsSchema.parse({ pageSize: 1, cursor: 'abc' })).toEqual({ pageSize: 1, cursor: 'abc' });
    expect(listOptionsSchema.parse({ pageSize: 1000 })).toEqual({ pageSize: 1000 });
    expect(listOptionsSchema.parse({})).toEqual({});
  });

  it.each([
    ['pageSize', { pageSize: 0 }],
    ['pageSize', { pageSize: 1001 }],
    ['pageSize', { pageSize: 2.5 }],
    ['cursor', { cursor: '' }],
    ['', { page: 2 }],
  ])('rejects an invalid %s', (path, options) => {
    expect(rejectedPaths(listOptionsSchema, options)).toEqual([path]);
  });
});

/** A fake list endpoint: pages of the given items, cursors `c1`, `c2`, … */
function pagedSource<T>(pages: readonly (readonly T[])[], cursors?: readonly (string | undefined)[]) {
  const calls: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<Page<T>> => {
    calls.push(cursor);
    const index = cursor === undefined ? 0 : Number(cursor.replace(/\D/g, '')) || 0;
    const items = [...(pages[index] ?? [])];
    const nextCursor = cursors ? cursors[index] : index + 1 < pages.length ? `c${index + 1}` : undefined;
    return nextCursor === undefined ? { items } : { items, nextCursor };
  };
  return { calls, fetchPage };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('paginate', () => {
  it('yields every item of every page in order, passing each nextCursor back', async () => {
    const source = pagedSource([['a', 'b'], ['c'], ['d', 'e']]);
    expect(await collect(paginate(source.fetchPage))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(source.calls).toEqual([undefined, 'c1', 'c2']);
  });

  it('fetches nothing until iterated', async () => {
    const source = pagedSource([['a']]);
    const iterator = paginate(source.fetchPage);
    expect(source.calls).toEqual([]);
    await iterator.next();
    expect(source.calls).toEqual([undefined]);
  });

  it('fetches the next page only when the consumer needs it', async () => {
    const source = pagedSource([['a', 'b'], ['c']]);
    for await (const item of paginate(source.fetchPage)) {
      if (item === 'a') break;
    }
    expect(source.calls).toEqual([undefined]);
  });

  it('stops when a page has no nextCursor', async () => {
    const source = pagedSource([['a']]);
    expect(await collect(paginate(source.fetchPage))).toEqual(['a']);
    expect(source.calls).toEqual([undefined]);
  });

  it('follows empty pages that still have a cursor', async () => {
    const source = pagedSource([[], [], ['z']]);
    expect(await collect(paginate(source.fetchPage))).toEqual(['z']);
  });

  it('stops instead of looping when the provider repeats a cursor', async () => {
    // Page 0 → c1, page 1 → c2, page 2 → c1 again.
    const source = pagedSource([['a'], ['b'], ['c']], ['c1', 'c2', 'c1']);
    expect(await collect(paginate(source.fetchPage))).toEqual(['a', 'b', 'c']);
    expect(source.calls).toEqual([undefined, 'c1', 'c2']);
  });

  it('stops when a page hands back its own cursor', async () => {
    const source = pagedSource([['a'], ['b']], ['c1', 'c1']);
    expect(await collect(paginate(source.fetchPage))).toEqual(['a', 'b']);
    expect(source.calls).toEqual([undefined, 'c1']);
  });

  it('treats an empty nextCursor as the last page', async () => {
    const source = pagedSource([['a'], ['b']], ['', 'c9']);
    expect(await collect(paginate(source.fetchPage))).toEqual(['a']);
    expect(source.calls).toEqual([undefined]);
  });

  it('propagates a failing page fetch after the items already yielded', async () => {
    const seen: string[] = [];
    const failing = async (cursor: string | undefined): Promise<Page<string>> => {
      if (cursor === undefined) return { items: ['a'], nextCursor: 'c1' };
      throw new Error('page 2 failed');
    };
    await expect(
      (async () => {
        for await (const item of paginate(failing)) seen.push(item);
      })(),
    ).rejects.toThrow('page 2 failed');
    expect(seen).toEqual(['a']);
  });
});
