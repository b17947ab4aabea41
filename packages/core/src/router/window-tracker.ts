import type { InboundEvent, InboundStatusEvent } from '../model/inbound-event.js';
import { MemoryWindowStore, type WindowStore } from './window-store.js';

/** The customer-service window: 24 hours after the customer's last message. */
export const SESSION_WINDOW_MS = 24 * 60 * 60 * 1000;
// How long a closed window stays known as closed (rather than unknown).
const CLOSED_MEMORY_MS = 30 * 24 * 60 * 60 * 1000;

/** One conversation: the provider, the business number, the customer. */
export interface ConversationKey {
  /** The provider id, e.g. `wati` (an event's `provider`). */
  provider: string;
  /**
   * The business number as events name it (`phoneNumberId`). Omit it when one provider id serves
   * one number: the window is then the customer's latest with any number of that provider.
   */
  businessNumber?: string | undefined;
  /** The customer's phone number, digits (an event's `from`). */
  customer: string;
}

/** What the tracker knows about one conversation's window. */
export type WindowState =
  | { state: 'open'; closesAt: Date }
  | { state: 'closed'; closedAt: Date }
  /** No inbound message of this customer was observed (or it was forgotten). */
  | { state: 'unknown' };

/**
 * A send the provider reported failed, later, because the window was closed: Meta accepts a session
 * message outside the window and answers 131047 in a `failed` status webhook, whereas WATI refuses
 * it synchronously (`session_window_closed` thrown by `send`). Resend it as a template.
 */
export interface SessionWindowClosedFailure {
  provider: string;
  businessNumber: string | undefined;
  /** The customer, when the status event names them. */
  customer: string | undefined;
  /** The `SendResult.id` of the failed send. */
  messageId: string;
  event: InboundStatusEvent;
}

/** Options of {@link createWindowTracker}. */
export interface WindowTrackerOptions {
  /** Where window state lives; default an in-process {@link MemoryWindowStore}. */
  store?: WindowStore;
  /** The clock, in milliseconds; default `Date.now`. */
  now?: () => number;
  /** Called for each failed status that says the window was closed (Meta 131047). */
  onSessionWindowClosed?: (failure: SessionWindowClosedFailure) => void | Promise<void>;
}

/** Knows, per conversation, when the 24-hour customer-service window closes. */
export interface WindowTracker {
  /**
   * Learns from one webhook event: a customer's message opens (or extends) the window until 24 h
   * after its timestamp; a failed status with `session_window_closed` (Meta 131047) marks it closed
   * and is returned (and given to `onSessionWindowClosed`). Other events change nothing.
   */
  observe(event: InboundEvent): Promise<SessionWindowClosedFailure | undefined>;
  /** The window of one conversation now. */
  window(key: ConversationKey): Promise<WindowState>;
  /** Records that the provider refused a session message because the window is closed. */
  markClosed(key: ConversationKey): Promise<void>;
}

/** True for a failed status event whose error is `session_window_closed` (Meta 131047). */
export function isSessionWindowClosedStatus(event: InboundEvent): event is InboundStatusEvent {
  return (
    event.kind === 'status' && event.status === 'failed' && event.error?.category === 'session_window_closed'
  );
}

function storeKeys(key: ConversationKey): string[] {
  const any = JSON.stringify([key.provider, '', key.customer]);
  return key.businessNumber === undefined
    ? [any]
    : [JSON.stringify([key.provider, key.businessNumber, key.customer]), any];
}

/**
 * Tracks the 24-hour customer-service window from inbound events. Feed it every event (for example
 * from the webhook handler's listener); ask it before sending a session message, or let
 * `withTemplateFallback` ask.
 *
 * @example
 * ```ts
 * const tracker = createWindowTracker({ onSessionWindowClosed: (f) => queue.resendAsTemplate(f.messageId) });
 * const handler = createWebhookHandler(provider, async (event) => { await tracker.observe(event); });
 * await tracker.window({ provider: 'wati', customer: '14155550100' }); // { state: 'open', closesAt }
 * ```
 */
export function createWindowTracker(options: WindowTrackerOptions = {}): WindowTracker {
  const now = options.now ?? Date.now;
  const store: WindowStore = options.store ?? new MemoryWindowStore({ now });

  async function record(key: ConversationKey, closesAt: number, extendOnly: boolean): Promise<void> {
    for (const storeKey of storeKeys(key)) {
      const current = await store.get(storeKey);
      if (extendOnly && current !== undefined && current >= closesAt) continue;
      await store.set(storeKey, closesAt, Math.max(closesAt - now(), 0) + CLOSED_MEMORY_MS);
    }
  }

  return {
    async observe(event) {
      if (event.kind === 'message') {
        const customer = event.from ?? event.fromUserId;
        if (customer === undefined) return undefined;
        const key = { provider: event.provider, businessNumber: event.phoneNumberId, customer };
        await record(key, event.timestamp.getTime() + SESSION_WINDOW_MS, true);
        return undefined;
      }
      if (!isSessionWindowClosedStatus(event)) return undefined;
      const customer = event.to ?? event.recipientUserId;
      const failure: SessionWindowClosedFailure = {
        provider: event.provider,
        businessNumber: event.phoneNumberId,
        customer,
        messageId: event.messageId,
        event,
      };
      if (customer !== undefined) {
        const key = { provider: event.provider, businessNumber: event.phoneNumberId, customer };
        // A customer message after the failure reopened the window: keep that.
        const [exact] = storeKeys(key);
        const closesAt = exact === undefined ? undefined : await store.get(exact);
        const lastInbound = closesAt === undefined ? undefined : closesAt - SESSION_WINDOW_MS;
        if (lastInbound === undefined || lastInbound <= event.timestamp.getTime()) {
          await record(key, Math.min(event.timestamp.getTime(), now()), false);
        }
      }
      await options.onSessionWindowClosed?.(failure);
      return failure;
    },

    async window(key) {
      const [exact] = storeKeys(key);
      const closesAt = exact === undefined ? undefined : await store.get(exact);
      if (closesAt === undefined) return { state: 'unknown' };
      return closesAt > now()
        ? { state: 'open', closesAt: new Date(closesAt) }
        : { state: 'closed', closedAt: new Date(closesAt) };
    },

    async markClosed(key) {
      await record(key, now(), false);
    },
  };
}
