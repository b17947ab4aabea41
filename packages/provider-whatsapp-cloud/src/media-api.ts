import {
  type MediaData,
  type MediaFacet,
  type MediaInfo,
  type MediaMessageType,
  type MediaUpload,
  mediaUploadSchema,
  parseOrThrow,
  urlPath,
  ValidationError,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { mediaInfoResponseSchema, mediaUploadResponseSchema } from './graph-schemas.js';
import { checkMediaData, defaultFilename, mediaKindOf, WHATSAPP_CLOUD_MEDIA_LIMITS } from './media-rules.js';
import type { WhatsAppCloudClient } from './whatsapp-cloud-client.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

const mediaIdSchema = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.trim(), z.minLength(1, 'a media id is required')),
);

/**
 * Uploads checked bytes: `POST /{phone-number-id}/media`, multipart with `file` (named, typed),
 * `type` (the MIME type) and `messaging_product`, in the order of Meta's and Maton's examples.
 * Uploading twice only stores a second copy, so the request counts as idempotent for retries.
 */
export async function uploadMediaData(
  client: WhatsAppCloudClient,
  kind: MediaMessageType,
  media: MediaData,
  signal?: AbortSignal,
): Promise<string> {
  const mimeType = media.mimeType.toLowerCase();
  const { data } = await client.call(
    {
      method: 'POST',
      path: urlPath`/${client.options.phoneNumberId}/media`,
      body: {
        type: 'multipart',
        parts: [
          {
            name: 'file',
            data: media.data,
            filename: media.filename ?? defaultFilename(kind, mimeType),
            contentType: mimeType,
          },
          { name: 'type', value: mimeType },
          { name: 'messaging_product', value: 'whatsapp' },
        ],
      },
      idempotent: true,
      operation: 'media.upload',
      ...(signal === undefined ? {} : { signal }),
    },
    mediaUploadResponseSchema,
  );
  return data.id;
}

/** The `media` facet of a WhatsApp Cloud provider: `upload`, `get` and `delete`. */
export function createMediaFacet(client: WhatsAppCloudClient): MediaFacet {
  const parseId = (id: string) =>
    parseOrThrow(mediaIdSchema, id, { what: 'media id', provider: WHATSAPP_CLOUD_PROVIDER_ID });

  return {
    /**
     * Uploads a file; the MIME type picks Meta's rules (`image/webp` uploads as a sticker).
     * @throws {ValidationError} for a type the Cloud API does not take or a file over its limit.
     */
    async upload(file: MediaUpload): Promise<{ id: string }> {
      const upload = parseOrThrow(mediaUploadSchema, file, {
        what: 'media upload',
        provider: WHATSAPP_CLOUD_PROVIDER_ID,
      });
      const kind = mediaKindOf(upload.mimeType);
      if (kind === undefined) {
        const accepted = Object.values(WHATSAPP_CLOUD_MEDIA_LIMITS).flatMap((limit) => limit.mimeTypes);
        const message = `the Cloud API does not take ${upload.mimeType}; accepted: ${accepted.join(', ')}`;
        throw new ValidationError(`Invalid media upload: mimeType: ${message}`, {
          provider: WHATSAPP_CLOUD_PROVIDER_ID,
          issues: [{ path: 'mimeType', message }],
        });
      }
      await checkMediaData(kind, upload, '');
      return { id: await uploadMediaData(client, kind, upload) };
    },

    /** The short-lived download URL (valid 5 minutes, needs the access token), MIME type, SHA-256 and size. */
    async get(id: string): Promise<MediaInfo> {
      const mediaId = parseId(id);
      const { data } = await client.call(
        { method: 'GET', path: urlPath`/${mediaId}`, operation: 'media.get' },
        mediaInfoResponseSchema,
      );
      const info: MediaInfo = { id: data.id, raw: data };
      if (data.url) info.url = data.url;
      if (data.mime_type) info.mimeType = data.mime_type;
      if (data.sha256) info.sha256 = data.sha256;
      if (data.file_size != null) info.size = Number(data.file_size);
      return info;
    },

    async delete(id: string): Promise<void> {
      const mediaId = parseId(id);
      await client.callForSuccess({
        method: 'DELETE',
        path: urlPath`/${mediaId}`,
        operation: 'media.delete',
      });
    },
  };
}
