import { createHash } from 'node:crypto';
import { attachmentDisposition } from '../emulator-kit/content-disposition.js';
import type { CloudStoredMedia } from './cloud-emulator-types.js';
import { graphErrors } from './graph-error.js';
import { type CloudEmulatorContext, type GraphRequest, graphJson } from './graph-request.js';
import { baseMimeType, checkUploadedMedia } from './media-rules.js';

/** Path (at the server root) where the emulator serves media bytes, like Meta's lookaside host. */
export const MEDIA_DOWNLOAD_PATH = '/media-download';

/**
 * `POST /{phone-number-id}/media`, multipart with `messaging_product=whatsapp`, `type=<mime>` and the
 * `file` part. The `type` field is what Meta goes by; the file's size must fit its kind.
 */
export async function uploadMedia(ctx: CloudEmulatorContext, req: GraphRequest, phoneNumberId: string) {
  const contentType = baseMimeType(req.request.headers.get('content-type') ?? '');
  if (contentType !== 'multipart/form-data') {
    throw graphErrors.invalidParameter(
      `Expected a multipart/form-data body, got ${contentType || 'no content type'}`,
    );
  }
  let form: FormData;
  try {
    form = await req.request.formData();
  } catch {
    throw graphErrors.invalidParameter('The multipart/form-data body cannot be parsed');
  }
  const product = form.get('messaging_product');
  if (product === null) throw graphErrors.missingParameter('The parameter messaging_product is required');
  if (product !== 'whatsapp')
    throw graphErrors.invalidParameter('Param messaging_product must be "whatsapp"');
  const file = form.get('file');
  if (file === null || typeof file === 'string') {
    throw graphErrors.missingParameter('The parameter file is required (a file part of the multipart body)');
  }
  const type = form.get('type');
  if (typeof type !== 'string' || type === '') {
    throw graphErrors.missingParameter('The parameter type is required (the MIME type of the file)');
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  checkUploadedMedia(type, bytes.byteLength);
  const media: CloudStoredMedia = {
    id: ctx.ids.numeric(),
    phoneNumberId,
    mimeType: type,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    fileSize: bytes.byteLength,
    filename: file.name === '' ? undefined : file.name,
    uploadedAt: ctx.now(),
  };
  ctx.store.media.set(media.id, media);
  return graphJson({ id: media.id });
}

/**
 * `GET /{media-id}` (optionally `?phone_number_id=` to check which number owns it). The `url` points at the
 * emulator's download path and, like Meta's, needs the bearer token.
 */
export function getMedia(req: GraphRequest, media: CloudStoredMedia): Response {
  checkOwner(req, media);
  return graphJson({
    messaging_product: 'whatsapp',
    url: `${req.origin}${MEDIA_DOWNLOAD_PATH}/${media.id}`,
    mime_type: media.mimeType,
    sha256: media.sha256,
    file_size: media.fileSize,
    id: media.id,
  });
}

/** `DELETE /{media-id}`. */
export function deleteMedia(ctx: CloudEmulatorContext, req: GraphRequest, media: CloudStoredMedia): Response {
  checkOwner(req, media);
  ctx.store.media.delete(media.id);
  return graphJson({ success: true });
}

/** `GET {MEDIA_DOWNLOAD_PATH}/{media-id}`: the bytes, with their MIME type. Authentication is the router's. */
export function downloadMedia(method: string, media: CloudStoredMedia | undefined, id: string): Response {
  if (method !== 'GET') throw graphErrors.unsupportedRequest(method);
  if (media === undefined) throw graphErrors.unknownObject(method, id);
  return new Response(media.bytes.slice(), {
    headers: {
      'content-type': media.mimeType,
      'content-length': String(media.fileSize),
      ...(media.filename === undefined
        ? {}
        : { 'content-disposition': attachmentDisposition(media.filename) }),
    },
  });
}

function checkOwner(req: GraphRequest, media: CloudStoredMedia): void {
  const owner = req.url.searchParams.get('phone_number_id');
  if (owner !== null && owner !== media.phoneNumberId) {
    throw graphErrors.invalidParameter(`Param phone_number_id ${owner} does not own media ${media.id}`);
  }
}
