import {
  type CapabilityHolder,
  type OutboundMessage,
  readProviderOptions,
  type SendOptions,
  type SendResult,
  type ValidOutboundMessage,
  validateOutboundMessage,
  validateSendOptions,
} from '@switchboard/core';
import { convertToWatiMessage } from './convert-to-wati-message.js';
import {
  assertLegacyRecipient,
  channelNotUsable,
  convertToWatiV3Message,
  needsLegacySend,
} from './convert-to-wati-v3-message.js';
import { templateSendResponseSchema, toTemplateSendResult } from './send-template.js';
import { sessionSendResponseSchema, toSessionSendResult } from './session-send-result.js';
import type { TemplateCache } from './template-parameters.js';
import { toV3SessionSendResult, v3SessionResponseSchema } from './v3-send-session.js';
import { toV3TemplateSendResult, v3TemplateSendResponseSchema } from './v3-send-template.js';
import { toV3TypingSendResult, v3TypingIndicatorResponseSchema } from './v3-typing-indicator.js';
import { WATI_CAPABILITY_HINTS } from './wati-capabilities.js';
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

/**
 * `send` of the WATI provider, always in this order: validate the message with core's schema and
 * check every capability it needs (`validateOutboundMessage`), read `providerOptions.wati`, run
 * WATI's own checks (`checkWatiMessage`), convert it (`convertToWatiMessage`), then make the one
 * request and read WATI's answer. Everything before the request throws without network traffic.
 *
 * With `api: 'v3'`, a message V3 cannot carry (a quoted reply) goes through the legacy API, which
 * addresses phone numbers only: a business-scoped user id there is refused naming `to`.
 *
 * @throws {ValidationError} for an invalid message, provider option, or a message WATI refuses up front.
 * @throws {UnsupportedFeatureError} for a message type, media source, `replyTo` or BSUID recipient
 *   WATI cannot serve (typing indicators and BSUID recipients need `api: 'v3'`).
 */
export async function sendMessage(
  context: SendMessageContext,
  input: OutboundMessage,
  givenOptions?: SendOptions,
): Promise<SendResult> {
  const message = validateOutboundMessage(context.provider, input, WATI_CAPABILITY_HINTS);
  const options = validateSendOptions(context.provider.id, givenOptions);
  const watiOptions = readProviderOptions(WATI_PROVIDER_ID, watiSendOptionsSchema, options.providerOptions);
  checkWatiMessage(message);
  const { client } = context;
  const channel = watiOptions?.channel;
  if (client.options.api === 'v3' && !needsLegacySend(message)) {
    return sendV3(context, message, { broadcastName: watiOptions?.broadcastName, channel }, options);
  }
  if (channel !== undefined) {
    throw channelNotUsable(
      client.options.api === 'v3'
        ? 'cannot be used with replyTo: quoted replies go through the legacy API, which has no channel'
        : "needs api: 'v3' (the legacy API sends from the default channel)",
    );
  }
  assertLegacyRecipient(message);
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

/** `send` over V3: convert, make the one request, read the V3 answer. */
async function sendV3(
  context: SendMessageContext,
  message: ValidOutboundMessage,
  watiOptions: { broadcastName: string | undefined; channel: string | undefined },
  options: SendOptions,
): Promise<SendResult> {
  const wire = await convertToWatiV3Message(message, {
    templates: context.templates,
    broadcastName: watiOptions.broadcastName,
    channel: watiOptions.channel,
    signal: options.signal,
  });
  const request = {
    ...wire.request,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
  };
  if (wire.kind === 'v3-template') {
    return toV3TemplateSendResult(await context.client.call(request, v3TemplateSendResponseSchema), wire);
  }
  if (wire.kind === 'v3-typing') {
    return toV3TypingSendResult(
      (await context.client.call(request, v3TypingIndicatorResponseSchema)).data,
      wire,
    );
  }
  const response = await context.client.call(request, v3SessionResponseSchema);
  return toV3SessionSendResult(response.data, wire.to);
}
