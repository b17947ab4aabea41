import type { MediaSource } from '@switchboard/core';

/** Media the Graph API can reference: a public link or an uploaded media id. */
export type GraphMediaSource = Exclude<MediaSource, { data: unknown }>;

/**
 * A media source as Graph's media object: `{ link }` for a URL, `{ id }` for uploaded media
 * (exactly one of them; https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#media-object).
 * Bytes must have been uploaded first (see `resolveMessageMedia`).
 */
export function graphMediaObject(media: MediaSource): { link: string } | { id: string } {
  if ('url' in media) return { link: media.url };
  if ('id' in media) return { id: media.id };
  throw new TypeError('Media bytes must be uploaded before the message is converted');
}
