import { normalizeBearerToken } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { watiFileName } from './media-file-name.js';
import { extensionOf, inventFilename, sniffMimeType } from './media-types.js';
import { phoneDigits, toBooleanValue, toContactDate, toDate } from './wati-values.js';

describe('loosely typed WATI values', () => {
  it('reads booleans given as strings or numbers', () => {
    expect(
      [true, 'true', 'TRUE', '1', 1, false, 'false', '0', 0, 'maybe', null].map(toBooleanValue),
    ).toStrictEqual([true, true, true, true, true, false, false, false, false, undefined, undefined]);
  });

  it('reads unix seconds (string or number), milliseconds and ISO dates', () => {
    expect(toDate('1665726781')).toStrictEqual(new Date(1665726781000));
    expect(toDate(1665726781)).toStrictEqual(new Date(1665726781000));
    expect(toDate('1665726781123')).toStrictEqual(new Date(1665726781123));
    expect(toDate('2022-10-14T05:53:01.3833674Z')).toStrictEqual(new Date('2022-10-14T05:53:01.383Z'));
    expect(toDate('soon')).toBeUndefined();
    expect(toContactDate('Oct-11-2024')).toStrictEqual(new Date('2024-10-11T00:00:00Z'));
    expect(toContactDate('Foo-11-2024')).toBeUndefined();
  });

  it('reads phone digits and WATI file names', () => {
    expect(phoneDigits('+1 (415) 555-1234')).toBe('14155551234');
    expect(phoneDigits(14155551234)).toBe('14155551234');
    expect(
      watiFileName('https://live-mt-server.wati.io/1/api/file/showFile?fileName=data/images/a%20b.jpg'),
    ).toBe('data/images/a b.jpg');
    expect(watiFileName('data/images/a.jpg')).toBe('data/images/a.jpg');
    expect(watiFileName('https://cdn.example.com/a.jpg')).toBeUndefined();
  });

  it('normalizes pasted tokens', () => {
    expect(
      ['abc', ' Bearer abc ', 'bearer\tabc', 'Bearer', 'BEARER  '].map(normalizeBearerToken),
    ).toStrictEqual(['abc', 'abc', 'abc', '', '']);
  });

  it('names files and sniffs types', () => {
    expect([
      inventFilename('image', 'image/jpeg'),
      inventFilename('document', 'application/x-tar'),
      extensionOf('application/octet-stream'),
    ]).toStrictEqual(['image.jpg', 'document.tar', 'bin']);
    expect(sniffMimeType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('image/png');
    expect(sniffMimeType(new TextEncoder().encode('\0\0\0\x18ftyp3gp5'))).toBe('video/3gpp');
    expect(sniffMimeType(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});
