import {
  MEDIA_MESSAGE_TYPES,
  type MediaData,
  type MediaMessageType,
  type ValidOutboundMessage,
} from '@switchboard/core';

/** Bytes a message carries that must be uploaded before it can be sent. */
export interface PendingUpload {
  kind: MediaMessageType;
  media: MediaData;
  /** Where the media sits in the message, for error paths. */
  path: string;
}

const isMediaType = (type: string): type is MediaMessageType =>
  (MEDIA_MESSAGE_TYPES as readonly string[]).includes(type);

/** The `{ data }` media of a message (its own media or its template's header), if any. */
export function pendingUpload(message: ValidOutboundMessage): PendingUpload | undefined {
  if (isMediaType(message.type) && 'media' in message && 'data' in message.media) {
    return { kind: message.type, media: message.media, path: 'media' };
  }
  if (message.type === 'template') {
    const header = message.template.header;
    if (header !== undefined && 'media' in header && 'data' in header.media) {
      return { kind: header.type, media: header.media, path: 'template.header.media' };
    }
  }
  return undefined;
}

/** The message with its `{ data }` media replaced by the uploaded media id. */
export function withUploadedMedia(
  message: ValidOutboundMessage,
  upload: PendingUpload,
  mediaId: string,
): ValidOutboundMessage {
  if (upload.path === 'media' && 'media' in message) {
    // A document keeps the uploaded file's name as the name shown to the recipient.
    if (message.type === 'document') {
      const filename = message.filename ?? upload.media.filename;
      return { ...message, media: { id: mediaId }, ...(filename === undefined ? {} : { filename }) };
    }
    return { ...message, media: { id: mediaId } } as ValidOutboundMessage;
  }
  if (
    message.type === 'template' &&
    message.template.header !== undefined &&
    'media' in message.template.header
  ) {
    const header = { ...message.template.header, media: { id: mediaId } };
    // Like a document message, a document header shows the uploaded file's name unless it names one.
    if (header.type === 'document' && header.filename === undefined && upload.media.filename !== undefined) {
      header.filename = upload.media.filename;
    }
    return { ...message, template: { ...message.template, header } };
  }
  return message;
}
