const EXTENSION_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  '3gp': 'video/3gpp',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  amr: 'audio/amr',
  m4a: 'audio/mp4',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The WATI message type a file is sent as, and the storage folder WATI files it under. */
export type WatiMediaKind = 'image' | 'video' | 'audio' | 'voice' | 'document';

/** The lower-case extension of a file name or URL path, without the dot; `''` when there is none. */
export function extensionOf(name: string): string {
  const base = name.split(/[?#]/)[0]?.split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The MIME type a file name suggests; `application/octet-stream` when the extension is unknown. */
export function mimeTypeFromName(name: string): string {
  return EXTENSION_TYPES[extensionOf(name)] ?? 'application/octet-stream';
}

/** An extension for a MIME type, for generated storage names; `bin` when unknown. */
export function extensionFromMimeType(mimeType: string): string {
  const found = Object.entries(EXTENSION_TYPES).find(([, type]) => type === mimeType);
  return found?.[0] ?? 'bin';
}

/** How WATI classifies a file by MIME type; `voice` only when the caller asked for a voice note. */
export function mediaKindOf(mimeType: string, voice: boolean): WatiMediaKind {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/')) return 'video';
  if (mimeType.startsWith('audio/')) return voice ? 'voice' : 'audio';
  return 'document';
}

/** The storage folder of a kind, as in WATI's `data/images/<uuid>.jpg` file names. */
export function storageFolder(kind: WatiMediaKind): string {
  switch (kind) {
    case 'image':
      return 'images';
    case 'video':
      return 'videos';
    case 'audio':
    case 'voice':
      return 'audios';
    case 'document':
      return 'documents';
  }
}

/** WhatsApp's per-type size limits in bytes (Meta's media limits, which WATI passes on). */
export function maxBytesFor(kind: WatiMediaKind): number {
  switch (kind) {
    case 'image':
      return 5 * 1024 * 1024;
    case 'video':
    case 'audio':
    case 'voice':
      return 16 * 1024 * 1024;
    case 'document':
      return 100 * 1024 * 1024;
  }
}
