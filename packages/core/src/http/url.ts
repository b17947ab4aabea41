/** A query string value; arrays repeat the key, `undefined` drops it. */
export type QueryValue =
  | string
  | number
  | boolean
  | undefined
  | null
  | readonly (string | number | boolean)[];
/** Query parameters of a request. */
export type Query = Readonly<Record<string, QueryValue>>;

/**
 * `encodeURIComponent`, with a lone surrogate (which it throws a URIError for) encoded as U+FFFD,
 * as the URL standard and `URLSearchParams` encode it. `toWellFormed` makes that replacement, and
 * returns a well-formed string (any Latin-1 one, so most) as it is, without a regex pass.
 */
function encodeComponent(value: string): string {
  return encodeURIComponent(value.toWellFormed());
}

/**
 * Builds a path from a template, percent-encoding every interpolated value as one path segment.
 *
 * @example
 * urlPath`/${version}/${phoneNumberId}/messages` // '/v21.0/1065…/messages'
 */
export function urlPath(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  let path = strings[0] ?? '';
  values.forEach((value, index) => {
    path += encodeComponent(String(value)) + (strings[index + 1] ?? '');
  });
  return path;
}

/**
 * Encodes query parameters with `%20` for spaces (not `+`): servlet and .NET stacks behind some
 * providers decode `+` in a query as a literal plus sign.
 */
export function encodeQuery(query: Query | undefined): string {
  if (query === undefined) return '';
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) pairs.push(`${encodeComponent(key)}=${encodeComponent(String(item))}`);
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** Validates and normalizes a base URL: absolute http(s), no query or fragment, no trailing slash. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got an unparsable value`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError('baseUrl must use http or https');
  if (url.search !== '' || url.hash !== '')
    throw new TypeError('baseUrl must not contain a query or fragment');
  if (url.username !== '' || url.password !== '') throw new TypeError('baseUrl must not contain credentials');
  return url.href.replace(/\/+$/, '');
}

/** Joins a normalized base URL, a path starting with `/`, and a query. */
export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const separator = path.startsWith('/') ? '' : '/';
  return `${baseUrl}${separator}${path}${encodeQuery(query)}`;
}
