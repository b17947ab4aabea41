import { appendBounded } from '../emulator-kit/retention.js';
import { newContactRecord } from './wati-contact.js';
import type {
  WatiContactRecord,
  WatiMediaRecord,
  WatiMessageRecord,
  WatiNameValue,
  WatiTypingIndicatorRecord,
  WatiWebhookDelivery,
} from './wati-records.js';
import type { WatiTemplateRecord } from './wati-template.js';

/** WhatsApp's customer-service window: free-form messages only within 24 h of the contact's last message. */
export const SESSION_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Everything a WATI emulator holds in memory. The collections are live: tests may read them, and may
 * change them to set up a scenario (say, move a contact's `lastInboundAt` back two days).
 * `webhookDeliveries` keeps the most recent attempts only (the emulator's `retention`).
 */
export class WatiEmulatorState {
  /** Contacts by WhatsApp number (digits only), in creation order. */
  readonly contacts = new Map<string, WatiContactRecord>();
  /** Every message in both directions, oldest first. */
  readonly messages: WatiMessageRecord[] = [];
  /** Templates by `elementName`. */
  readonly templates = new Map<string, WatiTemplateRecord>();
  /** Stored media bytes by `getMedia` file name. */
  readonly media = new Map<string, WatiMediaRecord>();
  /** Typing indicators accepted by V3's `typingIndicator`, oldest first (they are not messages). */
  readonly typingIndicators: WatiTypingIndicatorRecord[] = [];
  /** Webhook delivery attempts, in the order made (the newest `retention.webhookDeliveries`). */
  readonly webhookDeliveries: WatiWebhookDelivery[] = [];
  readonly #maxWebhookDeliveries: number;

  /** @param maxWebhookDeliveries How many attempts `webhookDeliveries` keeps; default all. */
  constructor(maxWebhookDeliveries = Number.POSITIVE_INFINITY) {
    this.#maxWebhookDeliveries = maxWebhookDeliveries;
  }

  /** Logs a webhook attempt, dropping the oldest beyond the retention limit. */
  recordWebhookDelivery(delivery: WatiWebhookDelivery): void {
    appendBounded(this.webhookDeliveries, delivery, this.#maxWebhookDeliveries);
  }

  /**
   * The contact for a number, created if missing (as WATI adds unknown recipients of a send).
   * `created` tells whether it was new.
   */
  ensureContact(input: {
    waId: string;
    name?: string | undefined;
    customParams?: readonly WatiNameValue[];
    valid: boolean;
    now: Date;
    bsuid?: string | undefined;
  }): { contact: WatiContactRecord; created: boolean } {
    const existing = this.contacts.get(input.waId);
    if (existing !== undefined) return { contact: existing, created: false };
    const contact = newContactRecord({
      waId: input.waId,
      name: input.name,
      customParams: input.customParams ?? [],
      valid: input.valid,
      now: input.now,
      bsuid: input.bsuid,
    });
    this.contacts.set(contact.waId, contact);
    return { contact, created: true };
  }

  /** A message by its WATI `id`, its `whatsappMessageId` or its `localMessageId`. */
  findMessage(anyId: string): WatiMessageRecord | undefined {
    return this.messages.find(
      (message) =>
        message.id === anyId || message.whatsappMessageId === anyId || message.localMessageId === anyId,
    );
  }

  /** The contact with a business-scoped user id, if any has it. */
  contactByBsuid(bsuid: string): WatiContactRecord | undefined {
    for (const contact of this.contacts.values()) if (contact.bsuid === bsuid) return contact;
    return undefined;
  }

  /** A contact's messages, newest first, as `getMessages` lists them. */
  history(waId: string): WatiMessageRecord[] {
    return this.messages.filter((message) => message.waId === waId).reverse();
  }

  /** Empties every collection. */
  clear(): void {
    this.contacts.clear();
    this.messages.length = 0;
    this.templates.clear();
    this.media.clear();
    this.typingIndicators.length = 0;
    this.webhookDeliveries.length = 0;
  }
}

/** Whether the contact wrote within the last 24 hours. */
export function isWithinSessionWindow(contact: WatiContactRecord, now: Date): boolean {
  if (contact.lastInboundAt === undefined) return false;
  return now.getTime() - contact.lastInboundAt.getTime() < SESSION_WINDOW_MS;
}
