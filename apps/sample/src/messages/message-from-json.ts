import { ValidationError } from '@switchboard/core';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Turns a message read from JSON into one `send` accepts: JSON cannot carry bytes, so media given
 * as `{ "data": "<base64>", "mimeType": … }` (in `media` or a template's `header.media`) is decoded
 * to a `Uint8Array`. Everything else is passed through for the provider to validate.
 *
 * @throws {ValidationError} naming the field when `data` is not base64.
 */
export function messageFromJson(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const message: Record<string, unknown> = { ...value };
  if (isRecord(message.media)) message.media = decodeMedia(message.media, 'media.data');
  const template = message.template;
  if (isRecord(template) && isRecord(template.header) && isRecord(template.header.media)) {
    message.template = {
      ...template,
      header: { ...template.header, media: decodeMedia(template.header.media, 'template.header.media.data') },
    };
  }
  return message;
}

function decodeMedia(media: Record<string, unknown>, path: string): Record<string, unknown> {
  if (typeof media.data !== 'string') return media;
  const text = media.data.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new ValidationError(`Invalid message: ${path}: must be base64-encoded bytes`, {
      issues: [{ path, message: 'must be base64-encoded bytes' }],
    });
  }
  return { ...media, data: new Uint8Array(Buffer.from(text, 'base64')) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
