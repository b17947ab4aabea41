import { deliverWebhook, type WebhookDeliveryResult } from '../../webhook-delivery.js';
import type { WatiWebhookDelivery } from '../wati-records.js';
import type { TaskScheduler } from './task-scheduler.js';

/**
 * Where and how the emulator delivers webhooks.
 *
 * WATI itself signs nothing: its users put a secret in the URL or check a header they configured. `secret`
 * adds one header with a fixed value to every delivery, for apps that check such a header.
 *
 * @example
 * ```ts
 * emulator.setWebhook({
 *   url: `${app.url}/webhooks/wati?key=s3cret`,
 *   secret: { header: 'x-webhook-secret', value: 's3cret' },
 *   statusDelaysMs: { sent: 0, delivered: 10, read: 10 },
 *   redeliver: { attempts: 2, delayMs: 50 },
 * });
 * ```
 */
export interface WatiWebhookTarget {
  url: string;
  secret?: { header: string; value: string };
  /**
   * Automatic status webhooks after each accepted send: `sent` fires this long after the send,
   * `delivered` this long after `sent`, `read` this long after `delivered`. `false` sends none.
   * Default `{ sent: 100, delivered: 400, read: 1000 }`.
   */
  statusDelaysMs?: { sent: number; delivered: number; read: number } | false;
  /** `v2` (default) sends the `_v2` events, which carry `localMessageId`; `v1` the older ones. */
  eventVersion?: 'v1' | 'v2';
  /**
   * WATI retries a delivery that did not get a 2xx (up to 144 times, 10 minutes apart). This retries
   * `attempts` more times, `delayMs` apart, so apps can test idempotency. Default: no redelivery.
   */
  redeliver?: { attempts: number; delayMs: number };
  /** Per-attempt timeout, default 10 000 ms. */
  timeoutMs?: number;
}

/** Sends webhook events one at a time, in order, recording every attempt and scheduling redeliveries. */
export class WebhookDispatcher {
  #tail: Promise<unknown> = Promise.resolve();
  #abort = new AbortController();

  constructor(
    private readonly scheduler: TaskScheduler,
    private readonly record: (delivery: WatiWebhookDelivery) => void,
    private readonly now: () => Date,
  ) {}

  /**
   * Queues a delivery behind those already queued and resolves with the receiver's answer (status 0 and the
   * reason as body when the request failed). Never rejects.
   */
  deliver(target: WatiWebhookTarget, payload: Record<string, unknown>): Promise<WebhookDeliveryResult> {
    return this.#enqueue(target, payload, 1);
  }

  /** Aborts requests in flight (they are recorded as failed) and starts afresh. */
  abortInFlight(): void {
    this.#abort.abort(new Error('The WATI emulator was closed'));
    this.#abort = new AbortController();
  }

  /** Resolves when every queued delivery has been attempted. */
  async drain(): Promise<void> {
    await this.#tail;
  }

  #enqueue(target: WatiWebhookTarget, payload: Record<string, unknown>, attempt: number) {
    const run = this.#tail.then(() => this.#attempt(target, payload, attempt));
    this.#tail = run.catch(() => {});
    return run;
  }

  async #attempt(
    target: WatiWebhookTarget,
    payload: Record<string, unknown>,
    attempt: number,
  ): Promise<WebhookDeliveryResult> {
    const signal = AbortSignal.any([this.#abort.signal, AbortSignal.timeout(target.timeoutMs ?? 10_000)]);
    let result: WebhookDeliveryResult;
    let error: string | undefined;
    try {
      result = await deliverWebhook({
        url: target.url,
        body: payload,
        headers: target.secret === undefined ? {} : { [target.secret.header]: target.secret.value },
        fetchImpl: (url, init) => fetch(url, { ...init, signal }),
      });
    } catch (cause) {
      error = describeError(cause);
      result = { status: 0, headers: new Headers(), body: error };
    }
    const ok = result.status >= 200 && result.status < 300;
    this.record({
      eventType: String(payload.eventType),
      payload,
      url: target.url,
      attempt,
      status: result.status,
      error,
      ok,
      at: this.now(),
    });
    const redeliver = target.redeliver;
    if (!ok && redeliver !== undefined && attempt <= redeliver.attempts) {
      this.scheduler.schedule(redeliver.delayMs, () => this.#enqueue(target, payload, attempt + 1));
    }
    return result;
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
