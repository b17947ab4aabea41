import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';

/** Options of every list call: `pageSize` and the opaque `cursor` of the previous page. */
export const listOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    pageSize: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))),
    /** `nextCursor` of the previous page; the first page when absent. */
    cursor: z.optional(z.string().check(z.minLength(1))),
  }),
);

/** Options of every list call. */
export type ListOptions = z.infer<typeof listOptionsSchema>;

/** A zod schema of a page of `item`. */
export function pageSchema<T extends z.core.$ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), nextCursor: z.optional(z.string()) });
}

/** One page of results; pass `nextCursor` back as `cursor` for the next one. No `nextCursor`: last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Iterates over every item of every page, fetching pages lazily.
 *
 * @example
 * for await (const template of paginate((cursor) => provider.templates.list({ cursor }))) { … }
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    // An empty cursor means "no more pages" too (list options reject `cursor: ''`).
    cursor = page.nextCursor || undefined;
    // A provider that hands back a cursor it already gave would otherwise loop forever.
    if (cursor !== undefined && seen.has(cursor)) return;
    if (cursor !== undefined) seen.add(cursor);
  } while (cursor !== undefined);
}
