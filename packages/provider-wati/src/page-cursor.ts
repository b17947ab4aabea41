import { ValidationError } from '@switchboard/core';
import { z } from 'zod';
import { WATI_PROVIDER_ID } from './wati-options.js';

/** Page size of list calls when the caller gives none. */
export const DEFAULT_PAGE_SIZE = 50;

/** WATI's page metadata (`link`), typed loosely: its inner types are not documented. */
export const watiLinkSchema = z
  .looseObject({
    prevPage: z.unknown().optional(),
    nextPage: z.unknown().optional(),
    pageNumber: z.unknown().optional(),
    pageSize: z.unknown().optional(),
    total: z.unknown().optional(),
  })
  .nullish();

/** WATI's page metadata. */
export type WatiLink = z.output<typeof watiLinkSchema>;

const cursorSchema = z.strictObject({
  page: z.number().int().min(1),
  size: z.number().int().min(1).max(1000),
});

/** An opaque cursor for a WATI page: WATI pages by number, so the cursor holds the page to fetch next. */
export function encodePageCursor(pageNumber: number, pageSize: number): string {
  return Buffer.from(JSON.stringify({ page: pageNumber, size: pageSize }), 'utf8').toString('base64url');
}

/**
 * The page number and size to request: page 1 without a cursor. An explicit `pageSize` wins over the
 * one the cursor remembers (keep it constant while paging, or pages overlap or skip).
 *
 * @throws {ValidationError} naming `cursor` when it was not made by this adapter.
 */
export function resolvePage(options: { cursor?: string | undefined; pageSize?: number | undefined }): {
  pageNumber: number;
  pageSize: number;
} {
  if (options.cursor === undefined) return { pageNumber: 1, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE };
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
  return { pageNumber: parsed.data.page, pageSize: options.pageSize ?? parsed.data.size };
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
 * The cursor of the page after this one, only when WATI's `link` says there is one: a `nextPage`
 * value, or a `total` above the items seen so far. No `link`, or an empty page: no cursor.
 */
export function nextPageCursor(
  link: WatiLink,
  page: { pageNumber: number; pageSize: number; itemCount: number },
): string | undefined {
  if (link === null || link === undefined || page.itemCount === 0) return undefined;
  const linked = linkedPage(link.nextPage, page.pageNumber);
  if (linked !== undefined) return encodePageCursor(linked, page.pageSize);
  const total = toCount(link.total);
  const size = toCount(link.pageSize) || page.pageSize;
  if (total !== undefined && page.pageNumber * size < total)
    return encodePageCursor(page.pageNumber + 1, page.pageSize);
  return undefined;
}
