import {
  type CapabilityHolder,
  type OutboundMessage,
  type SendOptions,
  type SendResult,
  urlPath,
  ValidationError,
  type ValidOutboundMessage,
  type ValidOutboundMessageOf,
  validateOutboundMessage,
  validateSendOptions,
} from '@switchboard/core';
import { assertTemplateSendable } from './convert-template-message.js';
import {
  type CloudMessage,
  convertToWhatsAppCloudMessage,
  typingIndicatorBody,
} from './convert-to-whatsapp-cloud-message.js';
import { sendResponseSchema } from './graph-schemas.js';
import { uploadMediaData } from './media-api.js';
import { checkMediaData } from './media-rules.js';
import { pendingUpload, withUploadedMedia } from './resolve-message-media.js';
import type { WhatsAppCloudClient } from './whatsapp-cloud-client.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';
import { readWhatsAppCloudProviderOptions } from './whatsapp-cloud-provider-options.js';

/** Checks, before any request, what the neutral schema allows but the Cloud API cannot take. */
function assertCloudCanSend(message: ValidOutboundMessage): void {
  if ((message.type === 'reaction' || message.type === 'typing_indicator') && message.replyTo !== undefined) {
    const reason = `a ${message.type === 'reaction' ? 'reaction' : 'typing indicator'} cannot quote a message: it already targets messageId`;
    throw new ValidationError(`Invalid message: replyTo: ${reason}`, {
      provider: WHATSAPP_CLOUD_PROVIDER_ID,
      issues: [{ path: 'replyTo', message: reason }],
    });
  }
  if (message.type === 'template') assertTemplateSendable(message.template);
}

/**
 * `send`, in the order every adapter follows: core's `validateOutboundMessage` (the schema, then
 * each capability the message needs), then `providerOptions['whatsapp-cloud']`, then the Cloud
 * API's own checks (what it cannot take, media bytes against Meta's limits), all before any request;
 * then `{ data }` media is uploaded, the message converted to Graph's body and posted to
 * `/{phone-number-id}/messages`. `SendResult.id` is the `wamid` that status webhooks report on.
 */
export async function sendMessage(
  client: WhatsAppCloudClient,
  provider: CapabilityHolder,
  input: OutboundMessage,
  givenOptions?: SendOptions,
): Promise<SendResult> {
  // 1. Core's schema, then every capability the message needs, then the call's and this provider's options.
  let message = validateOutboundMessage(provider, input);
  const options = validateSendOptions(provider.id, givenOptions);
  const { bizOpaqueCallbackData } = readWhatsAppCloudProviderOptions(options.providerOptions);
  // 2. What only the Cloud API checks, still before any request.
  assertCloudCanSend(message);
  if (message.type === 'typing_indicator') return sendTypingIndicator(client, message, options);
  const upload = pendingUpload(message);
  if (upload !== undefined) await checkMediaData(upload.kind, upload.media, upload.path);
  // 3. Convert (bytes become a media id first), 4. request.
  if (upload !== undefined) {
    const mediaId = await uploadMediaData(client, upload.kind, upload.media, options.signal);
    message = withUploadedMedia(message, upload, mediaId);
  }
  const body = convertToWhatsAppCloudMessage(message as CloudMessage, { bizOpaqueCallbackData });
  const { data } = await client.call(
    {
      method: 'POST',
      path: urlPath`/${client.options.phoneNumberId}/messages`,
      body: { type: 'json', value: body },
      operation: `send.${message.type}`,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
    sendResponseSchema,
  );
  const wamid = (data.messages[0] as { id: string }).id;
  return {
    id: wamid,
    provider: WHATSAPP_CLOUD_PROVIDER_ID,
    to: message.to,
    status: 'accepted',
    providerIds: { wamid },
    raw: data,
  };
}

/**
 * A typing indicator: mark-as-read with `typing_indicator` on the inbound `messageId`, answered
 * `{ success: true }`. Nothing is delivered, so `SendResult.id` is that inbound message id and no
 * status webhook follows. Showing it twice changes nothing, so it is retried like mark-as-read.
 */
async function sendTypingIndicator(
  client: WhatsAppCloudClient,
  message: ValidOutboundMessageOf<'typing_indicator'>,
  options: SendOptions,
): Promise<SendResult> {
  // Anything but `{ success: true }` is an ApiError: an unconfirmed indicator must not pass for shown.
  await client.callForSuccess({
    method: 'POST',
    path: urlPath`/${client.options.phoneNumberId}/messages`,
    body: { type: 'json', value: typingIndicatorBody(message) },
    operation: 'send.typing_indicator',
    idempotent: true,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return {
    id: message.messageId,
    provider: WHATSAPP_CLOUD_PROVIDER_ID,
    to: message.to,
    status: 'accepted',
    raw: { success: true },
  };
}
