import { sendCapability, UnsupportedFeatureError, type ValidOutboundMessage } from '@switchboard/core';
import { buttonsRequest, listRequest } from './send-interactive.js';
import { sessionFileRequest } from './send-session-file.js';
import { sessionTextRequest } from './send-session-text.js';
import { type TemplateRequestContext, templateRequest, type WatiTemplateRequest } from './send-template.js';
import type { WatiSessionRequest } from './session-send-result.js';
import type { SessionTextEncoding } from './wati-options.js';
import { WATI_PROVIDER_ID } from './wati-options.js';

/**
 * A message as WATI's request: a session send (text, file, interactive), whose answer is read by
 * `toSessionSendResult`, or a template send, read by `toTemplateSendResult`.
 */
export type WatiWireMessage = WatiSessionRequest | WatiTemplateRequest;

/** What converting needs besides the message: the provider's settings and the template list. */
export interface ConvertToWatiContext extends TemplateRequestContext {
  sessionTextEncoding: SessionTextEncoding;
}

function unsupported(capability: string, detail: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError(
    `Provider "${WATI_PROVIDER_ID}" does not support ${capability}: ${detail}`,
    {
      provider: WATI_PROVIDER_ID,
      capability,
    },
  );
}

/**
 * Converts a valid neutral message to WATI's request (endpoint, encoding and body):
 *
 * | message | request |
 * | --- | --- |
 * | text | `POST /api/v1/sendSessionMessage/{n}`, text in a form body and/or the query (`sessionTextEncoding`) |
 * | image, video, audio, document | bytes: `POST /api/v1/sendSessionFile/{n}` multipart; URL: `POST /api/v1/sendSessionFileViaUrl/{n}?fileUrl=…` |
 * | buttons, list | `POST /api/v1/sendInteractive{Buttons,List}Message?whatsappNumber=…`, JSON |
 * | template | `POST /api/{v1,v2}/sendTemplateMessage?whatsappNumber=…`, JSON with named parameters |
 *
 * Positional template parameters are named from the account's template list (fetched and cached),
 * so the conversion is asynchronous. The message must already be valid and within WATI's
 * capabilities (`sendMessage` checks both first).
 *
 * @throws {UnsupportedFeatureError} for a message WATI has no request for (location, contact cards,
 *   reactions, stickers, media ids).
 * @throws {ValidationError} when positional template parameters cannot be named.
 */
export async function convertToWatiMessage(
  message: ValidOutboundMessage,
  context: ConvertToWatiContext,
): Promise<WatiWireMessage> {
  switch (message.type) {
    case 'text':
      return sessionTextRequest(message, context.sessionTextEncoding);
    case 'image':
    case 'video':
    case 'audio':
    case 'document': {
      const { media } = message;
      if ('id' in media) {
        throw unsupported('send.media.id', 'WATI has no media ids; send { data, mimeType } or { url }');
      }
      return sessionFileRequest(message, media);
    }
    case 'buttons':
      return buttonsRequest(message);
    case 'list':
      return listRequest(message);
    case 'template':
      return templateRequest(message, context);
    default:
      throw unsupported(sendCapability(message.type), `WATI has no ${message.type} message`);
  }
}
