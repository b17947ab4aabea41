import { graphErrors } from './graph-error.js';

/** The kinds of media WhatsApp carries; the message type that sends each. */
export type CloudMediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

const MB = 1024 * 1024;

/**
 * Accepted MIME types and size limits per kind, from Meta's "Supported media types" table. Stickers may be
 * 100 KB (static) or 500 KB (animated); telling them apart needs the WebP bytes, so the larger limit applies.
 * `video/3gp` is accepted next to `video/3gpp` because Meta's own pages use both spellings.
 */
export const CLOUD_MEDIA_TYPES: Readonly<
  Record<CloudMediaKind, { mimeTypes: readonly string[]; maxBytes: number }>
> = {
  audio: { mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
  document: {
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * MB,
  },
  image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024 },
  video: { mimeTypes: ['video/mp4', 'video/3gpp', 'video/3gp'], maxBytes: 16 * MB },
};

/** The MIME type without parameters, lower-cased (`audio/ogg; codecs=opus` → `audio/ogg`). */
export function baseMimeType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Which kind of media a MIME type is, or `undefined` when WhatsApp does not accept it. */
export function mediaKindOf(mimeType: string): CloudMediaKind | undefined {
  const base = baseMimeType(mimeType);
  for (const [kind, rule] of Object.entries(CLOUD_MEDIA_TYPES)) {
    if (rule.mimeTypes.includes(base)) return kind as CloudMediaKind;
  }
  return undefined;
}

/** Throws Meta's 131053 when `mimeType` is not accepted or `size` is over its kind's limit. */
export function checkUploadedMedia(mimeType: string, size: number): CloudMediaKind {
  const kind = mediaKindOf(mimeType);
  if (kind === undefined) {
    const all = Object.values(CLOUD_MEDIA_TYPES).flatMap((rule) => rule.mimeTypes);
    throw graphErrors.mediaUploadError(
      `Param file must be a file with one of the following types: ${all.join(', ')}. Received file of type '${baseMimeType(mimeType)}'.`,
    );
  }
  if (size === 0) throw graphErrors.mediaUploadError('Param file must not be empty');
  const { maxBytes } = CLOUD_MEDIA_TYPES[kind];
  if (size > maxBytes) {
    throw graphErrors.mediaUploadError(
      `File of ${size} bytes is larger than the ${maxBytes} bytes allowed for ${kind} (${baseMimeType(mimeType)})`,
    );
  }
  return kind;
}
