import {
  type Capability,
  type MediaSource,
  type OutboundMessage,
  outboundMessageSchema,
  parseOrThrow,
  requireCapability,
  type SendOptions,
  type SendResult,
  sendCapability,
  urlPath,
  ValidationError,
  type ValidOutboundMessage,
} from '@switchboard/core';
import { assertTemplateSendable } from './convert-template-message.js';
import { toGraphMessage } from './convert-to-graph-message.js';
import type { GraphClient } from './graph-client.js';
import { sendResponseSchema } from './graph-schemas.js';
import { uploadMediaData } from './media-api.js';
import { checkMediaData } from './media-rules.js';
import { pendingUpload, withUploadedMedia } from './resolve-message-media.js';
import { WHATSAPP_CLOUD_PROVIDER_ID } from './whatsapp-cloud-options.js';

type CapabilityHolder = { readonly id: string; readonly capabilities: ReadonlySet<Capability> };

/** The media a message carries: its own, or its template's header media. */
function mediaOf(message: ValidOutboundMessage): MediaSource | undefined {
  if ('media' in message) return message.media;
  const header = message.type === 'template' ? message.template.header : undefined;
  return header !== undefined && 'media' in header ? header.media : undefined;
}

/** The capabilities a message needs: its type, replies, and the kind of media source it uses. */
function requiredCapabilities(message: ValidOutboundMessage): Capability[] {
  const needed: Capability[] = [sendCapability(message.type)];
  if (message.replyTo !== undefined) needed.push('send.replyTo');
  const media = mediaOf(message);
  if (media === undefined) return needed;
  if ('url' in media) needed.push('send.media.url');
  else if ('id' in media) needed.push('send.media.id');
  else needed.push('send.media.data');
  return needed;
}

/** Checks, before any request, what the neutral schema allows but the Cloud API cannot take. */
function assertCloudCanSend(message: ValidOutboundMessage): void {
  if (message.type === 'reaction' && message.replyTo !== undefined) {
    const reason = 'a reaction cannot quote a message: it already targets messageId';
    throw new ValidationError(`Invalid message: replyTo: ${reason}`, {
      provider: WHATSAPP_CLOUD_PROVIDER_ID,
      issues: [{ path: 'replyTo', message: reason }],
    });
  }
  if (message.type === 'template') assertTemplateSendable(message.template);
}

/**
 * `send`: validates the message with core's schema, checks what the Cloud API cannot take and
 * media bytes against Meta's limits (all before any request), uploads `{ data }` media, then posts
 * `/{phone-number-id}/messages`. `SendResult.id` is the `wamid` that status webhooks report on.
 */
export async function sendMessage(
  client: GraphClient,
  provider: CapabilityHolder,
  input: OutboundMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  let message = parseOrThrow(outboundMessageSchema, input, {
    what: 'message',
    provider: WHATSAPP_CLOUD_PROVIDER_ID,
  });
  for (const capability of requiredCapabilities(message)) requireCapability(provider, capability);
  assertCloudCanSend(message);
  const upload = pendingUpload(message);
  if (upload !== undefined) {
    await checkMediaData(upload.kind, upload.media, upload.path);
    const mediaId = await uploadMediaData(client, upload.kind, upload.media, options.signal);
    message = withUploadedMedia(message, upload, mediaId);
  }
  const data = await client.call(
    {
      method: 'POST',
      path: urlPath`/${client.options.phoneNumberId}/messages`,
      body: { type: 'json', value: toGraphMessage(message) },
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
