import type { InboundEvent } from '../model/inbound-event.js';
import type { SendResult } from '../model/send-result.js';

/**
 * Remembers, for the newest `maxEntries` sends of one router, every id the sending provider gave
 * the message, so a status event that names the message by another of its ids (a WATI
 * `localMessageId` instead of its message id) still reports on the `SendResult.id` the app saw.
 * Status events normally carry that id already, since it is the sending provider's own id; this
 * covers the rest within one process.
 */
export class StatusCorrelation {
  private readonly ids = new Map<string, string>();

  constructor(private readonly maxEntries = 10_000) {}

  /** Records the ids of one send. */
  remember(result: SendResult): void {
    const keys = [result.id, ...Object.values(result.providerIds ?? {})];
    for (const id of new Set(keys)) {
      const key = `${result.provider}\u0000${id}`;
      this.ids.delete(key);
      this.ids.set(key, result.id);
    }
    for (const key of this.ids.keys()) {
      if (this.ids.size <= this.maxEntries) break;
      this.ids.delete(key);
    }
  }

  /** The event with `messageId` set to the `SendResult.id` of the send it reports on, when known. */
  map(event: InboundEvent): InboundEvent {
    if (event.kind !== 'status') return event;
    for (const id of [event.messageId, ...Object.values(event.providerIds)]) {
      const sent = this.ids.get(`${event.provider}\u0000${id}`);
      if (sent !== undefined) return sent === event.messageId ? event : { ...event, messageId: sent };
    }
    return event;
  }
}
