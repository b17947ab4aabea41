import { describe, expect, it } from 'vitest';
import { webpBytes } from './__fixtures__/media-bytes.js';
import { WEBP_HEADER_BYTES, webpKind } from './webp-header.js';

const header = (bytes: Uint8Array) => bytes.subarray(0, WEBP_HEADER_BYTES);

describe('webpKind', () => {
  it.each([
    ['lossy (VP8 )', 'lossy', 'static'],
    ['lossless (VP8L)', 'lossless', 'static'],
    ['extended without the animation flag (VP8X, alpha only)', 'static', 'static'],
    ['extended with the animation flag (VP8X)', 'animated', 'animated'],
  ] as const)('reads a %s file as %s', (_label, kind, expected) => {
    expect(webpKind(header(webpBytes(kind, 1024)))).toBe(expected);
  });

  it('reads the animation flag alone, whatever the other flags', () => {
    const bytes = webpBytes('static', 64);
    bytes[20] = 0x3c; // ICC, alpha, EXIF, XMP: still static
    expect(webpKind(header(bytes))).toBe('static');
    bytes[20] = 0x02;
    expect(webpKind(header(bytes))).toBe('animated');
  });

  it.each([
    ['a JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(30).fill(0)])],
    ['a RIFF that is not WebP (WAVE)', new TextEncoder().encode('RIFF____WAVEfmt ________________')],
    ['a truncated header', new TextEncoder().encode('RIFF____WEB')],
    ['an unknown first chunk', new TextEncoder().encode('RIFF____WEBPALPH________________')],
    ['a VP8X header cut before its flags', new TextEncoder().encode('RIFF____WEBPVP8X')],
  ])('rejects %s', (_label, bytes) => {
    expect(webpKind(bytes)).toBe('not-webp');
  });
});
