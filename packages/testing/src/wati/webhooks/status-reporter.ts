import { DEFAULT_STATUS_DELAYS, scheduleStatusProgression } from '../../emulator-kit/status-progression.js';
import type { TaskScheduler } from '../../emulator-kit/task-scheduler.js';
import type { WebhookDeliveryResult } from '../../webhook-delivery.js';
import type { WatiEmulatorConfig } from '../wati-context.js';
import type { WatiMessageRecord, WatiMessageStatus } from '../wati-records.js';
import { statusPayloadFor, type WatiDeliveryStatus, type WatiFailure } from './record-events.js';
import type { WatiWebhookTarget } from './wati-webhook-target.js';

/**
 * Default pace of the automatic statuses (the same for both emulators): `sent` 100 ms after the send,
 * `delivered` 400 ms after `sent`, `read` 1000 ms after `delivered`.
 */
export const DEFAULT_STATUS_DELAYS_MS = DEFAULT_STATUS_DELAYS;

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
    scheduleStatusProgression(this.scheduler, delays, async (status) => {
      if (message.statusString === 'FAILED') return false;
      // `sent` is WATI's send confirmation and always goes out; a receipt already reported is skipped.
      const passed = status !== 'sent' && RANK[message.statusString] >= RANK[HISTORY_STATUS[status]];
      if (!passed) await this.report(message, status);
      return true;
    });
  }
}
