import { ValidationError, WebhookVerificationError } from '../errors/errors.js';
import type { InboundEvent } from '../model/inbound-event.js';
import type { ProviderWebhooks } from '../provider/messaging-provider.js';
import type { WebhookDedupeStore } from './dedupe-store.js';
import { MemoryDedupeStore } from './dedupe-store.js';
import { canDeduplicate, webhookEventKey } from './event-identity.js';
import { PayloadTooLargeError } from './payload-too-large-error.js';
import { toRawWebhookRequest } from './raw-body.js';

/**
 * Default {@link WebhookHandlerOptions.dedupeTtlMs}: 24 hours. WATI retries a failed delivery up to
 * 144 times, 10 minutes apart, and Meta retries for days with growing gaps; a day covers WATI fully
 * and Meta's early, frequent retries.
 */
export const DEFAULT_DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Default {@link WebhookHandlerOptions.dedupeLeaseMs}: 5 minutes. Longer than any `onEvent` should
 * take, shorter than WATI's 10 minutes between retries, so the retry of a delivery whose instance
 * crashed mid-way is handled.
 */
export const DEFAULT_DEDUPE_LEASE_MS = 5 * 60 * 1000;

/** What {@link createWebhookHandler} needs of a provider: a `MessagingProvider` fits. */
export interface WebhookSource {
  readonly id: string;
  readonly webhooks: ProviderWebhooks;
}

/** Called once per accepted event, in delivery order; the delivery is acknowledged after it resolves. */
export type WebhookEventListener = (event: InboundEvent) => void | Promise<void>;

/** A framework-agnostic webhook endpoint: a Fetch `Request` in, a `Response` out. */
export type WebhookHandler = (request: Request) => Promise<Response>;

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /**
   * Where handled events are remembered so redeliveries are skipped: a {@link MemoryDedupeStore}
   * (per handler) by default, your own store for several instances, `false` to handle every delivery.
   */
  dedupe?: WebhookDedupeStore | false;
  /** How long a handled event is remembered; default {@link DEFAULT_DEDUPE_TTL_MS}. */
  dedupeTtlMs?: number;
  /**
   * With a store that can `claim`: how long an event being handled stays claimed, so no other
   * instance handles it meanwhile; default {@link DEFAULT_DEDUPE_LEASE_MS}.
   */
  dedupeLeaseMs?: number;
  /** Largest accepted body; default 1 MiB. Larger deliveries get 413. */
  maxBodyBytes?: number;
  /**
   * Told about failures the provider only sees as a 500: a throwing `onEvent` (with its event), an
   * unexpected error while parsing, a failing dedupe store. Default: `console.error`.
   * Rejected deliveries (400, 401, 413) are not reported here; they are the sender's fault.
   */
  onError?: (error: unknown, event?: InboundEvent) => void;
}

/**
 * Creates a webhook endpoint for `provider`:
 *
 * - `GET`/`HEAD`: the subscription handshake, answered by `provider.webhooks.handleVerification`.
 * - `POST`: verifies and parses the delivery, calls `onEvent` for each event in order, and answers
 *   200 only after all of them resolved. A bad signature gets 401, a body that is not a delivery 400,
 *   an oversized body 413. When `onEvent` throws, the answer is 500 so the provider redelivers.
 * - Redeliveries are de-duplicated by event identity: an event whose `onEvent` resolved is not
 *   handled again, while one that threw (and those after it) is retried by the redelivery. Two
 *   concurrent deliveries of one event run `onEvent` once: in one handler always, across instances
 *   when their shared store can `claim` (as `@switchboard/queue`'s `RedisDedupeStore` does). A
 *   delivery whose event another instance is still handling gets 503 (`Retry-After: 10`), never a
 *   200 that would end the redeliveries before that handling succeeded. Unknown events the
 *   provider did not date are handed over each time (see `canDeduplicate`).
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler(provider, async (event) => {
 *   if (event.kind === 'message') await inbox.save(event);
 * });
 * // Hono / Next.js route handlers / Bun / Deno: pass the Request, return the Response.
 * export const POST = handler;
 * // node:http
 * http.createServer(toNodeListener(handler)).listen(3000);
 * ```
 */
