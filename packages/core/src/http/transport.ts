import { setMaxListeners } from 'node:events';
import type { Dispatcher } from 'undici';
import type { z } from 'zod/mini';
import { englishParseOptions } from '../errors/english-messages.js';
import { ApiError, TimeoutError, ValidationError } from '../errors/errors.js';
import { fieldIssues, type SafeParsable } from '../errors/from-zod.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { monotonicMs } from '../internal/monotonic-clock.js';
import { AbortLinks } from './abort-links.js';
import { mayHaveBeenProcessed } from './ambiguous-failure.js';
import { parseTimeoutMs } from './bounded-duration.js';
import { AttemptTimeout, dispatchRequest, type RawResponse } from './dispatch-request.js';
import { loadGetGlobalDispatcher } from './global-dispatcher.js';
import { callHook, type TransportHooks } from './hooks.js';
import {
  bodyExcerpt,
  describeBody,
  type ErrorMapper,
  type HttpErrorContext,
  httpStatusError,
  redirectError,
} from './http-error.js';
import { parseJsonSafely } from './json.js';
import { type FailureContext, networkFailure } from './network-error.js';
import { type RateLimiter, type RateLimitOptions, resolveRateLimiter } from './rate-limiter.js';
import { redactCutText, redactError, redactHeaders, redactText, redactValue } from './redaction.js';
import { encodeBody, type RequestBody } from './request-body.js';
import {
  backoffDelay,
  parseRetryAfter,
  type RetryOptions,
  resolveRetryOptions,
  sleep,
} from './retry-policy.js';
import { LazyUrlContext, LazyUrlResponse } from './success-response.js';
import { buildUrl, normalizeBaseUrl, type Query } from './url.js';

/** HTTP methods the transport sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
// WhatsApp documents go up to 100 MiB (WHATSAPP_MEDIA_LIMITS), and a download is read whole.
const DEFAULT_MAX_MEDIA_BYTES = 128 * 1024 * 1024;

/** Options of {@link HttpTransport}. */
export interface TransportOptions {
  /** Provider id put on every error and hook event. */
  provider: string;
  /** Absolute base URL; request paths are appended to it. */
  baseUrl: string;
  /** Headers of every request. A function is called per request, so credentials resolve lazily. */
  headers?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** Values (API keys, tokens) to redact from errors, hook events and `raw` bodies. */
  secrets?: readonly string[];
  /**
   * How long each attempt may take, from sending to the last byte of the response. Default 30 s;
   * at most `MAX_TIMER_MS`.
   */
  timeoutMs?: number;
  retry?: false | RetryOptions;
  /** `false`, a rate, or a limiter shared with other instances. Default: none. */
  rateLimit?: false | RateLimitOptions | RateLimiter;
  /** Any undici `Dispatcher` (a proxy agent, a custom pool). Default: undici's global keep-alive agent. */
  dispatcher?: Dispatcher;
  hooks?: TransportHooks;
  /** Reads the provider's error bodies; see {@link ErrorMapper}. */
  mapError?: ErrorMapper;
  /** Largest response body read into memory (for media downloads, see `maxMediaBytes`). Default 64 MiB. */
  maxResponseBytes?: number;
  /**
   * Largest media body {@link HttpTransport.requestBytes} reads into memory. Default: `maxResponseBytes`
   * when that is given, else 128 MiB (a WhatsApp document may be 100 MiB).
   */
  maxMediaBytes?: number;
  /** Injected randomness for backoff jitter (tests). */
  random?: () => number;
}

/** One request. */
export interface TransportRequest {
  method: HttpMethod;
  /** Path under the base URL, starting with `/`; build it with `urlPath` to encode segments. */
  path: string;
  query?: Query;
  headers?: Readonly<Record<string, string>>;
  body?: RequestBody;
  /** Whether sending twice is harmless. Default: true for GET, PUT, DELETE. */
  idempotent?: boolean;
  /** Opts this call in to retries after ambiguous failures; see `RetryOptions.retryAmbiguous`. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Overrides the transport's `timeoutMs` for this call; at most `MAX_TIMER_MS`. */
  timeoutMs?: number;
  /**
   * Query parameters whose values must not appear in errors or hook events (message text sent in
   * a query string, say): they are masked in every URL Switchboard shows.
   */
  sensitiveQuery?: readonly string[];
  /** Rate-limit group (e.g. `contacts`, `templateSend`) for grouped limiters. */
  rateLimitGroup?: string;
  /** What the call does (e.g. `send.text`), for hooks and errors. */
  operation?: string;
  /** Largest response body read for this call; default the transport's `maxResponseBytes`. */
  maxResponseBytes?: number;
}

