import { ApiError, bodyExcerpt, describeBody, type MediaInfo, parseOrThrow } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { watiFileName } from './media-file-name.js';
import { mimeTypeOfFilename, sniffMimeType } from './media-types.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import type { WatiClient } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { isWatiSoftFailure, softFailureError } from './wati-soft-failure.js';

const idSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string().check(
      z.minLength(1),
      z.refine(
        (id) => watiFileName(id) !== undefined,
        'must be a WATI file name (data/images/…) or a showFile URL with fileName=',
      ),
    ),
  }),
);

const GENERIC_TYPES = new Set(['application/octet-stream', 'binary/octet-stream', '']);

/**
 * `media.get`: `GET /api/v1/getMedia?fileName=…`, returning the bytes in `data`. `id` is the file
 * name from an inbound event's `media.id` (the webhook's `showFile?fileName=…` URL works too).
 * WATI often labels files `application/octet-stream`, so the MIME type is read from the bytes,
 * else from the file name's extension. A JSON or HTML answer (WATI's "not found" and login pages
 * come with HTTP 200) is an {@link ApiError}, not a file.
 */
export async function getMedia(client: WatiClient, id: string): Promise<MediaInfo> {
  const fileName = watiFileName(
    parseOrThrow(idSchema, { id }, { what: 'media id', provider: WATI_PROVIDER_ID }).id,
  ) as string;
  const response = await client.bytes({
    method: 'GET',
    path: '/api/v1/getMedia',
    query: { fileName },
    operation: 'media.get',
    rateLimitGroup: WATI_RATE_LIMIT_GROUPS.media,
  });
  const headerType = response.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (headerType === 'application/json' || headerType === 'text/html' || response.data.byteLength === 0) {
    // Bytes come back unredacted (unlike JSON and text answers): an error page may echo the token.
    const text = client.redact(new TextDecoder().decode(response.data));
    const { url } = response;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (isWatiSoftFailure(json))
      throw softFailureError(json, { operation: 'media.get', url, status: response.status });
    throw new ApiError(
      `WATI answered GET ${url} with ${describeBody({ bodyText: text, headers: response.headers })} instead of the file`,
      {
        provider: WATI_PROVIDER_ID,
        code: 'unknown',
        status: response.status,
        url,
        responseBody: bodyExcerpt(text),
      },
    );
  }
  const mimeType =
    (GENERIC_TYPES.has(headerType) ? undefined : headerType) ??
    sniffMimeType(response.data) ??
    mimeTypeOfFilename(fileName);
  return {
    id: fileName,
    ...(mimeType === undefined ? {} : { mimeType }),
    size: response.data.byteLength,
    data: response.data,
  };
}
