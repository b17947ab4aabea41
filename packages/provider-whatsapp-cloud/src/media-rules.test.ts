import { ValidationError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { fileBytes, KIB, MIB, webpBytes } from './__fixtures__/media-bytes.js';
import { checkMediaData, defaultFilename, mediaKindOf, WHATSAPP_CLOUD_MEDIA_LIMITS } from './media-rules.js';

/** A Blob that reports a size without holding the bytes, to test the limits of very large files. */
function sizedBlob(size: number): Blob {
  return Object.defineProperty(new Blob([new Uint8Array(16)]), 'size', { value: size });
}

async function failure(promise: Promise<void>): Promise<ValidationError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!ValidationError.isInstance(error)) throw new Error('expected a ValidationError');
  return error;
}

describe('WHATSAPP_CLOUD_MEDIA_LIMITS', () => {
  it('holds Meta’s documented sizes', () => {
    expect(
      Object.fromEntries(
        Object.entries(WHATSAPP_CLOUD_MEDIA_LIMITS).map(([kind, limit]) => [kind, limit.maxBytes]),
      ),
    ).toStrictEqual({
      audio: 16 * MIB,
      document: 100 * MIB,
      image: 5 * MIB,
      sticker: 500 * KIB,
      video: 16 * MIB,
    });
    expect(WHATSAPP_CLOUD_MEDIA_LIMITS.sticker.staticMaxBytes).toBe(100 * KIB);
  });
});

describe('checkMediaData', () => {
  it.each([
    ['audio', 'audio/aac', 16 * MIB],
    ['audio', 'audio/ogg', 16 * MIB],
    ['video', 'video/3gpp', 16 * MIB],
    ['image', 'image/png', 5 * MIB],
    ['document', 'application/pdf', 100 * MIB],
    ['document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 100 * MIB],
  ] as const)('accepts %s as %s up to its limit and rejects a byte more', async (kind, mimeType, limit) => {
    await expect(
      checkMediaData(kind, { data: sizedBlob(limit), mimeType }, 'media'),
    ).resolves.toBeUndefined();
    const error = await failure(checkMediaData(kind, { data: sizedBlob(limit + 1), mimeType }, 'media'));
    expect(error.fields).toEqual(['media.data']);
  });

  it('compares MIME types case-insensitively', async () => {
    await expect(
      checkMediaData('image', { data: fileBytes(10), mimeType: 'IMAGE/JPEG' }, ''),
    ).resolves.toBeUndefined();
  });

  it('lists the accepted types', async () => {
    const error = await failure(checkMediaData('image', { data: fileBytes(10), mimeType: 'image/gif' }, ''));
    expect(error.message).toBe(
      'Invalid image for WhatsApp Cloud: mimeType: image must be one of image/jpeg, image/png, got image/gif',
    );
    expect(error.fields).toEqual(['mimeType']);
  });

  it('tells animated from static stickers by the WebP header, also in a Blob', async () => {
    await expect(
      checkMediaData(
        'sticker',
        { data: new Blob([webpBytes('animated', 300 * KIB)]), mimeType: 'image/webp' },
        '',
      ),
    ).resolves.toBeUndefined();
    const error = await failure(
      checkMediaData(
        'sticker',
        { data: new Blob([webpBytes('static', 300 * KIB)]), mimeType: 'image/webp' },
        '',
      ),
    );
    expect(error.message).toContain('a static sticker may be at most 100 KB');
  });
});

describe('mediaKindOf', () => {
  it.each([
    ['image/jpeg', 'image'],
    ['image/webp', 'sticker'],
    ['audio/amr', 'audio'],
    ['video/mp4', 'video'],
    ['text/plain', 'document'],
    ['application/zip', undefined],
  ])('%s uploads as %s', (mimeType, kind) => {
    expect(mediaKindOf(mimeType)).toBe(kind);
  });
});

describe('defaultFilename', () => {
  it.each([
    ['image', 'image/jpeg', 'image.jpeg'],
    ['document', 'application/pdf', 'document.pdf'],
    ['video', 'video/3gpp', 'video.3gp'],
    ['sticker', 'image/webp', 'sticker.webp'],
  ] as const)('names a %s of type %s %s', (kind, mimeType, name) => {
    expect(defaultFilename(kind, mimeType)).toBe(name);
  });
});
