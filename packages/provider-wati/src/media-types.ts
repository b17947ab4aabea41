/** File extensions of the MIME types WhatsApp accepts, and a few common ones. */
const EXTENSION_BY_MIME: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/zip': 'zip',
};

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = Object.fromEntries([
  ...Object.entries(EXTENSION_BY_MIME).map(([mime, extension]) => [extension, mime]),
  ['jpeg', 'image/jpeg'],
  ['opus', 'audio/ogg'],
]);

/** The usual extension of a MIME type: `image/jpeg` → `jpg`; the subtype for unknown ones; `bin` as a last resort. */
export function extensionOf(mimeType: string): string {
  const type = mimeType.toLowerCase();
  const known = EXTENSION_BY_MIME[type];
  if (known !== undefined) return known;
  const subtype =
    type
      .split('/')[1]
      ?.replace(/^(x-|vnd\.)/, '')
      .replace(/[^a-z0-9]/g, '') ?? '';
  return subtype.length > 0 && subtype.length <= 8 ? subtype : 'bin';
}

/**
 * A file name for bytes sent without one, from the message type and MIME type, e.g. `image.jpg` or
 * `document.pdf`. WATI needs a name: it decides the file's type from it, and shows it for documents.
 */
export function inventFilename(type: string, mimeType: string): string {
  return `${type}.${extensionOf(mimeType)}`;
}

/** The MIME type of a file name's extension, when known. */
export function mimeTypeOfFilename(fileName: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension !== undefined && Object.hasOwn(MIME_BY_EXTENSION, extension)
    ? MIME_BY_EXTENSION[extension]
    : undefined;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * The MIME type of a file from its first bytes. WATI's `getMedia` often answers
 * `application/octet-stream`, so the bytes are the reliable source.
 */
export function sniffMimeType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (startsWith(bytes, ascii('GIF8'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF'))) return 'application/pdf';
  if (startsWith(bytes, ascii('OggS'))) return 'audio/ogg';
  if (startsWith(bytes, ascii('#!AMR'))) return 'audio/amr';
  if (startsWith(bytes, ascii('ID3')) || startsWith(bytes, [0xff, 0xfb])) return 'audio/mpeg';
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (brand.startsWith('3gp')) return 'video/3gpp';
    if (brand === 'M4A ') return 'audio/mp4';
    return 'video/mp4';
  }
  return undefined;
}
