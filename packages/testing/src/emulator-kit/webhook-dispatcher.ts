import { deliverWebhook, type WebhookDeliveryResult, type WebhookSigning } from '../webhook-delivery.js';
import type { TaskScheduler } from './task-scheduler.js';

/**
 * Redelivery of a webhook the receiver did not accept (no answer, or not 2xx): `attempts` more tries,
 * `delayMs` apart. Meta retries for up to 7 days, WATI up to 144 times 10 minutes apart; a short version
 * of that lets an app's idempotency be tested.
 *
 * @example
 * ```ts
 * emulator.setWebhook({ url, redeliver: { attempts: 2, delayMs: 50 } });
 * ```
 */
export interface WebhookRedelivery {
  /** Further attempts after the first one (a non-negative integer). */
  attempts: number;
  /** Wait before each further attempt; `flushWebhooks()` does not wait for it. */
  delayMs: number;
}

/** One attempt to deliver one webhook, successful or not, as both emulators record it. */
export interface EmulatorWebhookDelivery<P = Record<string, unknown>> {
  url: string;
  payload: P;
  /** 1 for the first attempt, 2 for the first redelivery, and so on. */
  attempt: number;
  /** The receiver's HTTP status; 0 when there was no answer (see `error`). */
  status: number;
  /** Why there was no answer (connection refused, timeout, emulator closed); `undefined` when it answered. */
  error: string | undefined;
  /** Whether the receiver answered 2xx. */
  ok: boolean;
  /** When the attempt was made, by the emulator's clock. */
  at: Date;
}

/** Where and how one webhook goes. */
export interface DispatchTarget {
  url: string;
  /** Extra request headers (a user agent, a shared-secret header). */
  headers?: Record<string, string>;
  signWith?: WebhookSigning;
  /** Per-attempt timeout; default {@link DEFAULT_WEBHOOK_TIMEOUT_MS}. */
  timeoutMs?: number;
  redeliver?: WebhookRedelivery;
}

/** How long one webhook attempt may take before it counts as unanswered. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Sends webhooks one at a time, in the order they were asked for (so tests see statuses in order),
 * records every attempt, and schedules redeliveries on the emulator's {@link TaskScheduler}.
 */
export class WebhookDispatcher<P extends object> {
  readonly #scheduler: TaskScheduler;
  readonly #record: (delivery: EmulatorWebhookDelivery<P>) => void;
  readonly #now: () => Date;
  #tail: Promise<unknown> = Promise.resolve();
  #abort = new AbortController();

  constructor(options: {
    scheduler: TaskScheduler;
    record: (delivery: EmulatorWebhookDelivery<P>) => void;
    now: () => Date;
  }) {
    this.#scheduler = options.scheduler;
    this.#record = options.record;
    this.#now = options.now;
  }

  /**
   * Queues a delivery behind those already queued and resolves with the receiver's answer; status 0, with
   * the reason as body, when there was none. Never rejects.
   */
  deliver(target: DispatchTarget, payload: P): Promise<WebhookDeliveryResult> {
    return this.#enqueue(target, payload, 1, this.#scheduler.generation);
  }

  /** Aborts the requests in flight (recorded as unanswered) and lets later deliveries start afresh. */
  abortInFlight(reason = 'The emulator was closed'): void {
    this.#abort.abort(new Error(reason));
    this.#abort = new AbortController();
  }

  /** Resolves when every queued delivery, including those queued meanwhile, has been attempted. */
  async drain(): Promise<void> {
    let tail: Promise<unknown>;
    do {
      tail = this.#tail;
      await tail;
    } while (tail !== this.#tail);
  }

  #enqueue(
    target: DispatchTarget,
    payload: P,
    attempt: number,
    generation: number,
  ): Promise<WebhookDeliveryResult> {
    const run = this.#tail.then(() => this.#attempt(target, payload, attempt, generation));
    this.#tail = run.catch(() => {});
    return run;
  }

  async #attempt(
    target: DispatchTarget,
    payload: P,
    attempt: number,
    generation: number,
  ): Promise<WebhookDeliveryResult> {
    const at = this.#now();
    const signal = AbortSignal.any([
      this.#abort.signal,
      AbortSignal.timeout(target.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS),
    ]);
    let result: WebhookDeliveryResult;
    let error: string | undefined;
    try {
      result = await deliverWebhook({
        url: target.url,
        body: payload,
        ...(target.headers === undefined ? {} : { headers: target.headers }),
        ...(target.signWith === undefined ? {} : { signWith: target.signWith }),
        fetchImpl: (url, init) => fetch(url, { ...init, signal }),
      });
    } catch (cause) {
      error = describeError(cause);
      result = { status: 0, headers: new Headers(), body: error };
    }
    const ok = result.status >= 200 && result.status < 300;
    this.#record({ url: target.url, payload, attempt, status: result.status, error, ok, at });
    const redeliver = target.redeliver;
    if (!ok && redeliver !== undefined && attempt <= redeliver.attempts) {
      // A delivery made before a reset is not retried into the fresh emulator.
      this.#scheduler.schedule(
        redeliver.delayMs,
        () => this.#enqueue(target, payload, attempt + 1, generation),
        generation,
      );
    }
    return result;
  }
}

/** Fails fast on a webhook target that could never work, naming the field. */
export function checkDispatchOptions(
  where: string,
  target: { url: string; timeoutMs?: number | undefined; redeliver?: WebhookRedelivery | undefined },
): void {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    throw new TypeError(`${where}: webhook url must be an absolute URL, got ${JSON.stringify(target.url)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${where}: webhook url must be http(s), got ${JSON.stringify(target.url)}`);
  }
  if (target.timeoutMs !== undefined && !(target.timeoutMs > 0 && Number.isFinite(target.timeoutMs))) {
    throw new RangeError(`${where}: timeoutMs must be a positive number, got ${target.timeoutMs}`);
  }
  const redeliver = target.redeliver;
  if (redeliver !== undefined) {
    if (!Number.isInteger(redeliver.attempts) || redeliver.attempts < 0) {
      throw new RangeError(
        `${where}: redeliver.attempts must be a non-negative integer, got ${redeliver.attempts}`,
      );
    }
    if (!(redeliver.delayMs >= 0 && Number.isFinite(redeliver.delayMs))) {
      throw new RangeError(
        `${where}: redeliver.delayMs must be a non-negative number, got ${redeliver.delayMs}`,
      );
    }
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
