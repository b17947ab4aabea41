import type { WebhookDeliveryResult } from '../../webhook-delivery.js';
import type { WatiEmulatorConfig } from '../wati-context.js';
import type { WatiMessageRecord, WatiMessageStatus } from '../wati-records.js';
import { statusPayloadFor, type WatiDeliveryStatus, type WatiFailure } from './record-events.js';
import type { TaskScheduler } from './task-scheduler.js';
import type { WatiWebhookTarget } from './webhook-dispatcher.js';

/** Default pacing of automatic statuses: each delay counts from the previous step. */
export const DEFAULT_STATUS_DELAYS_MS = { sent: 100, delivered: 400, read: 1000 } as const;

const RANK: Record<WatiMessageStatus, number> = { SENT: 0, DELIVERED: 1, READ: 2, REPLIED: 3, FAILED: 4 };
const HISTORY_STATUS: Record<WatiDeliveryStatus, WatiMessageStatus> = {
  sent: 'SENT',
  delivered: 'DELIVERED',
  read: 'READ',
  replied: 'REPLIED',
  failed: 'FAILED',
};

/** Moves sent messages through their statuses and reports each change by webhook. */
export class StatusReporter {
  constructor(
    private readonly config: WatiEmulatorConfig,
    private readonly scheduler: TaskScheduler,
    private readonly deliver: (
      payload: Record<string, unknown>,
    ) => Promise<WebhookDeliveryResult | undefined>,
    private readonly target: () => WatiWebhookTarget | undefined,
  ) {}

  /** Updates the message's history status (never backwards) and delivers the matching webhook. */
  report(
    message: WatiMessageRecord,
    status: WatiDeliveryStatus,
    failure?: WatiFailure,
  ): Promise<WebhookDeliveryResult | undefined> {
    const next = HISTORY_STATUS[status];
    if (RANK[next] > RANK[message.statusString]) message.statusString = next;
    if (status === 'failed') message.failedDetail = failure?.detail ?? 'Message undeliverable';
    const version = this.target()?.eventVersion ?? 'v2';
    return this.deliver(statusPayloadFor(message, status, version, this.config, failure));
  }

  /**
   * After an accepted send: `sent`, then `delivered`, then `read`, each after its delay, skipping a step
   * the message already passed (a test reported it by hand) and stopping once it failed.
   */
  scheduleProgression(message: WatiMessageRecord): void {
    const target = this.target();
    if (target === undefined || target.statusDelaysMs === false) return;
    const delays = target.statusDelaysMs ?? DEFAULT_STATUS_DELAYS_MS;
    const steps: [WatiDeliveryStatus, number][] = [
      ['sent', delays.sent],
      ['delivered', delays.delivered],
      ['read', delays.read],
    ];
    const run = (index: number): void => {
      const step = steps[index];
      if (step === undefined) return;
      const [status, delay] = step;
      this.scheduler.schedule(delay, async () => {
        if (message.statusString === 'FAILED') return;
        const passed = status !== 'sent' && RANK[message.statusString] >= RANK[HISTORY_STATUS[status]];
        if (!passed) await this.report(message, status);
        run(index + 1);
      });
    };
    run(0);
  }
}
