import {
  byteLength,
  type MediaData,
  type MediaMessageType,
  ValidationError,
  WHATSAPP_MEDIA_LIMITS,
  type WhatsAppMediaLimit,
} from '@switchboard/core';
import { WEBP_HEADER_BYTES, webpKind } from './webp-header.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

/** Meta's limits of one kind of media, with its file extensions; see core's {@link WhatsAppMediaLimit}. */
export type WhatsAppCloudMediaLimit = WhatsAppMediaLimit;

const KB = 1024;
const MB = 1024 * KB;

/** The media types and sizes the Cloud API accepts: WhatsApp's own, core's {@link WHATSAPP_MEDIA_LIMITS}. */
export const WHATSAPP_CLOUD_MEDIA_LIMITS: Readonly<Record<MediaMessageType, WhatsAppCloudMediaLimit>> =
  WHATSAPP_MEDIA_LIMITS;

const KINDS = Object.keys(WHATSAPP_CLOUD_MEDIA_LIMITS) as MediaMessageType[];

/**
 * The kind of media a MIME type uploads as (`image/webp` is a sticker), or `undefined` when the
 * Cloud API takes no such file.
 */
export function mediaKindOf(mimeType: string): MediaMessageType | undefined {
  const type = mimeType.toLowerCase();
  return KINDS.find((kind) => WHATSAPP_CLOUD_MEDIA_LIMITS[kind].mimeTypes.includes(type));
}

/** A file name for an upload without one, e.g. `image.jpeg`, so Meta sees a matching extension. */
export function defaultFilename(kind: MediaMessageType, mimeType: string): string {
  const limit = WHATSAPP_CLOUD_MEDIA_LIMITS[kind];
  const index = limit.mimeTypes.indexOf(mimeType.toLowerCase());
  return `${kind}${limit.extensions[index] ?? ''}`;
}

function formatBytes(bytes: number): string {
  return bytes >= MB ? `${bytes / MB} MB` : `${bytes / KB} KB`;
}

async function headerBytes(data: Uint8Array | Blob): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data.subarray(0, WEBP_HEADER_BYTES);
  return new Uint8Array(await data.slice(0, WEBP_HEADER_BYTES).arrayBuffer());
}

/**
 * Checks bytes about to be uploaded as `kind` against Meta's MIME types and size limits, before any
 * request. A WebP sticker's header is read to tell animated (500 KB) from static (100 KB).
 *
 * @param path Where the media sits in the caller's input, for the error's field paths.
 * @throws {ValidationError} naming `<path>.mimeType` (a type Meta does not take for `kind`) or
 *   `<path>.data` (over the limit, or a sticker that is not a WebP).
 */
export async function checkMediaData(kind: MediaMessageType, media: MediaData, path: string): Promise<void> {
  const limit = WHATSAPP_CLOUD_MEDIA_LIMITS[kind];
  const at = (field: string) => (path === '' ? field : `${path}.${field}`);
  const fail = (field: string, message: string): never => {
    throw new ValidationError(`Invalid ${kind} for WhatsApp Cloud: ${at(field)}: ${message}`, {
      provider: WHATSAPP_CLOUD_PROVIDER_ID,
      issues: [{ path: at(field), message }],
    });
  };
  const mimeType = media.mimeType.toLowerCase();
  if (!limit.mimeTypes.includes(mimeType)) {
    const hint = kind === 'image' && mimeType === 'image/webp' ? ' (send WebP images as stickers)' : '';
    fail('mimeType', `${kind} must be one of ${limit.mimeTypes.join(', ')}, got ${media.mimeType}${hint}`);
  }
  // Empty data never gets here: core's message and upload schemas reject it.
  const size = byteLength(media.data);
  let maxBytes = limit.maxBytes;
  let what: string = kind;
  if (kind === 'sticker') {
    const webp = webpKind(await headerBytes(media.data));
    if (webp === 'not-webp') fail('data', 'a sticker must be a WebP image (RIFF/WEBP header not found)');
    if (webp === 'static') {
      maxBytes = limit.staticMaxBytes ?? maxBytes;
      what = 'static sticker';
    } else {
      what = 'animated sticker';
    }
  }
  if (size > maxBytes) fail('data', `a ${what} may be at most ${formatBytes(maxBytes)}, got ${size} bytes`);
}
