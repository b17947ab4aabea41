import type { LoopbackServer } from '../loopback-server.js';
import type { WebhookDeliveryResult, WebhookSigning } from '../webhook-delivery.js';
import { ServerSlot } from './server-slot.js';
import { checkStatusDelays, type EmulatorStatusDelays } from './status-progression.js';
import { TaskScheduler } from './task-scheduler.js';
import {
  checkDispatchOptions,
  type EmulatorWebhookDelivery,
  WebhookDispatcher,
  type WebhookRedelivery,
} from './webhook-dispatcher.js';

/** The webhook target fields both emulators share. */
export interface RuntimeWebhookTarget {
  url: string;
  statusDelaysMs?: EmulatorStatusDelays | false;
  redeliver?: WebhookRedelivery;
  timeoutMs?: number;
}

/** What an emulator plugs into its {@link EmulatorRuntime}. */
export interface EmulatorRuntimeOptions<
  T extends RuntimeWebhookTarget,
  P extends object,
  S extends LoopbackServer,
> {
  now: () => Date;
  /** Logs one webhook attempt (the emulator adds its own fields and applies its retention). */
  record(delivery: EmulatorWebhookDelivery<P>): void;
  /** Starts the emulator's own server, for `listen()`. */
  startServer(): Promise<S>;
  /** The provider-specific parts of a delivery to `target`: headers, signature. */
  delivery(target: T): { headers?: Record<string, string>; signWith?: WebhookSigning };
}

/**
 * The lifecycle both emulators share: the webhook target, the scheduled tasks, the ordered webhook
 * deliveries, and the server `listen()` runs. `close()` leaves nothing running: scheduled tasks are
 * dropped with their timers, deliveries in flight are aborted, the server stops.
 */
export class EmulatorRuntime<T extends RuntimeWebhookTarget, P extends object, S extends LoopbackServer> {
  readonly scheduler = new TaskScheduler();
  readonly #dispatcher: WebhookDispatcher<P>;
  readonly #server: ServerSlot<S>;
  readonly #delivery: (target: T) => { headers?: Record<string, string>; signWith?: WebhookSigning };
  #target: T | undefined;

  constructor(options: EmulatorRuntimeOptions<T, P, S>) {
    this.#dispatcher = new WebhookDispatcher({
      scheduler: this.scheduler,
      now: options.now,
      record: options.record,
    });
    this.#server = new ServerSlot(options.startServer);
    this.#delivery = options.delivery;
  }

  /** Where webhooks go now; `undefined` when nowhere. */
  get target(): T | undefined {
    return this.#target;
  }

  /** The URL of the running server, `undefined` when none runs. */
  get serverUrl(): string | undefined {
    return this.#server.url;
  }

  /** Sets (a copy of) the webhook target after checking it, or removes it. */
  setTarget(target: T | undefined): void {
    if (target !== undefined) {
      checkDispatchOptions('setWebhook', target);
      checkStatusDelays('setWebhook', target.statusDelaysMs);
    }
    this.#target = target === undefined ? undefined : structuredClone(target);
  }

  /** The running server, started if there is none; a closed emulator schedules statuses again. */
  listen(): Promise<S> {
    this.scheduler.resume();
    return this.#server.listen();
  }

  /** Delivers `payload` to the current target; `undefined` without one. Never rejects. */
  deliver(payload: P): Promise<WebhookDeliveryResult | undefined> {
    const target = this.#target;
    if (target === undefined) return Promise.resolve(undefined);
    return this.#dispatcher.deliver(
      {
        url: target.url,
        ...this.#delivery(target),
        ...(target.timeoutMs === undefined ? {} : { timeoutMs: target.timeoutMs }),
        ...(target.redeliver === undefined ? {} : { redeliver: target.redeliver }),
      },
      payload,
    );
  }

  /** Runs every scheduled task now, in due order, and waits for every delivery. */
  async flush(): Promise<void> {
    await this.scheduler.flush();
    await this.#dispatcher.drain();
  }

  /** Drops scheduled tasks and aborts deliveries in flight; the target stays. */
  reset(): void {
    this.scheduler.cancelAll();
    this.scheduler.resume();
    this.#dispatcher.abortInFlight('The emulator was reset');
  }

  /** Drops scheduled tasks (and refuses new ones until `listen()`), aborts deliveries, stops the server. */
  async close(): Promise<void> {
    this.scheduler.cancelAll();
    this.#dispatcher.abortInFlight();
    await this.#dispatcher.drain();
    await this.#server.close();
  }
}
