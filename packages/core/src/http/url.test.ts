import { describe, expect, it } from 'vitest';
import { buildUrl, encodeQuery, normalizeBaseUrl, urlPath } from './url.js';

describe('url building', () => {
  it('encodes interpolated path segments', () => {
    expect(urlPath`/v21.0/${'1/2'}/media?${'x y'}`).toBe('/v21.0/1%2F2/media?x%20y');
    expect(urlPath`/api/v1/getMessages/${14155551234}`).toBe('/api/v1/getMessages/14155551234');
  });

  it('encodes queries with %20, repeats arrays and drops undefined and null', () => {
    expect(encodeQuery({ caption: 'a b+c&d=e', id: [1, 2], none: undefined, nil: null, yes: true })).toBe(
      '?caption=a%20b%2Bc%26d%3De&id=1&id=2&yes=true',
    );
    expect(encodeQuery({})).toBe('');
    expect(encodeQuery(undefined)).toBe('');
  });

  it('normalizes base URLs and rejects unusable ones without echoing them', () => {
    expect(normalizeBaseUrl('https://api.maton.ai/wati/')).toBe('https://api.maton.ai/wati');
    expect(normalizeBaseUrl('https://live-mt-server.wati.io/123')).toBe('https://live-mt-server.wati.io/123');
    expect(() => normalizeBaseUrl('ftp://x')).toThrow(/http/);
    expect(() => normalizeBaseUrl('https://x/?token=abc')).toThrow(/query/);
    expect(() => normalizeBaseUrl('https://user:secretpass@x')).toThrow(/credentials/);
    try {
      normalizeBaseUrl('not a url secretvalue');
    } catch (error) {
      expect((error as Error).message).not.toContain('secretvalue');
    }
  });

  it('joins base, path and query', () => {
    expect(buildUrl('https://a.b/base', '/v1/x', { q: 1 })).toBe('https://a.b/base/v1/x?q=1');
    expect(buildUrl('https://a.b', 'v1', undefined)).toBe('https://a.b/v1');
  });

  it('encodes a lone surrogate as U+FFFD, as URLSearchParams does, instead of throwing a URIError', () => {
    const replacement = encodeURIComponent('\ufffd');
    const thumbsUp = encodeURIComponent('👍');
    expect(encodeQuery({ q: '\udfff' })).toBe(`?q=${replacement}`);
    expect(encodeQuery({ q: 'a\ud800b' })).toBe(`?q=a${replacement}b`);
    expect(encodeQuery({ q: '👍\udc4d' })).toBe(`?q=${thumbsUp}${replacement}`);
    expect(urlPath`/x/${'\ud800'}`).toBe(`/x/${replacement}`);
    expect(new URLSearchParams(encodeQuery({ q: 'a\ud800b' })).get('q')).toBe(
      new URLSearchParams({ q: 'a\ud800b' }).get('q'),
    );
  });
});
