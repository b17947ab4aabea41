import { lazySchema } from '../internal/lazy-schema.js';
import * as z from '../internal/zod-mini.js';

const MIME_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

/** A MIME type such as `image/jpeg` (parameters are not allowed). */
export const mimeTypeSchema = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.regex(MIME_TYPE, 'must be a MIME type such as image/jpeg')),
);

/** Bytes to upload: a `Uint8Array` (a Node `Buffer` is one) or a `Blob`/`File`. */
export const binaryDataSchema = /* @__PURE__ */ lazySchema(() =>
  z.custom<Uint8Array | Blob>(
    (value) => value instanceof Uint8Array || (typeof Blob !== 'undefined' && value instanceof Blob),
    { message: 'must be a Uint8Array or a Blob' },
  ),
);

/** Media hosted at a public HTTPS (or HTTP) URL that the provider fetches itself. */
export const mediaUrlSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  }),
);

/** Media already uploaded to the provider, referenced by its media id. */
export const mediaIdSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ id: z.string().check(z.minLength(1)) }),
);

/** Media bytes the adapter uploads (or attaches) for you. */
export const mediaDataSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    data: binaryDataSchema.check(z.refine((data) => byteLength(data) > 0, 'must not be empty')),
    mimeType: mimeTypeSchema,
    filename: z.optional(z.string().check(z.minLength(1), z.maxLength(240))),
  }),
);

/**
 * Where an outbound media message takes its file from: `{ url }`, `{ id }` or `{ data, mimeType, filename? }`.
 * Exactly one of `url`, `id` or `data` must be given.
 */
export const mediaSourceSchema = /* @__PURE__ */ lazySchema(() =>
  z.union([mediaUrlSchema, mediaIdSchema, mediaDataSchema]),
);

/** Media given by URL. */
export type MediaUrl = z.infer<typeof mediaUrlSchema>;
/** Media given by provider media id. */
export type MediaId = z.infer<typeof mediaIdSchema>;
/** Media given as bytes. */
export type MediaData = z.infer<typeof mediaDataSchema>;
/** Any media source. */
export type MediaSource = MediaUrl | MediaId | MediaData;

/** Size in bytes of a `Uint8Array` or `Blob`. */
export function byteLength(data: Uint8Array | Blob): number {
  return data instanceof Uint8Array ? data.byteLength : data.size;
}
