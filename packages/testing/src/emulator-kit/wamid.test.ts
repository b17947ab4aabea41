import { describe, expect, it } from 'vitest';
import { wamid } from './wamid.js';

/** The fields of the binary record a wamid encodes. */
function decode(id: string) {
  const bytes = Buffer.from(id.slice('wamid.'.length), 'base64');
  const numberLength = bytes[2] as number;
  const number = bytes.subarray(3, 3 + numberLength).toString('latin1');
  const rest = bytes.subarray(3 + numberLength);
  const keyLength = rest[5] as number;
  return {
    header: [...bytes.subarray(0, 2)],
    number,
    marker: rest[3],
    key: rest.subarray(6, 6 + keyLength).toString('latin1'),
    end: rest[6 + keyLength],
    length: bytes.length,
  };
}

describe('wamid', () => {
  it('encodes the number with its real length, an upper-case hex key and the direction marker', () => {
    for (const number of ['4915112345678', '16505551234', '351912345678']) {
      const outbound = decode(wamid(number, 'outbound'));
      expect(outbound).toMatchObject({ header: [0x1c, 0x18], number, marker: 0x11, end: 0 });
      expect(outbound.key).toMatch(/^[0-9A-F]{18}$/);
      const inbound = decode(wamid(number, 'inbound'));
      expect(inbound).toMatchObject({ number, marker: 0x12, end: 0 });
      expect(inbound.key).toMatch(/^[0-9A-F]{20}$/);
    }
  });

  it('looks like the contract example and never repeats', () => {
    const ids = new Set(Array.from({ length: 200 }, () => wamid('16505551234', 'outbound')));
    expect(ids.size).toBe(200);
    // Like the contract's ids: the record of the 11-digit number, then the key, in base64.
    for (const id of ids) expect(id).toMatch(/^wamid\.HBgLMTY1MDU1NTEyMzQVAgARGB[A-Za-z0-9+/]+=*$/);
  });
});