/** A successful response. */
export interface TransportResponse<T> {
  status: number;
  /**
   * The request URL with secrets redacted, for errors an adapter raises from a 2xx body. Redacted
   * when first read.
   */
  readonly url: string;
  /** Lowercased header names. */
  headers: Readonly<Record<string, string>>;
  /** The validated body. JSON and text bodies are already redacted: safe to keep as `raw`. */
  data: T;
}

type Reader<T> = (bytes: Buffer, context: SuccessContext) => T;

interface SuccessContext {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: Record<string, string>;
}

/**
 * The one HTTP path of every provider: undici with keep-alive, whole-attempt timeouts, retries with
 * exponential backoff and full jitter honouring `Retry-After`, a client-side rate limit, zod
 * validation of responses, typed errors, and redacted observability hooks.
 *
 * A non-idempotent request (a send) is retried only when the failure proves it was not processed
 * (HTTP 429 or 503, a rate-limit error, a connection that never opened; see `mayHaveBeenProcessed`), unless the call has an
 * `idempotencyKey` or `retry.retryAmbiguous` is set: a timeout after the request was written may
 * have delivered the message.
 *
 * Everything it shows passes one redaction pass (`redaction.ts`): every error it throws or reports,
 * every hook event, and JSON and text bodies.
 *
 * @throws {ValidationError} from the constructor, naming the field of a malformed `timeoutMs` or
 *   `retry` option (a duration over `MAX_TIMER_MS` included).
 */
export class HttpTransport {
  readonly provider: string;
  readonly baseUrl: string;
  private readonly origin: string;
  private readonly options: TransportOptions;
  private readonly retry: ReturnType<typeof resolveRetryOptions>;
  private readonly limiter: RateLimiter | undefined;
  private readonly secrets: readonly string[];
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly maxMediaBytes: number;
  private readonly closing = new AbortController();
  // Built by the first request with a signal of its own: most never have one.
  private abortLinks: AbortLinks | undefined;

  constructor(options: TransportOptions) {
    this.options = options;
    this.provider = options.provider;
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.origin = new URL(this.baseUrl).origin;
    this.retry = resolveRetryOptions(options.retry);
    this.limiter = resolveRateLimiter(options.rateLimit);
    // redactText finds secrets in their escaped forms too, so the plain values are all it needs.
    this.secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
    this.timeoutMs =
      options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : parseTimeoutMs(options.timeoutMs, 'timeoutMs');
    this.maxResponseBytes = byteLimit(
      options.maxResponseBytes,
      'maxResponseBytes',
      DEFAULT_MAX_RESPONSE_BYTES,
    );
    this.maxMediaBytes = byteLimit(
      options.maxMediaBytes,
      'maxMediaBytes',
      options.maxResponseBytes ?? DEFAULT_MAX_MEDIA_BYTES,
    );
    // Every pending wait of a request without its own signal listens here: as many as requests in flight.
    setMaxListeners(0, this.closing.signal);
  }

  /** Sends a request and validates the JSON response with `schema`; a mismatch is an {@link ApiError}. */
  requestJson<S extends SafeParsable>(
    request: TransportRequest,
    schema: S,
  ): Promise<TransportResponse<z.output<S>>> {
    return this.execute(request, (bytes, context) => this.parseJson(bytes, context, schema));
  }

