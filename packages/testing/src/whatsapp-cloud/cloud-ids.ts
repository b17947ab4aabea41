import { randomBytes, randomInt } from 'node:crypto';

/**
 * Ids shaped like Meta's. Graph object ids (media, templates) are numeric strings of 15–16 digits; message
 * ids are `wamid.` followed by base64 of a small binary record holding the user's number and a random hex
 * key, which is what real wamids decode to (outbound and inbound differ in one marker byte and key length).
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
    return wamid(waId, 0x11, 18);
  }

  /** Id of a message the user `waId` sent to the business. */
  inboundMessage(waId: string): string {
    return wamid(waId, 0x12, 20);
  }

  /** A conversation id as found in status webhooks: 32 lower-case hex digits. */
  conversation(): string {
    return randomBytes(16).toString('hex');
  }
}

function wamid(waId: string, direction: number, keyLength: number): string {
  const number = Buffer.from(waId, 'latin1');
  const key = Buffer.from(randomBytes(keyLength).toString('hex').slice(0, keyLength).toUpperCase(), 'latin1');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, number.length]),
    number,
    Buffer.from([0x15, 0x02, 0x00, direction, 0x18, key.length]),
    key,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}
