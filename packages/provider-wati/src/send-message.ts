import {
  type CapabilityHolder,
  type OutboundMessage,
  readProviderOptions,
  type SendOptions,
  type SendResult,
  validateOutboundMessage,
} from '@switchboard/core';
import { convertToWatiMessage } from './convert-to-wati-message.js';
import { templateSendResponseSchema, toTemplateSendResult } from './send-template.js';
import { sessionSendResponseSchema, toSessionSendResult } from './session-send-result.js';
import type { TemplateCache } from './template-parameters.js';
import type { WatiClient } from './wati-client.js';
import { checkWatiMessage } from './wati-message-checks.js';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { watiSendOptionsSchema } from './wati-provider-options.js';

/** What `sendMessage` works with: the provider (for its capabilities), its client and template list. */
export interface SendMessageContext {
  provider: CapabilityHolder;
  client: WatiClient;
  templates: TemplateCache;
}

/** What a message needs that WATI cannot serve, and what to do instead. */
const CAPABILITY_HINTS = { 'send.media.id': 'WATI has no media ids; send { data, mimeType } or { url }' };

/**
 * `send` of the WATI provider, always in this order: validate the message with core's schema and
 * check every capability it needs (`validateOutboundMessage`), read `providerOptions.wati`, run
 * WATI's own checks (`checkWatiMessage`), convert it (`convertToWatiMessage`), then make the one
 * request and read WATI's answer. Everything before the request throws without network traffic.
 *
 * @throws {ValidationError} for an invalid message, provider option, or a message WATI refuses up front.
 * @throws {UnsupportedFeatureError} for a message type, media source or `replyTo` WATI cannot serve.
 */
export async function sendMessage(
  context: SendMessageContext,
  input: OutboundMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  const message = validateOutboundMessage(context.provider, input, CAPABILITY_HINTS);
  const watiOptions = readProviderOptions(WATI_PROVIDER_ID, watiSendOptionsSchema, options.providerOptions);
  checkWatiMessage(message);
  const { client } = context;
  const wire = await convertToWatiMessage(message, {
    templates: context.templates,
    templateApi: client.options.templateApi,
    sessionTextEncoding: client.options.sessionTextEncoding,
    broadcastName: watiOptions?.broadcastName,
    signal: options.signal,
  });
  const request = {
    ...wire.request,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
  };
  if (wire.kind === 'template') {
    return toTemplateSendResult(await client.call(request, templateSendResponseSchema), wire.to);
  }
  const response = await client.call(request, sessionSendResponseSchema);
  return toSessionSendResult(response.data, wire.to, wire);
}