  /** Sends a request and returns the response body as bytes (media downloads). */
  requestBytes(request: TransportRequest): Promise<TransportResponse<Uint8Array>> {
    return this.execute(
      {
        ...request,
        maxResponseBytes: request.maxResponseBytes ?? this.maxMediaBytes,
        headers: { accept: '*/*', ...request.headers },
      },
      (bytes) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
  }

  /** Sends a request and returns the response body as text (redacted). */
  requestText(request: TransportRequest): Promise<TransportResponse<string>> {
    return this.execute(request, (bytes) => redactText(bytes.toString('utf8'), this.secrets));
  }

  /**
   * Closes the transport: every request not yet answered (waiting for the rate limiter, between
   * retries, or in flight) rejects with an `AbortError`, as if its caller had aborted it, and every
   * later request rejects at once, before any network traffic. Nothing of this transport then keeps
   * a timer. A `dispatcher` you passed in stays open, and a shared rate limiter goes on serving its
   * other users. Closing twice does nothing more.
   */
  close(): void {
    if (this.closing.signal.aborted) return;
    this.closing.abort(new DOMException(`The ${this.provider} provider was closed`, 'AbortError'));
  }

  /** Whether {@link close} was called. */
  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  /** Removes this transport's secrets from a value that will be shown or stored (`raw` fields). */
  redact<T>(value: T): T {
    return redactValue(value, this.secrets);
  }

  private async execute<T>(given: TransportRequest, read: Reader<T>): Promise<TransportResponse<T>> {
    // Every wait of this request (limiter, backoff, attempt) ends on the caller's abort or on close().
    if (given.signal === undefined) return this.run(given, this.closing.signal, read);
    this.abortLinks ??= new AbortLinks(this.closing.signal);
    const { signal, release } = this.abortLinks.link(given.signal);
    try {
      return await this.run(given, signal, read);
    } finally {
      release();
    }
  }

  private async run<T>(
    given: TransportRequest,
    signal: AbortSignal,
    read: Reader<T>,
  ): Promise<TransportResponse<T>> {
    if (signal.aborted) throw signal.reason;
    const request: TransportRequest = { ...given, signal };
    const url = buildUrl(this.baseUrl, request.path, request.query);
    // What the URL to show is built from is copied now (the caller may reuse and change its query
    // object later); the URL is built and redacted on first use (an error, a hook, a response's
    // `url`): a request that succeeds unobserved never needs it, and encoding the query again and
    // redacting a URL with percent-escapes cost more than the copy.
    const maskedQuery =
      request.sensitiveQuery && request.query ? maskQuery(request.query, request.sensitiveQuery) : undefined;
    const path = request.path;
    let redactedUrl: string | undefined;
    const safeUrl = (): string =>
      (redactedUrl ??= redactText(
        maskedQuery === undefined ? url : buildUrl(this.baseUrl, path, maskedQuery),
        this.secrets,
      ));
    const timeoutMs =
      request.timeoutMs === undefined ? this.timeoutMs : parseTimeoutMs(request.timeoutMs, 'timeoutMs');
    const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
    const mayRepeat = idempotent || request.idempotencyKey !== undefined || this.retry.retryAmbiguous;

    for (let attempt = 1; ; attempt++) {
      if (this.limiter) await this.limiter.acquire(request.rateLimitGroup, request.signal);
      const encoded = encodeBody(request.body);
      let error: SwitchboardError;
      try {
        return await this.attempt(request, url, safeUrl, attempt, timeoutMs, encoded, read);
      } catch (caught) {
        if (!SwitchboardError.isInstance(caught)) throw caught; // the caller's abort reason
        // The one exit of every error: a mapper or a dispatcher may have built it from raw text.
        error = redactError(caught as SwitchboardError, this.secrets);
      }
      const retriesLeft = attempt <= this.retry.maxRetries;
      const replayable = encoded.replayable;
      const safeToRepeat = mayRepeat || !mayHaveBeenProcessed(error);
      const tooLong = error.retryAfterMs !== undefined && error.retryAfterMs > this.retry.maxRetryAfterMs;
      if (!error.retryable || !retriesLeft || !replayable || !safeToRepeat || tooLong) throw error;

      const delayMs = error.retryAfterMs ?? backoffDelay(attempt - 1, this.retry, this.options.random);
      callHook(
        'onRetry',
        this.options.hooks?.onRetry,
        {
          provider: this.provider,
          operation: request.operation,
          method: request.method,
          url: safeUrl(),
          attempt,
          delayMs,
          error,
        },
        this.secrets,
      );
      await sleep(delayMs, request.signal);
    }
  }

  private async attempt<T>(
    request: TransportRequest,
    url: string,
    safeUrl: () => string,
    attempt: number,
    timeoutMs: number,
    encoded: ReturnType<typeof encodeBody>,
    read: Reader<T>,
  ): Promise<TransportResponse<T>> {
    const base = typeof this.options.headers === 'function' ? this.options.headers() : this.options.headers;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...base,
      ...encoded.headers,
      ...request.headers,
    };
    const hooks = this.options.hooks;
    const eventBase = () => ({
      provider: this.provider,
      operation: request.operation,
      method: request.method,
      url: safeUrl(),
      attempt,
    });
    // callHook redacts each event whole, headers and response headers included.
    if (hooks?.onRequest) callHook('onRequest', hooks.onRequest, { ...eventBase(), headers }, this.secrets);

    const started = monotonicMs();
    let response: RawResponse;
    try {
      // undici is loaded on the first request, not at import: CLIs and serverless functions that
      // never send do not pay for it.
      const dispatcher = this.options.dispatcher ?? (await loadGetGlobalDispatcher())();
      response = await dispatchRequest(dispatcher, {
        origin: this.origin,
        path: url.slice(this.origin.length),
        method: request.method,
        headers,
        body: encoded.body,
        timeoutMs,
        maxBytes: request.maxResponseBytes ?? this.maxResponseBytes,
        signal: request.signal,
        ...(hooks?.onResponse
          ? {
              onHeaders: (status: number, responseHeaders: Record<string, string>) =>
                callHook(
                  'onResponse',
                  hooks.onResponse,
                  {
                    ...eventBase(),
                    headers,
                    status,
                    responseHeaders,
                    durationMs: monotonicMs() - started,
                  },
                  this.secrets,
                ),
            }
          : {}),
      });
    } catch (error) {
      throw this.failure(error, request, {
        provider: this.provider,
        method: request.method,
        url: safeUrl(),
        secrets: this.secrets,
        timeoutMs,
      });
    }
    if (response.body === undefined) {
      throw new ApiError(
        `${this.provider} answered ${request.method} ${safeUrl()} with a body over ${request.maxResponseBytes ?? this.maxResponseBytes} bytes`,
        {
          provider: this.provider,
          status: response.status,
          url: safeUrl(),
          code: 'unknown',
        },
      );
    }
    const context = new LazyUrlContext(request.method, response.status, response.headers, safeUrl);
    // Redirects are not followed (the request's credentials would go to wherever they point), so a
    // 3xx is a failure, never a success without a body.
    if (response.status >= 300) throw this.httpError(response.body, context, response.truncated === true);
    return new LazyUrlResponse(response.status, response.headers, read(response.body, context), safeUrl);
  }

