/** What a {@link RecordedRequest} is built from: the request exactly as the server received it. */
export interface RecordedRequestInit {
  method: string;
  /** Absolute URL, e.g. `http://127.0.0.1:43123/v1/messages?x=1`. */
  url: string;
  headers: Headers;
  /** The raw body bytes, not decoded in any way. */
  body: Uint8Array;
}

const utf8 = new TextDecoder('utf-8');

/**
 * One request as received by a {@link LoopbackServer}, kept for assertions after the call.
 *
 * The body is kept as the exact bytes sent by the client, so signature checks and byte-level
 * comparisons see what went over the wire; the helpers decode on demand and fail loudly when the
 * body is not what the test assumed.
 *
 * @example
 * ```ts
 * const [sent] = server.requests;
 * expect(sent?.method).toBe('POST');
 * expect(sent?.path).toBe('/v21.0/12345/messages');
 * expect(sent?.headers.get('authorization')).toBe('Bearer test-token');
 * expect(sent?.json()).toMatchObject({ messaging_product: 'whatsapp', to: '15551234567' });
 * ```
 */
export class RecordedRequest {
  /** Upper-case method as sent, e.g. `POST`. */
  readonly method: string;
  /** Absolute URL including the query string. */
  readonly url: string;
  /** URL pathname, e.g. `/v1/messages`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Every request header; repeated headers are joined with `, ` as Fetch `Headers` does. */
  readonly headers: Headers;
  /** The raw body bytes exactly as received (empty when there was no body). */
  readonly body: Uint8Array;

  constructor(init: RecordedRequestInit) {
    const url = new URL(init.url);
    this.method = init.method;
    this.url = url.href;
    this.path = url.pathname;
    this.query = url.searchParams;
    this.headers = init.headers;
    this.body = init.body;
  }

  /**
   * The media type of the body without parameters, lower-cased (`application/json`), or
   * `undefined` when the request had no `content-type` header.
   */
  get contentType(): string | undefined {
    const header = this.headers.get('content-type');
    if (header === null) return undefined;
    return (header.split(';')[0] ?? '').trim().toLowerCase();
  }

  /** The body decoded as UTF-8. */
  text(): string {
    return utf8.decode(this.body);
  }

  /**
   * The body parsed as JSON.
   *
   * @throws Error naming the request and quoting the start of the body when it is not valid JSON.
   * @example
   * ```ts
   * const payload = server.requests[0]?.json<{ to: string }>();
   * ```
   */
  json<T = unknown>(): T {
    const text = this.text();
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Expected a JSON body in ${this.describe()} but it does not parse (${reason}); body: ${preview(text)}`,
      );
    }
  }

  /**
   * The fields of an `application/x-www-form-urlencoded` body.
   *
   * @throws Error when the request's content type is anything else, so a test cannot silently
   * decode JSON or multipart bytes as a form.
   * @example
   * ```ts
   * expect(server.requests[0]?.form().get('grant_type')).toBe('client_credentials');
   * ```
   */
  form(): URLSearchParams {
    if (this.contentType !== 'application/x-www-form-urlencoded') {
      throw new Error(
        `Expected an application/x-www-form-urlencoded body in ${this.describe()}, got content-type ${this.describeContentType()}`,
      );
    }
    return new URLSearchParams(this.text());
  }

  /**
   * The parts of a `multipart/form-data` body, parsed from the raw bytes with the request's own
   * boundary.
   *
   * @throws Error when the request is not `multipart/form-data`.
   * @example
   * ```ts
   * const parts = await server.requests[0]?.multipart();
   * const file = parts?.get('file') as File;
   * expect(file.name).toBe('invoice.pdf');
   * ```
   */
  async multipart(): Promise<FormData> {
    const header = this.headers.get('content-type');
    if (header === null || this.contentType !== 'multipart/form-data') {
      throw new Error(
        `Expected a multipart/form-data body in ${this.describe()}, got content-type ${this.describeContentType()}`,
      );
    }
    // Response does the multipart parsing: it is the only standard multipart parser Node ships.
    return new Response(this.body, { headers: { 'content-type': header } }).formData();
  }

  /** `METHOD /path?query`, for assertion messages. */
  describe(): string {
    const url = new URL(this.url);
    return `${this.method} ${url.pathname}${url.search}`;
  }

  private describeContentType(): string {
    const header = this.headers.get('content-type');
    return header === null ? '(none)' : JSON.stringify(header);
  }
}

function preview(text: string): string {
  const limit = 200;
  return JSON.stringify(text.length > limit ? `${text.slice(0, limit)}…` : text);
}
