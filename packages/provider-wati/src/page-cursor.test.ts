import { describe, expect, it } from 'vitest';
import { encodePageCursor, nextPageCursor, resolvePage } from './page-cursor.js';

const page = (pageNumber: number, itemCount = 10) => ({ pageNumber, pageSize: 10, itemCount });
const decoded = (cursor: string | undefined) =>
  cursor === undefined ? undefined : resolvePage({ cursor }).pageNumber;

describe('WATI page cursors', () => {
  it('round-trips the page number and size', () => {
    expect(resolvePage({ cursor: encodePageCursor(3, 25) })).toStrictEqual({ pageNumber: 3, pageSize: 25 });
    expect(resolvePage({ cursor: encodePageCursor(3, 25), pageSize: 5 })).toStrictEqual({
      pageNumber: 3,
      pageSize: 5,
    });
    expect(resolvePage({})).toStrictEqual({ pageNumber: 1, pageSize: 50 });
  });

  it('reads nextPage as a number, a digit string, a URL or true', () => {
    expect(decoded(nextPageCursor({ nextPage: 2 }, page(1)))).toBe(2);
    expect(decoded(nextPageCursor({ nextPage: '4' }, page(3)))).toBe(4);
    expect(
      decoded(nextPageCursor({ nextPage: '/api/v1/getContacts?pageSize=10&pageNumber=6' }, page(5))),
    ).toBe(6);
    expect(decoded(nextPageCursor({ nextPage: true }, page(1)))).toBe(2);
  });

  it('falls back to total, and stops on the last or an empty page, or without a link', () => {
    expect(decoded(nextPageCursor({ nextPage: null, total: 25, pageSize: 10 }, page(2)))).toBe(3);
    expect(nextPageCursor({ nextPage: null, total: 30, pageSize: 10 }, page(3))).toBeUndefined();
    expect(nextPageCursor({ nextPage: 2, total: 30 }, page(1, 0))).toBeUndefined();
    expect(nextPageCursor({ nextPage: 1 }, page(1))).toBeUndefined();
    expect(nextPageCursor(undefined, page(1))).toBeUndefined();
  });
});
