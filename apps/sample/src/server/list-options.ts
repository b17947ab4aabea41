import { ValidationError } from '@switchboard/core';

/** `pageSize` and `cursor` from a query string; a bad `pageSize` is a 400 naming it. */
export function listOptionsFromQuery(query: URLSearchParams): { pageSize?: number; cursor?: string } {
  const options: { pageSize?: number; cursor?: string } = {};
  const pageSize = query.get('pageSize');
  if (pageSize !== null && pageSize !== '') {
    if (!/^\d+$/.test(pageSize)) {
      throw new ValidationError('Invalid query: pageSize must be a positive integer', {
        issues: [{ path: 'pageSize', message: 'must be a positive integer' }],
      });
    }
    options.pageSize = Number(pageSize);
  }
  const cursor = query.get('cursor');
  if (cursor !== null && cursor !== '') options.cursor = cursor;
  return options;
}
