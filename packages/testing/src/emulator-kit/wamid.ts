import { randomBytes } from 'node:crypto';

/**
 * A WhatsApp message id: `wamid.` and the base64 of a small binary record holding the user's number and
 * a random upper-case hex key, which is what real wamids decode to. Messages the business sends and
 * messages it receives differ in one marker byte and in the key length. Clients must treat the id as
 * opaque; the emulators only make it look and decode like the real thing.
 *
 * @example
 * ```ts
 * wamid('16505551234', 'outbound'); // 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI…'
 * ```
 */
export function wamid(waId: string, direction: 'outbound' | 'inbound'): string {
  const [marker, keyLength] = direction === 'outbound' ? [0x11, 18] : [0x12, 20];
  const number = Buffer.from(waId, 'latin1');
  const key = Buffer.from(randomBytes(keyLength).toString('hex').slice(0, keyLength).toUpperCase(), 'latin1');
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, number.length]),
    number,
    Buffer.from([0x15, 0x02, 0x00, marker, 0x18, key.length]),
    key,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}
