import {
  isBusinessScopedUserId,
  sendCapability,
  UnsupportedFeatureError,
  ValidationError,
  type ValidOutboundMessage,
} from '@switchboard/core';
import {
  v3ButtonsRequest,
  v3FileRequest,
  v3ListRequest,
  v3TextRequest,
  type WatiV3SessionRequest,
} from './v3-send-session.js';
import { type V3TemplateContext, v3TemplateRequest, type WatiV3TemplateRequest } from './v3-send-template.js';
import { v3TypingIndicatorRequest, type WatiV3TypingRequest } from './v3-typing-indicator.js';
import { WATI_PROVIDER_ID } from './wati-options.js';

/** A message as a V3 request: a session send, a template send or a typing indicator. */
export type WatiV3WireMessage = WatiV3SessionRequest | WatiV3TemplateRequest | WatiV3TypingRequest;

/** True for a message V3 cannot carry, which `send` sends through the legacy API instead: a quoted reply. */
export function needsLegacySend(message: ValidOutboundMessage): boolean {
  return message.type === 'text' && message.replyTo !== undefined;
}

/**
 * Refuses, before any request, a business-scoped user id on a message that goes through the legacy
 * API. With `api: 'legacy'` the missing `send.to.userId` capability refuses it first; with `api:
 * 'v3'` this is a quoted reply ({@link needsLegacySend}), which v1's `sendSessionMessage` sends to a
 * phone number in its path: a BSUID there would address no one.
 *
 * @throws {ValidationError} naming `to`.
 */
export function assertLegacyRecipient(message: ValidOutboundMessage): void {
  if (!isBusinessScopedUserId(message.to)) return;
  const reason =
    "a quoted reply (replyTo) goes through WATI's legacy sendSessionMessage, which takes a phone number only: send it to the user's number, or without replyTo";
  throw new ValidationError(`Invalid message: to: ${reason}`, {
    provider: WATI_PROVIDER_ID,
    issues: [{ path: 'to', message: reason }],
  });
}

/** The error for `providerOptions.wati.channel` where it cannot be honoured. */
export function channelNotUsable(reason: string): ValidationError {
  return new ValidationError(`Invalid WATI send options: channel ${reason}`, {
    provider: WATI_PROVIDER_ID,
    issues: [{ path: 'providerOptions.wati.channel', message: reason }],
  });
}

/**
 * Converts a valid neutral message to its V3 request:
 *
 * | message | request |
 * | --- | --- |
 * | text | `POST /api/ext/v3/conversations/messages/text` `{ target, text }` |
 * | image, video, audio, document | bytes: `POST …/conversations/messages/file` multipart; URL: `POST …/conversations/messages/fileViaUrl` JSON |
 * | buttons, list | `POST …/conversations/messages/interactive` JSON |
 * | template | `POST /api/ext/v3/messageTemplates/send` with one recipient |
 * | typing_indicator | `POST /api/ext/v3/conversations/typingIndicator` `{ target }` |
 *
 * `to` may be a phone number or a business-scoped user id: both go in `target` (a template
 * recipient's `phone_number` for a number, its `target` for a BSUID). `channel` (from
 * `providerOptions.wati.channel`) picks the sending channel. Quoted replies are not converted here
 * ({@link needsLegacySend}).
 *
 * @throws {UnsupportedFeatureError} for a message WATI has no request for.
 * @throws {ValidationError} when positional template parameters cannot be named.
 */
export async function convertToWatiV3Message(
  message: ValidOutboundMessage,
  context: V3TemplateContext,
): Promise<WatiV3WireMessage> {
  const { channel } = context;
  switch (message.type) {
    case 'text':
      return v3TextRequest(message, channel);
    case 'image':
    case 'video':
    case 'audio':
    case 'document': {
      const { media } = message;
      if ('id' in media) {
        throw new UnsupportedFeatureError(
          `Provider "${WATI_PROVIDER_ID}" does not support send.media.id: WATI has no media ids; send { data, mimeType } or { url }`,
          { provider: WATI_PROVIDER_ID, capability: 'send.media.id' },
        );
      }
      return v3FileRequest(message, media, channel);
    }
    case 'buttons':
      return v3ButtonsRequest(message, channel);
    case 'list':
      return v3ListRequest(message, channel);
    case 'template':
      return v3TemplateRequest(message, context);
    case 'typing_indicator':
      return v3TypingIndicatorRequest(message, channel);
    default:
      throw new UnsupportedFeatureError(
        `Provider "${WATI_PROVIDER_ID}" does not support ${sendCapability(message.type)}: WATI has no ${message.type} message`,
        { provider: WATI_PROVIDER_ID, capability: sendCapability(message.type) },
      );
  }
}
