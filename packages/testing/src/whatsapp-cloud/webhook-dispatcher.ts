import { deliverWebhook, type WebhookDeliveryResult } from '../webhook-delivery.js';
import type { CloudWebhookDelivery } from './cloud-emulator-types.js';
import type { CloudWebhookPayload } from './webhook-payloads.js';

/** When automatic status webhooks are sent, in milliseconds after the send was accepted. */
export interface CloudStatusDelays {
  sent: number;
  delivered: number;
  read: number;
}

/** Where the emulator POSTs webhooks. */
export interface CloudWebhookTarget {
  url: string;
  /** Offsets of the automatic sent → delivered → read statuses; `false` sends none. Default 50/250/600 ms. */
  statusDelaysMs?: CloudStatusDelays | false;
}

/** Default offsets of automatic status webhooks. */
export const DEFAULT_CLOUD_STATUS_DELAYS: CloudStatusDelays = { sent: 50, delivered: 250, read: 600 };

/** One step of a scheduled sequence: run at `atMs` after scheduling, after the previous step finished. */
export interface ScheduledStep {
  atMs: number;
  run(): Promise<void>;
}

interface Sleeper {
  timer: NodeJS.Timeout;
  wake(): void;
}

/**
 * POSTs webhooks (signed like Meta when an app secret is set), records every attempt, and runs timed
 * sequences of deliveries in order. Timers are unref'd so a forgotten emulator never keeps a test
 * process alive; {@link cancel} stops everything scheduled.
 */
export class WebhookDispatcher {
  readonly #appSecret: string | undefined;
  readonly #record: (delivery: CloudWebhookDelivery) => void;
  readonly #now: () => Date;
  readonly #pending = new Set<Promise<void>>();
  readonly #sleepers = new Set<Sleeper>();
  #generation = 0;
  #flushing = 0;

  constructor(options: {
    appSecret: string | undefined;
    record: (delivery: CloudWebhookDelivery) => void;
    now: () => Date;
  }) {
    this.#appSecret = options.appSecret;
    this.#record = options.record;
    this.#now = options.now;
  }

  /**
   * POSTs `payload` to `url` and records the attempt. A non-2xx answer is recorded with an `error` and
   * returned; a network failure is recorded and rethrown.
   */
  async deliver(url: string, payload: CloudWebhookPayload): Promise<WebhookDeliveryResult> {
    const deliveredAt = this.#now();
    try {
      const result = await deliverWebhook({
        url,
        body: payload,
        // Meta's webhook requests identify themselves with this user agent.
        headers: { 'user-agent': 'facebookexternalua' },
        ...(this.#appSecret === undefined ? {} : { signWith: { secret: this.#appSecret } }),
      });
      const ok = result.status >= 200 && result.status < 300;
      this.#record({
        url,
        payload,
        status: result.status,
        ...(ok ? {} : { error: `The receiver answered HTTP ${result.status}` }),
        deliveredAt,
      });
      return result;
    } catch (error) {
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      this.#record({ url, payload, status: undefined, error: reason, deliveredAt });
      throw error;
    }
  }

  /** Runs `steps` in order, each no earlier than its offset and only after the previous one finished. */
  schedule(steps: readonly ScheduledStep[]): void {
    const generation = this.#generation;
    const startedAt = Date.now();
    const sequence = (async () => {
      for (const step of steps) {
        await this.#sleep(step.atMs - (Date.now() - startedAt));
        if (generation !== this.#generation) return;
        // A step records its own failure; one failed delivery must not stop the next status.
        await step.run().catch(() => {});
      }
    })();
    this.#pending.add(sequence);
    void sequence.finally(() => this.#pending.delete(sequence));
  }

  /** Resolves once every scheduled sequence has finished (including steps scheduled meanwhile). */
  async flush(): Promise<void> {
    // While someone waits, the timers must keep the process alive, or a script awaiting this would exit.
    this.#flushing++;
    for (const sleeper of this.#sleepers) sleeper.timer.ref();
    try {
      while (this.#pending.size > 0) await Promise.all(this.#pending);
    } finally {
      this.#flushing--;
      if (this.#flushing === 0) for (const sleeper of this.#sleepers) sleeper.timer.unref();
    }
  }

  /** Stops every scheduled sequence; deliveries already on the wire finish. */
  cancel(): void {
    this.#generation++;
    for (const sleeper of this.#sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.wake();
    }
    this.#sleepers.clear();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        timer: setTimeout(
          () => {
            this.#sleepers.delete(sleeper);
            resolve();
          },
          Math.max(0, ms),
        ),
        wake: resolve,
      };
      if (this.#flushing === 0) sleeper.timer.unref();
      this.#sleepers.add(sleeper);
    });
  }
}
