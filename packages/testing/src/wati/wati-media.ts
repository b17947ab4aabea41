import { randomUUID } from 'node:crypto';
import { extensionFromMimeType, extensionOf, storageFolder, type WatiMediaKind } from './media-types.js';
import type { WatiEmulatorContext } from './wati-context.js';

/** Stores bytes under a new WATI-style file name (`data/images/<uuid>.jpg`) and returns that name. */
export function storeMedia(
  context: WatiEmulatorContext,
  input: { bytes: Uint8Array; mimeType: string; filename: string; kind: WatiMediaKind },
): string {
  const extension = extensionOf(input.filename) || extensionFromMimeType(input.mimeType);
  const fileName = `data/${storageFolder(input.kind)}/${randomUUID()}.${extension}`;
  context.state.media.set(fileName, {
    fileName,
    mimeType: input.mimeType,
    filename: input.filename,
    bytes: input.bytes,
  });
  return fileName;
}

/**
 * The URL WATI puts in a media message's `data`: `{tenant base}/api/file/showFile?fileName=…`. Its
 * `fileName` is what `getMedia` takes; the emulator also serves the URL itself (with the bearer token).
 */
export function showFileUrl(context: WatiEmulatorContext, fileName: string, origin?: string): string {
  return `${context.tenantBaseUrl(origin)}/api/file/showFile?fileName=${fileName}`;
}
