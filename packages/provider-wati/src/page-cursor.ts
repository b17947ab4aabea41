import { ValidationError } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WATI_PROVIDER_ID } from './wati-options.js';

/** Page size of list calls when the caller gives none. */
export const DEFAULT_PAGE_SIZE = 50;

/** WATI's page metadata (`link`), typed loosely: its inner types are not documented. */
export const watiLinkSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(
    z.looseObject({
      prevPage: z.optional(z.unknown()),
      nextPage: z.optional(z.unknown()),
      pageNumber: z.optional(z.unknown()),
      pageSize: z.optional(z.unknown()),
      total: z.optional(z.unknown()),
    }),
  ),
);

/** WATI's page metadata. */
export type WatiLink = z.output<typeof watiLinkSchema>;

/**
 * The filters a listing was made with (e.g. `name`, `attribute`, `createdDate`), by name. A cursor
 * carries them, so `list({ cursor })` continues the same filtered listing: without them the next
 * page would silently be a page of the unfiltered list.
 */
export type PageFilters = Readonly<Record<string, string>>;

/** Where a listing stands: the page to fetch, its size and the listing's filters. */
export interface PagePosition {
  pageNumber: number;
  pageSize: number;
  filters: PageFilters;
}

const cursorSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    page: z.number().check(z.int(), z.gte(1)),
    size: z.number().check(z.int(), z.gte(1), z.lte(1000)),
    filters: z.optional(z.record(z.string(), z.string())),
  }),
);

/**
 * An opaque cursor for a WATI page: WATI pages by number, so the cursor holds the page to fetch
 * next, the page size and the filters of the listing.
 */
export function encodePageCursor(pageNumber: number, pageSize: number, filters: PageFilters = {}): string {
  const state = {
    page: pageNumber,
    size: pageSize,
    ...(Object.keys(filters).length === 0 ? {} : { filters }),
  };
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

function definedFilters(filters: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const defined: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) if (value !== undefined) defined[name] = value;
  return defined;
}

/**
 * The page number, size and filters to request: page 1 without a cursor. `filters` names every
 * filter of the listing (`undefined` when not given). An explicit `pageSize` or filter wins over the
 * one the cursor remembers (keep them constant while paging, or pages overlap or skip); filters
 * left out keep the cursor's.
 *
 * @throws {ValidationError} naming `cursor` when it was not made by this adapter.
 */
export function resolvePage(
  options: { cursor?: string | undefined; pageSize?: number | undefined },
  filters: Readonly<Record<string, string | undefined>> = {},
): PagePosition {
  const explicit = definedFilters(filters);
  if (options.cursor === undefined) {
    return { pageNumber: 1, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, filters: explicit };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(options.cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) {
    throw new ValidationError(
      'Invalid cursor: pass the nextCursor of a previous page of this WATI provider',
      {
        provider: WATI_PROVIDER_ID,
        issues: [{ path: 'cursor', message: 'not a cursor of this provider' }],
      },
    );
  }
  // Only the filters this listing knows: a cursor of another listing must not smuggle its own in.
  const remembered = Object.entries(parsed.data.filters ?? {}).filter(([name]) => name in filters);
  return {
    pageNumber: parsed.data.page,
    pageSize: options.pageSize ?? parsed.data.size,
    filters: { ...Object.fromEntries(remembered), ...explicit },
  };
}

function toCount(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

/** The page number a `nextPage` value points to: a number, a digit string, or a URL with `pageNumber=`. */
function linkedPage(nextPage: unknown, current: number): number | undefined {
  if (nextPage === null || nextPage === undefined || nextPage === false || nextPage === '') return undefined;
  const direct = toCount(nextPage);
  if (direct !== undefined) return direct > current ? direct : undefined;
  if (typeof nextPage === 'string') {
    const match = /[?&]pageNumber=(\d+)/i.exec(nextPage);
    const page = match ? Number(match[1]) : current + 1;
    return page > current ? page : undefined;
  }
  return nextPage === true ? current + 1 : undefined;
}

/**
 * The cursor of the page after this one: when WATI's `link` names a next page, or its `total` is
 * above the items seen so far. Without a `link` (its presence is not documented for every list), a
 * full page suggests more, as production clients assume: paging then ends at the first short or
 * empty page. An empty page never has a cursor.
 */
export function nextPageCursor(
  link: WatiLink,
  position: PagePosition,
  itemCount: number,
): string | undefined {
  const { pageNumber, pageSize, filters } = position;
  if (itemCount === 0) return undefined;
  if (link === null || link === undefined) {
    return itemCount >= pageSize ? encodePageCursor(pageNumber + 1, pageSize, filters) : undefined;
  }
  const linked = linkedPage(link.nextPage, pageNumber);
  if (linked !== undefined) return encodePageCursor(linked, pageSize, filters);
  const total = toCount(link.total);
  const size = toCount(link.pageSize) || pageSize;
  if (total !== undefined && pageNumber * size < total)
    return encodePageCursor(pageNumber + 1, pageSize, filters);
  return undefined;
}
