import { graphErrors } from './graph-error.js';

/** A Graph list answer: one page of `data` and the cursors to move on. */
export interface GraphPage<T> {
  data: T[];
  paging?: {
    cursors: { before: string; after: string };
    /** Present only when there is a next page. */
    next?: string;
    /** Present only when there is a previous page. */
    previous?: string;
  };
}

const MAX_LIMIT = 1000;

/**
 * Cursor-based paging as Graph does it: `limit` (default 25), `after`/`before` cursors that are opaque
 * base64url tokens of an item's key, and absolute `next`/`previous` URLs that repeat the request with
 * the cursor (every other query parameter kept).
 */
export function paginate<T>(
  items: readonly T[],
  url: URL,
  keyOf: (item: T) => string,
  defaultLimit = 25,
): GraphPage<T> {
  const limit = parseLimit(url.searchParams.get('limit'), defaultLimit);
  const after = url.searchParams.get('after');
  const before = url.searchParams.get('before');
  let start = 0;
  let end = Math.min(items.length, limit);
  if (after !== null) {
    start = positionOf(items, keyOf, after, 'after') + 1;
    end = Math.min(items.length, start + limit);
  } else if (before !== null) {
    end = positionOf(items, keyOf, before, 'before');
    start = Math.max(0, end - limit);
  }
  const data = items.slice(start, end);
  const first = data[0];
  const last = data[data.length - 1];
  if (first === undefined || last === undefined) return { data };
  const cursors = { before: encodeCursor(keyOf(first)), after: encodeCursor(keyOf(last)) };
  const paging: NonNullable<GraphPage<T>['paging']> = { cursors };
  if (end < items.length) paging.next = withCursor(url, limit, 'after', cursors.after);
  if (start > 0) paging.previous = withCursor(url, limit, 'before', cursors.before);
  return { data, paging };
}

function parseLimit(value: string | null, defaultLimit: number): number {
  if (value === null) return defaultLimit;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw graphErrors.invalidParameter(
      `Param limit must be an integer between 1 and ${MAX_LIMIT}, got "${value}"`,
    );
  }
  return limit;
}

function positionOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  cursor: string,
  name: string,
): number {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  const index = items.findIndex((item) => keyOf(item) === key);
  if (index === -1) throw graphErrors.invalidParameter(`Param ${name} is not a valid cursor for this list`);
  return index;
}

function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function withCursor(url: URL, limit: number, name: 'after' | 'before', cursor: string): string {
  const next = new URL(url.href);
  next.searchParams.delete('after');
  next.searchParams.delete('before');
  next.searchParams.set('limit', String(limit));
  next.searchParams.set(name, cursor);
  return next.href;
}
