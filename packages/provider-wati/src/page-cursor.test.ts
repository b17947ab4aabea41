import { describe, expect, it } from 'vitest';
import { encodePageCursor, nextPageCursor, type PagePosition, resolvePage } from './page-cursor.js';

const at = (pageNumber: number, filters = {}): PagePosition => ({ pageNumber, pageSize: 10, filters });
const decoded = (cursor: string | undefined) =>
  cursor === undefined ? undefined : resolvePage({ cursor }).pageNumber;

describe('WATI page cursors', () => {
  it('round-trips the page number, size and filters; explicit options win', () => {
    expect(resolvePage({ cursor: encodePageCursor(3, 25) })).toStrictEqual({
      pageNumber: 3,
      pageSize: 25,
      filters: {},
    });
    const filtered = encodePageCursor(2, 10, { name: 'Ada', createdDate: '2024-10-11', status: 'approved' });
    const contactFilters = { name: 'Bob', attribute: undefined, createdDate: undefined };
    expect(resolvePage({ cursor: filtered, pageSize: 5 }, contactFilters)).toStrictEqual({
      pageNumber: 2,
      pageSize: 5,
      filters: { name: 'Bob', createdDate: '2024-10-11' },
    });
    // A listing without filters ignores those of another listing's cursor.
    expect(resolvePage({ cursor: filtered })).toStrictEqual({ pageNumber: 2, pageSize: 10, filters: {} });
    expect(resolvePage({}, { name: 'Ada', status: undefined })).toStrictEqual({
      pageNumber: 1,
      pageSize: 50,
      filters: { name: 'Ada' },
    });
  });

  it('carries the filters of the listing into the next cursor', () => {
    const next = nextPageCursor({ nextPage: 2 }, at(1, { status: 'approved' }), 10);
    expect(resolvePage({ cursor: next }, { status: undefined })).toStrictEqual({
      pageNumber: 2,
      pageSize: 10,
      filters: { status: 'approved' },
    });
  });

  it('reads nextPage as a number, a digit string, a URL or true', () => {
    expect(decoded(nextPageCursor({ nextPage: 2 }, at(1), 10))).toBe(2);
    expect(decoded(nextPageCursor({ nextPage: '4' }, at(3), 10))).toBe(4);
    expect(
      decoded(nextPageCursor({ nextPage: '/api/v1/getContacts?pageSize=10&pageNumber=6' }, at(5), 10)),
    ).toBe(6);
    expect(decoded(nextPageCursor({ nextPage: true }, at(1), 10))).toBe(2);
  });

  it('falls back to total, and stops on the last or an empty page', () => {
    expect(decoded(nextPageCursor({ nextPage: null, total: 25, pageSize: 10 }, at(2), 10))).toBe(3);
    expect(nextPageCursor({ nextPage: null, total: 30, pageSize: 10 }, at(3), 10)).toBeUndefined();
    expect(nextPageCursor({ nextPage: 2, total: 30 }, at(1), 0)).toBeUndefined();
    expect(nextPageCursor({ nextPage: 1 }, at(1), 10)).toBeUndefined();
  });

  it('without a link, continues after a full page and stops at a short one', () => {
    expect(decoded(nextPageCursor(undefined, at(1), 10))).toBe(2);
    expect(decoded(nextPageCursor(null, at(4), 10))).toBe(5);
    expect(nextPageCursor(undefined, at(2), 9)).toBeUndefined();
    expect(nextPageCursor(undefined, at(2), 0)).toBeUndefined();
  });
});