export function createWebhookHandler(
  provider: WebhookSource,
  onEvent: WebhookEventListener,
  options: WebhookHandlerOptions = {},
): WebhookHandler {
  const store: WebhookDedupeStore | undefined =
    options.dedupe === false ? undefined : (options.dedupe ?? new MemoryDedupeStore());
  const ttlMs = options.dedupeTtlMs ?? DEFAULT_DEDUPE_TTL_MS;
  if (!(ttlMs > 0)) throw new TypeError('dedupeTtlMs must be a positive number');
  const leaseMs = options.dedupeLeaseMs ?? DEFAULT_DEDUPE_LEASE_MS;
  if (!(leaseMs > 0)) throw new TypeError('dedupeLeaseMs must be a positive number');
  const onError = options.onError ?? defaultOnError;
  // Per event key: resolves true when that event's onEvent succeeded, false when it failed.
  const inFlight = new Map<string, Promise<boolean>>();

  const report = (error: unknown, event?: InboundEvent): void => {
    try {
      onError(error, event);
    } catch {
      // A failing error reporter must not change the answer the provider gets.
    }
  };

  const accept = async (event: InboundEvent): Promise<void> => {
    if (store === undefined || !canDeduplicate(event)) return onEvent(event);
    const key = webhookEventKey(event);
    for (;;) {
      const pending = inFlight.get(key);
      if (pending !== undefined) {
        if (await pending) return;
        // The other attempt failed; whoever gets here first retries it, the rest wait again.
        continue;
      }
      // Claimed before any await, so a concurrent delivery finds it and waits instead of racing.
      const outcome = deferred<boolean>();
      inFlight.set(key, outcome.promise);
      try {
        if (store.claim === undefined) {
          if (!(await store.has(key))) {
            await onEvent(event);
            await remember(store, key, ttlMs, event, report);
          }
        } else if (await store.claim(key, leaseMs)) {
          await handleClaimed(store, key, ttlMs, event, onEvent, report);
        } else if (!(await store.has(key))) {
          // Claimed by another instance that has not finished: its handling may yet fail, and a
          // 200 here would end the provider's redeliveries. Ask for this one again later.
          throw new EventInProgressElsewhere();
        }
        outcome.resolve(true);
      } catch (error) {
        outcome.resolve(false);
        throw error;
      } finally {
        inFlight.delete(key);
      }
      return;
    }
  };

  return async (request) => {
    const method = request.method.toUpperCase();
    if (method === 'GET' || method === 'HEAD') {
      try {
        const response = provider.webhooks.handleVerification(request);
        return method === 'HEAD' ? withoutBody(response) : response;
      } catch (error) {
        report(error);
        return plainText(500, 'Internal Server Error');
      }
    }
    if (method !== 'POST') return plainText(405, 'Method Not Allowed', { allow: 'GET, HEAD, POST' });

    let events: InboundEvent[];
    try {
      const raw = await toRawWebhookRequest(request, { maxBytes: options.maxBodyBytes });
      events = await provider.webhooks.parse(raw);
    } catch (error) {
      return rejection(error, report);
    }

    for (const event of events) {
      try {
        await accept(event);
      } catch (error) {
        // Stop here: later events stay unhandled and unmarked, so the redelivery keeps their order.
        if (error instanceof EventInProgressElsewhere) {
          return plainText(503, 'Service Unavailable: this event is being handled', {
            'retry-after': String(IN_PROGRESS_RETRY_AFTER_S),
          });
        }
        report(error, event);
        return plainText(500, 'Internal Server Error');
      }
    }
    return plainText(200, 'OK');
  };
}

/** Another instance holds the event's claim and has not marked it handled yet. */
class EventInProgressElsewhere extends Error {}

// What a delivery that found its event claimed elsewhere asks the provider to wait (Meta and WATI
// retry on their own schedule whatever it says; other senders may honour it).
const IN_PROGRESS_RETRY_AFTER_S = 10;

/**
 * Handles an event this instance claimed: marks it handled, or gives the claim up when `onEvent`
 * throws, so the provider's redelivery is handled (by whichever instance receives it).
 */
async function handleClaimed(
  store: WebhookDedupeStore,
  key: string,
  ttlMs: number,
  event: InboundEvent,
  onEvent: WebhookEventListener,
  report: (error: unknown, event?: InboundEvent) => void,
): Promise<void> {
  try {
    await onEvent(event);
  } catch (error) {
    try {
      await store.release?.(key);
    } catch (releaseError) {
      // The claim then lapses after its lease: later redeliveries are handled again.
      report(releaseError, event);
    }
    throw error;
  }
  await remember(store, key, ttlMs, event, report);
}

/** Marks a handled event; a store failure is reported but does not fail a delivery already handled. */
async function remember(
  store: WebhookDedupeStore,
  key: string,
  ttlMs: number,
  event: InboundEvent,
  report: (error: unknown, event?: InboundEvent) => void,
): Promise<void> {
  try {
    await store.add(key, ttlMs);
  } catch (error) {
    report(error, event);
  }
}

function rejection(error: unknown, report: (error: unknown) => void): Response {
  // Fixed texts: a provider's message might quote the expected signature or a token.
  if (PayloadTooLargeError.isInstance(error)) return plainText(413, 'Payload Too Large');
  if (WebhookVerificationError.isInstance(error)) return plainText(401, 'Unauthorized: verification failed');
  if (ValidationError.isInstance(error)) return plainText(400, 'Bad Request: not a valid webhook delivery');
  report(error);
  return plainText(500, 'Internal Server Error');
}

function plainText(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
}

function withoutBody(response: Response): Response {
  void response.body?.cancel().catch(() => undefined);
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

function defaultOnError(error: unknown, event?: InboundEvent): void {
  const context = event === undefined ? '' : ` (${event.provider} ${event.kind} event)`;
  console.error(`Switchboard webhook handler failed${context}:`, error);
}