  private failure(
    error: unknown,
    request: TransportRequest,
    context: FailureContext & { timeoutMs: number },
  ): unknown {
    if (request.signal?.aborted) return request.signal.reason;
    if (error instanceof AttemptTimeout && error.requestStarted) {
      const phase = error.headersReceived ? 'finish its response to' : 'answer';
      return new TimeoutError(
        `${this.provider} did not ${phase} ${context.method} ${context.url} within ${context.timeoutMs} ms`,
        {
          provider: this.provider,
        },
      );
    }
    if (SwitchboardError.isInstance(error)) return error;
    return networkFailure(error, context);
  }

  private httpError(bytes: Buffer, response: SuccessContext, bodyTruncated: boolean): SwitchboardError {
    const text = bytes.toString('utf8');
    const bodyText = bodyTruncated ? redactCutText(text, this.secrets) : redactText(text, this.secrets);
    const parsed = parseJsonSafely(bodyText);
    const context: HttpErrorContext = {
      provider: this.provider,
      method: response.method,
      url: response.url,
      status: response.status,
      // Redacted like the body: mappers copy headers into errors (errorFields reads x-request-id).
      headers: redactHeaders(response.headers, this.secrets),
      bodyText,
      ...(bodyTruncated ? { bodyTruncated } : {}),
      json: parsed.ok ? parsed.value : undefined,
      retryAfterMs: parseRetryAfter(response.headers['retry-after']),
    };
    if (context.status < 400) return redirectError(context);
    return this.options.mapError?.(context) ?? httpStatusError(context);
  }

  private parseJson<S extends SafeParsable>(bytes: Buffer, context: SuccessContext, schema: S): z.output<S> {
    const text = redactText(bytes.toString('utf8'), this.secrets);
    const parsed = text.trim() === '' ? { ok: true as const, value: undefined } : parseJsonSafely(text);
    if (!parsed.ok) {
      throw new ApiError(
        `${this.provider} answered ${context.method} ${context.url} with ${describeBody({ bodyText: text, headers: context.headers })} instead of JSON`,
        {
          provider: this.provider,
          status: context.status,
          url: context.url,
          responseBody: bodyExcerpt(text),
          code: 'unknown',
        },
      );
    }
    const result = schema.safeParse(parsed.value, englishParseOptions());
    if (result.success) return result.data as z.output<S>;
    const issues = fieldIssues(result.error.issues)
      .slice(0, 3)
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    throw new ApiError(
      `${this.provider} answered ${context.method} ${context.url} with an unexpected body (${issues})`,
      {
        provider: this.provider,
        status: context.status,
        url: context.url,
        responseBody: bodyExcerpt(text),
        code: 'unknown',
        cause: result.error,
      },
    );
  }
}

/** A copy of `query` (lists too) with the values of `names` replaced. */
function maskQuery(query: Query, names: readonly string[]): Query {
  const masked: Record<string, Query[string]> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) masked[name] = value;
    else if (names.includes(name)) masked[name] = '[redacted]';
    else masked[name] = Array.isArray(value) ? [...value] : value;
  }
  return masked;
}

/**
 * A body size limit as given, or `fallback`. Checked without zod (the transport is built on the
 * cold path): NaN or a negative limit would refuse every body, the error naming no cause.
 */
function byteLimit(value: number | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (Number.isSafeInteger(value) && value > 0) return value;
  const message = 'must be a whole number of bytes from 1';
  throw new ValidationError(`Invalid options: ${field}: ${message}`, { issues: [{ path: field, message }] });
}
