/** What the first bytes of a file say about it as a WebP image. */
export type WebpKind = 'static' | 'animated' | 'not-webp';

/** Bytes needed to read the RIFF header and the VP8X flags. */
export const WEBP_HEADER_BYTES = 21;

const ascii = (bytes: Uint8Array, offset: number, length: number) =>
  String.fromCharCode(...bytes.subarray(offset, offset + length));

// The animation bit of the VP8X feature flags: `Rsv Rsv I L E X A R` from the high bit down
// (https://developers.google.com/speed/webp/docs/riff_container#extended_file_format).
const ANIMATION_FLAG = 0x02;

/**
 * Tells a static WebP from an animated one by its container header, without decoding it: a WebP
 * file is `RIFF <size> WEBP` followed by its first chunk; only the extended format (`VP8X`) can
 * carry animation, announced by a flag in that chunk. `VP8 ` (lossy) and `VP8L` (lossless) simple
 * files are always static.
 *
 * @example
 * webpKind(await file.slice(0, WEBP_HEADER_BYTES).bytes()); // 'animated'
 */
export function webpKind(header: Uint8Array): WebpKind {
  if (header.byteLength < 16 || ascii(header, 0, 4) !== 'RIFF' || ascii(header, 8, 4) !== 'WEBP')
    return 'not-webp';
  const chunk = ascii(header, 12, 4);
  if (chunk === 'VP8 ' || chunk === 'VP8L') return 'static';
  if (chunk !== 'VP8X' || header.byteLength < WEBP_HEADER_BYTES) return 'not-webp';
  return ((header[20] as number) & ANIMATION_FLAG) === 0 ? 'static' : 'animated';
}
