import type { ErrorCode } from './error-code.js';

const MARKER = Symbol.for('switchboard.error');

/** Options shared by every Switchboard error constructor. */
export interface SwitchboardErrorOptions {
  code?: ErrorCode;
  /** Provider id (`whatsapp-cloud`, `wati`, …) or `core` when no provider is involved. */
  provider?: string;
  retryable?: boolean;
  /** HTTP status of the response that caused the error. */
  status?: number;
  /** The provider's own error code, e.g. Meta `131030`, as the provider spells it. */
  providerCode?: string | number;
  /** The provider's request/trace id, e.g. Meta `fbtrace_id`, for support tickets. */
  requestId?: string;
  /** How long the provider asked us to wait before retrying. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Base class of every error Switchboard throws.
 *
 * Messages never contain API keys or tokens, and {@link SwitchboardError.toJSON} is safe to log.
 * Prefer the static `isInstance` checks over `instanceof`: they still work when two copies of
 * `@switchboard/core` end up in one `node_modules`.
 *
 * @example
 * ```ts
 * try { await provider.send(message); }
 * catch (error) {
 *   if (SwitchboardError.isInstance(error) && error.code === 'session_window_closed') {
 *     await provider.send(templateFallback);
 *   }
 * }
 * ```
 */
export class SwitchboardError extends Error {
  /** Used by `isInstance` so recognition survives duplicate package copies. */
  protected static readonly kind: string = 'SwitchboardError';

  override readonly name: string = 'SwitchboardError';
  readonly code: ErrorCode;
  readonly provider: string;
  /** Whether the same request may succeed if tried again (possibly after `retryAfterMs`). */
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly providerCode: string | number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: SwitchboardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'unknown';
    this.provider = options.provider ?? 'core';
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.providerCode = options.providerCode;
    this.requestId = options.requestId;
    this.retryAfterMs = options.retryAfterMs;
    Object.defineProperty(this, MARKER, { value: kindsOf(new.target), enumerable: false });
  }

  /**
   * True when `error` is a Switchboard error of this class or a subclass, including one created by
   * another copy of the package. Each class overrides it with its own kind, so it narrows the type
   * and also works unbound (`errors.filter(RateLimitError.isInstance)`).
   */
  static isInstance(error: unknown): error is SwitchboardError {
    return hasErrorKind(error, 'SwitchboardError');
  }

  /** A plain, log-safe object: no stack, no secrets, the cause reduced to its name and message. */
  toJSON(): Record<string, unknown> {
    return describeError(this, new Set());
  }

  /** Subclass fields added to {@link SwitchboardError.toJSON}. */
  protected extraJSON(): Record<string, unknown> {
    return {};
  }

  // The class never names itself in its body (nor do its subclasses): esbuild would then bundle it as
  // `var SwitchboardError = class _SwitchboardError`, and loggers reading `constructor.name` would
  // print `_SwitchboardError`. `tests/structure` checks every exported name. So the JSON is built by
  // functions beside the class, which also serve a proxied error (a private member would not).
}

/** `extraJSON` is protected for subclasses to override; {@link describeError} is the class's own code. */
interface WithExtraJSON {
  extraJSON(): Record<string, unknown>;
}

/** The JSON of `error`; `seen` is shared along the cause chain so a cycle cannot recurse forever. */
function describeError(error: SwitchboardError, seen: Set<unknown>): Record<string, unknown> {
  seen.add(error);
  const json: Record<string, unknown> = {
    name: error.name,
    code: error.code,
    message: error.message,
    provider: error.provider,
    retryable: error.retryable,
  };
  for (const key of OPTIONAL_FIELDS) {
    if (error[key] !== undefined) json[key] = error[key];
  }
  Object.assign(json, (error as unknown as WithExtraJSON).extraJSON());
  if (error.cause !== undefined) json.cause = describeCause(error.cause, seen);
  return json;
}

/**
 * Reduces a cause (and what it wraps, a few levels deep) to plain data: Switchboard errors to their
 * JSON, other errors to name, string `code` and message, anything else to a string. Never throws.
 */
function describeCause(cause: unknown, seen: Set<unknown>): unknown {
  if (typeof cause !== 'object' || cause === null) return String(cause);
  if (seen.has(cause)) return '[Circular]';
  if (seen.size > MAX_CAUSE_DEPTH) return '[Truncated]';
  if (cause instanceof SwitchboardError) return describeError(cause, seen);
  seen.add(cause);
  if (!(cause instanceof Error)) return objectToString(cause);
  const json: Record<string, unknown> = { name: cause.name };
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') json.code = code;
  json.message = cause.message;
  // A Switchboard error from another copy of the package: keep its public fields, its subclass's
  // too (`issues`, `url`, `responseBody`…), which that copy's `extraJSON` lists.
  if (hasErrorKind(cause, 'SwitchboardError')) {
    const fields = cause as unknown as Record<string, unknown>;
    for (const key of ['provider', 'retryable', ...OPTIONAL_FIELDS]) {
      if (fields[key] !== undefined) json[key] = fields[key];
    }
    Object.assign(json, foreignExtraJSON(cause));
  }
  if (cause.cause !== undefined) json.cause = describeCause(cause.cause, seen);
  return json;
}

/** The subclass fields of an error from another copy, or none when it has no `extraJSON` or it throws. */
function foreignExtraJSON(cause: object): Record<string, unknown> {
  const { extraJSON } = cause as Partial<WithExtraJSON>;
  if (typeof extraJSON !== 'function') return {};
  try {
    const extra: unknown = extraJSON.call(cause);
    return typeof extra === 'object' && extra !== null ? (extra as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const OPTIONAL_FIELDS = ['status', 'providerCode', 'requestId', 'retryAfterMs'] as const;
/** How many errors of a cause chain `toJSON` describes. */
const MAX_CAUSE_DEPTH = 5;

/** `String(value)`, except that it cannot throw (objects without a prototype, a throwing `toString`). */
function objectToString(value: object): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * True when `error` carries the Switchboard marker with `kind` among its kinds. The marker is a
 * `Symbol.for` key, so errors from another copy of the package are recognised too.
 */
export function hasErrorKind(error: unknown, kind: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const kinds = (error as Record<symbol, unknown>)[MARKER];
  return Array.isArray(kinds) && kinds.includes(kind);
}

/** The `kind` of the constructor and of every Switchboard ancestor, most specific first. */
function kindsOf(errorClass: unknown): string[] {
  const kinds: string[] = [];
  let current = errorClass as { kind?: string } | null;
  while (current && typeof current.kind === 'string') {
    if (!kinds.includes(current.kind)) kinds.push(current.kind);
    current = Object.getPrototypeOf(current);
  }
  return kinds;
}
