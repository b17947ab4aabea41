import { describe, expect, it } from 'vitest';
import { httpStatusError } from '../http/http-error.js';
import { ApiError, AuthenticationError, RateLimitError } from './errors.js';

const context = (status: number) => ({
  provider: 'wati',
  method: 'POST',
  url: 'https://live-mt-server.wati.io/123/api/v1/sendSessionMessage/14155551234',
  status,
  headers: { 'content-type': 'application/json' },
  bodyText: '{"result":false,"info":"nope"}',
  json: { result: false, info: 'nope' },
  retryAfterMs: status === 429 ? 2000 : undefined,
});

describe('errors built from an HTTP response', () => {
  it.each([
    [401, AuthenticationError],
    [403, AuthenticationError],
    [429, RateLimitError],
    [503, ApiError],
  ] as const)('HTTP %i keeps url and responseBody, also in toJSON', (status, kind) => {
    const error = httpStatusError(context(status));
    expect(kind.isInstance(error)).toBe(true);
    const fields = error as unknown as { url: string; responseBody: string };
    expect(fields.url).toBe(context(status).url);
    expect(fields.responseBody).toBe(context(status).bodyText);
    expect(error.toJSON()).toMatchObject({ url: fields.url, responseBody: fields.responseBody });
  });

  it('leaves them undefined for an error that did not come from a response', () => {
    const error = new RateLimitError('local limiter', { retryAfterMs: 100 });
    expect(error.url).toBeUndefined();
    expect(error.responseBody).toBeUndefined();
    expect(error.toJSON()).not.toHaveProperty('url');
  });
});
