import { randomBytes, randomInt } from 'node:crypto';
import { wamid } from '../emulator-kit/wamid.js';

/**
 * Ids shaped like Meta's. Graph object ids (media, templates) are numeric strings of 15–16 digits; message
 * ids are `wamid.` ids (see {@link wamid}).
 */
export class CloudIds {
  readonly #issued = new Set<string>();

  /** A fresh 16-digit numeric id, e.g. `1037543291543636`, never repeated by this instance. */
  numeric(): string {
    for (;;) {
      const id = `${randomInt(100_000_000, 1_000_000_000)}${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
      if (!this.#issued.has(id)) {
        this.#issued.add(id);
        return id;
      }
    }
  }

  /** Id of a message the business sent to `waId`, e.g. `wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTND…`. */
  outboundMessage(waId: string): string {
    return wamid(waId, 'outbound');
  }

  /** Id of a message the user `waId` sent to the business. */
  inboundMessage(waId: string): string {
    return wamid(waId, 'inbound');
  }

  /** A conversation id as found in status webhooks: 32 lower-case hex digits. */
  conversation(): string {
    return randomBytes(16).toString('hex');
  }
}
