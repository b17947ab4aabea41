const KB = 1024;

/** `size` bytes of a fake file whose first bytes are `header` (the rest is zero). */
export function fileBytes(size: number, header: Uint8Array = new Uint8Array(0)): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(header.subarray(0, size));
  return bytes;
}

function riffHeader(chunk: string, size: number, flags?: number): Uint8Array {
  const header = new Uint8Array(30);
  const view = new DataView(header.buffer);
  header.set(new TextEncoder().encode(`RIFF____WEBP${chunk}`));
  view.setUint32(4, size - 8, true);
  if (flags !== undefined) {
    view.setUint32(16, 10, true); // VP8X payload size
    header[20] = flags;
  }
  return header;
}

/**
 * A WebP container of `size` bytes: `lossy`/`lossless` simple files (`VP8 `, `VP8L`), or extended
 * ones (`VP8X`) with only the alpha flag (`static`) or the animation flag (`animated`).
 */
export function webpBytes(kind: 'lossy' | 'lossless' | 'static' | 'animated', size: number): Uint8Array {
  switch (kind) {
    case 'lossy':
      return fileBytes(size, riffHeader('VP8 ', size));
    case 'lossless':
      return fileBytes(size, riffHeader('VP8L', size));
    case 'static':
      return fileBytes(size, riffHeader('VP8X', size, 0x10));
    case 'animated':
      return fileBytes(size, riffHeader('VP8X', size, 0x12));
  }
}

export const KIB = KB;
export const MIB = KB * KB;
