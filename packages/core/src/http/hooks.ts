import type { SwitchboardError } from '../errors/switchboard-error.js';

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

/** Passed to `onResponse` when response headers arrived. */
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

/** Calls a hook, turning its exception into a process warning. */
export function callHook<E>(name: string, hook: ((event: E) => void) | undefined, event: E): void {
  if (hook === undefined) return;
  try {
    hook(event);
  } catch (error) {
    process.emitWarning(
      `Switchboard ${name} hook threw: ${error instanceof Error ? error.message : String(error)}`,
      {
        code: 'SWITCHBOARD_HOOK_ERROR',
      },
    );
  }
}
