import type { SwitchboardError } from '../errors/switchboard-error.js';
import { redactError, redactHeaders, redactText, redactValue } from './redaction.js';

/** Passed to `onRequest` before each attempt. Headers are redacted. */
export interface RequestEvent {
  provider: string;
  /** What the call does, e.g. `send.text`, when the adapter says. */
  operation: string | undefined;
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  /** 1 for the first attempt. */
  attempt: number;
}

/** Passed to `onResponse` when response headers arrived. Both header sets are redacted. */
export interface ResponseEvent extends RequestEvent {
  status: number;
  responseHeaders: Readonly<Record<string, string>>;
  durationMs: number;
}

/** Passed to `onRetry` before waiting for the next attempt. */
export interface RetryEvent {
  provider: string;
  operation: string | undefined;
  method: string;
  url: string;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  delayMs: number;
  error: SwitchboardError;
}

/**
 * Observability hooks. They receive redacted data only. A hook that throws does not fail the
 * request (a failed log line must not turn a delivered message into an error that invites a
 * duplicate send); the exception is reported with `process.emitWarning`.
 */
export interface TransportHooks {
  onRequest?: (event: RequestEvent) => void;
  onResponse?: (event: ResponseEvent) => void;
  onRetry?: (event: RetryEvent) => void;
}

// Fields holding header records: credentials in them are masked by name (set-cookie, authorization).
const HEADER_FIELDS: ReadonlySet<string> = new Set(['headers', 'responseHeaders']);

/**
 * Calls a hook with `event` redacted, turning its exception into a process warning. Redaction
 * happens here, on every field, rather than where events are built: a field added to an event
 * later cannot reach a hook unredacted. Header records are redacted by header name too, errors in
 * place (see {@link redactError}), everything else with {@link redactValue}.
 */
export function callHook<E extends object>(
  name: string,
  hook: ((event: E) => void) | undefined,
  event: E,
  secrets: readonly string[],
): void {
  if (hook === undefined) return;
  try {
    hook(redactEvent(event, secrets));
  } catch (error) {
    const message = redactText(error instanceof Error ? error.message : String(error), secrets);
    process.emitWarning(`Switchboard ${name} hook threw: ${message}`, { code: 'SWITCHBOARD_HOOK_ERROR' });
  }
}

function redactEvent<E extends object>(event: E, secrets: readonly string[]): E {
  const redacted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (value instanceof Error) redacted[key] = redactError(value, secrets);
    else if (HEADER_FIELDS.has(key) && typeof value === 'object' && value !== null)
      redacted[key] = redactHeaders(value as Record<string, string>, secrets);
    else redacted[key] = redactValue(value, secrets);
  }
  return redacted as E;
}
