import { type ProgressionStatus, scheduleStatusProgression } from '../emulator-kit/status-progression.js';
import type { TaskScheduler } from '../emulator-kit/task-scheduler.js';
import type { WebhookDeliveryResult } from '../webhook-delivery.js';
import type { CloudEmulatorStore } from './cloud-emulator-store.js';
import type { CloudSentMessage } from './cloud-emulator-types.js';
import type { CloudIds } from './cloud-ids.js';
import type { CloudWebhookTarget } from './cloud-webhook-target.js';
import { DEFAULT_CLOUD_STATUS_DELAYS } from './cloud-webhook-target.js';
import {
  buildCloudStatusWebhook,
  type CloudStatusValue,
  type CloudWebhookPayload,
} from './webhook-payloads.js';

/** Meta's conversation window: a conversation opened by a status expires 24 hours later. */
const CONVERSATION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** How far a message has got; `failed` is terminal and handled apart. */
const RANK: Record<Exclude<CloudStatusValue, 'failed'>, number> = {
  sent: 0,
  delivered: 1,
  read: 2,
  played: 3,
};

/** The error of a `failed` status: Meta's code and title, and optionally its details. */
export interface CloudStatusError {
  code: number;
  title: string;
  details?: string;
}

/** Records the statuses of sent messages and reports each by webhook, by hand or on a schedule. */
export class CloudStatusReporter {
  readonly #conversations = new WeakMap<CloudSentMessage, { id: string; expiresAt: Date }>();

  constructor(
    private readonly deps: {
      store: CloudEmulatorStore;
      ids: CloudIds;
      now: () => Date;
      scheduler: TaskScheduler;
      target: () => CloudWebhookTarget | undefined;
      deliver: (payload: CloudWebhookPayload) => Promise<WebhookDeliveryResult | undefined>;
    },
  ) {}

  /**
   * Adds `status` to the message's history and delivers its webhook: signed, carrying the callback data
   * of the send, and `pricing` (plus `conversation`) on the statuses Meta bills, `sent` and `delivered`.
   */
  report(
    message: CloudSentMessage,
    status: CloudStatusValue,
    error?: CloudStatusError,
  ): Promise<WebhookDeliveryResult | undefined> {
    const { store, now } = this.deps;
    const phone = store.phoneNumberOrDefault(message.phoneNumberId);
    const timestamp = now();
    const callbackData = message.body.biz_opaque_callback_data;
    const billed = status === 'sent' || status === 'delivered';
    const payload = buildCloudStatusWebhook({
      businessAccountId: store.businessAccountId,
      phoneNumberId: phone.id,
      displayPhoneNumber: phone.displayPhoneNumber,
      messageId: message.id,
      status,
      timestamp,
      ...(message.waId === undefined ? { recipientUserId: message.input } : { recipientId: message.waId }),
      ...(typeof callbackData === 'string' ? { bizOpaqueCallbackData: callbackData } : {}),
      ...(billed
        ? { pricingCategory: message.pricingCategory, conversation: this.#conversationOf(message, timestamp) }
        : {}),
      ...(error === undefined ? {} : { error }),
    });
    message.statuses.push({ status, timestamp });
    return this.deps.deliver(payload);
  }

  /**
   * After an accepted send: `sent`, `delivered` and `read` at the target's pace, skipping a status the
   * message already reached (a test reported it by hand) and stopping once it failed.
   */
  scheduleProgression(message: CloudSentMessage): void {
    const target = this.deps.target();
    if (target === undefined || target.statusDelaysMs === false) return;
    const delays = target.statusDelaysMs ?? DEFAULT_CLOUD_STATUS_DELAYS;
    scheduleStatusProgression(this.deps.scheduler, delays, async (status) => {
      if (hasFailed(message)) return false;
      if (!hasReached(message, status)) await this.report(message, status);
      return true;
    });
  }

  #conversationOf(message: CloudSentMessage, timestamp: Date): { id: string; expiresAt: Date } {
    let conversation = this.#conversations.get(message);
    if (conversation === undefined) {
      conversation = {
        id: this.deps.ids.conversation(),
        expiresAt: new Date(timestamp.getTime() + CONVERSATION_WINDOW_MS),
      };
      this.#conversations.set(message, conversation);
    }
    return conversation;
  }
}

function hasFailed(message: CloudSentMessage): boolean {
  return message.statuses.some((entry) => entry.status === 'failed');
}

function hasReached(message: CloudSentMessage, status: ProgressionStatus): boolean {
  return message.statuses.some((entry) => entry.status !== 'failed' && RANK[entry.status] >= RANK[status]);
}
