import { watiValidationProblem } from './wati-responses.js';

/** WATI's page-based paging block (`link`), answered next to every list. */
export interface WatiPageLink {
  /** The previous page number, `null` on the first page. Real responses leave the type unverified. */
  prevPage: number | null;
  /** The next page number, `null` on the last page. */
  nextPage: number | null;
  pageNumber: number;
  pageSize: number;
  total: number;
}

/** The page size used when the query has none (WATI documents no default). */
export const DEFAULT_PAGE_SIZE = 20;

/** Reads `pageSize` and `pageNumber` (1-based); a 400 when either is not a positive integer. */
export function readPaging(url: URL): { pageSize: number; pageNumber: number } | Response {
  const errors: Record<string, string[]> = {};
  const read = (name: string, fallback: number): number => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      errors[name] = [`The value '${raw}' is not valid for ${name}.`];
    return value;
  };
  const paging = { pageSize: read('pageSize', DEFAULT_PAGE_SIZE), pageNumber: read('pageNumber', 1) };
  return Object.keys(errors).length > 0 ? watiValidationProblem(errors) : paging;
}

/** One page of `items` and its `link`. A page past the end is empty. */
export function paginate<T>(items: readonly T[], paging: { pageSize: number; pageNumber: number }) {
  const { pageSize, pageNumber } = paging;
  const start = (pageNumber - 1) * pageSize;
  const link: WatiPageLink = {
    prevPage: pageNumber > 1 ? pageNumber - 1 : null,
    nextPage: start + pageSize < items.length ? pageNumber + 1 : null,
    pageNumber,
    pageSize,
    total: items.length,
  };
  return { items: items.slice(start, start + pageSize), link };
}
