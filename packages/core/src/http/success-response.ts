/**
 * A successful response, and the context a reader of its body gets, whose `url` (the request URL
 * with secrets redacted) is built on first read.
 *
 * Classes, not object literals with `get url() {…}`: V8 builds such a literal on a slow path, and
 * every later property read of it stays slow; those two literals cost a Cloud send half again its
 * instructions (`docs/performance.md`, "Per-send work, counted without HTTP"). A class keeps
 * one shape and its getter on the prototype.
 */
export class LazyUrlContext {
  readonly method: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly #safeUrl: () => string;

  constructor(method: string, status: number, headers: Record<string, string>, safeUrl: () => string) {
    this.method = method;
    this.status = status;
    this.headers = headers;
    this.#safeUrl = safeUrl;
  }

  /** The request URL with secrets redacted, built when first read. */
  get url(): string {
    return this.#safeUrl();
  }
}

/** A successful response whose redacted `url` is built when first read (see {@link LazyUrlContext}). */
export class LazyUrlResponse<T> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly data: T;
  readonly #safeUrl: () => string;

  constructor(status: number, headers: Readonly<Record<string, string>>, data: T, safeUrl: () => string) {
    this.status = status;
    this.headers = headers;
    this.data = data;
    this.#safeUrl = safeUrl;
  }

  /** The request URL with secrets redacted, built when first read. */
  get url(): string {
    return this.#safeUrl();
  }

  /** `JSON.stringify` shows `url` too, as it did when `url` was a plain property. */
  toJSON(): { status: number; url: string; headers: Readonly<Record<string, string>>; data: T } {
    return { status: this.status, url: this.url, headers: this.headers, data: this.data };
  }

  /** `console.log` and `util.inspect` show the same fields as `JSON.stringify`. */
  [Symbol.for('nodejs.util.inspect.custom')](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    return inspect(this.toJSON(), options);
  }
}
