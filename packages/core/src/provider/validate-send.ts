import { type ParseOptions, parseOrThrow } from '../errors/from-zod.js';
import type { MediaSource } from '../model/media.js';
import {
  outboundMessageSchema,
  outboundMessageSchemas,
  type ValidOutboundMessage,
} from '../model/outbound-message.js';
import { isBusinessScopedUserId } from '../model/recipient.js';
import { bulkRequestSchema, type ValidBulkRequest } from '../model/send-result.js';
import { type Capability, sendCapability } from './capability.js';
import { requireCapability } from './require-capability.js';

/**
 * Validates an outbound message exactly as {@link outboundMessageSchema} does (the same output, the
 * same issues: the union hands a message whose `type` it knows to that variant), or throws a
 * `ValidationError`. Only the schema of the variant `type` names is built, so a process that sends
 * texts never builds the schemas of the other 17 types; an input without a known `type` goes to the
 * union, whose error lists the types it expects.
 */
export function parseOutboundMessage(input: unknown, options: ParseOptions): ValidOutboundMessage {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  const schema =
    typeof type === 'string' && Object.hasOwn(outboundMessageSchemas, type)
      ? outboundMessageSchemas[type as keyof typeof outboundMessageSchemas]
      : outboundMessageSchema;
  return parseOrThrow(schema, input, options) as ValidOutboundMessage;
}

/** The part of a provider the send checks read. */
export interface CapabilityHolder {
  readonly id: string;
  readonly capabilities: ReadonlySet<Capability>;
}

/** The media a message carries: its own, or its template header's. */
export function messageMedia(message: ValidOutboundMessage): MediaSource | undefined {
  if ('media' in message) return message.media;
  const header = message.type === 'template' ? message.template.header : undefined;
  return header !== undefined && 'media' in header ? header.media : undefined;
}

/**
 * Every capability a message needs: `send.<type>`, `send.to.userId` when `to` is a business-scoped
 * user id, `send.replyTo` when it quotes a message, and `send.media.url|id|data` for the kind of
 * media it carries (its own or its template header's).
 */
export function requiredSendCapabilities(message: ValidOutboundMessage): Capability[] {
  const needed: Capability[] = [sendCapability(message.type)];
  if (isBusinessScopedUserId(message.to)) needed.push('send.to.userId');
  if (message.replyTo !== undefined) needed.push('send.replyTo');
  const media = messageMedia(message);
  if (media === undefined) return needed;
  if ('url' in media) needed.push('send.media.url');
  else if ('id' in media) needed.push('send.media.id');
  else needed.push('send.media.data');
  return needed;
}

/**
 * The first two steps of every adapter's `send`, in this order: validate the message with core's
 * schema (a `ValidationError` naming the field), then check each capability it needs (an
 * `UnsupportedFeatureError` naming it, with the provider's `hints` for what to do instead). Both
 * happen before any request; the adapter then converts the valid message and sends it.
 *
 * @example
 * ```ts
 * const message = validateOutboundMessage(provider, input, { 'send.media.id': 'send { data, mimeType } or { url }' });
 * ```
 */
export function validateOutboundMessage(
  provider: CapabilityHolder,
  input: unknown,
  hints: Partial<Record<Capability, string>> = {},
): ValidOutboundMessage {
  const message = parseOutboundMessage(input, { what: 'message', provider: provider.id });
  for (const capability of requiredSendCapabilities(message)) {
    requireCapability(provider, capability, hints[capability]);
  }
  return message;
}

/**
 * The same two steps for `sendBulk`: validate the request, then require `send.bulk` and
 * `send.template`, and `send.to.userId` when any recipient is a business-scoped user id (the error
 * names the first such recipient's path, then the provider's hint), all before any request.
 */
export function validateBulkRequest(
  provider: CapabilityHolder,
  input: unknown,
  hints: Partial<Record<Capability, string>> = {},
): ValidBulkRequest {
  const request = parseOrThrow(bulkRequestSchema, input, { what: 'bulk request', provider: provider.id });
  requireCapability(provider, 'send.bulk', hints['send.bulk']);
  requireCapability(provider, 'send.template', hints['send.template']);
  const userIdAt = request.recipients.findIndex((recipient) => isBusinessScopedUserId(recipient.to));
  if (userIdAt !== -1) {
    const hint = hints['send.to.userId'];
    requireCapability(
      provider,
      'send.to.userId',
      `recipients.${userIdAt}.to is a business-scoped user id${hint === undefined ? '' : `; ${hint}`}`,
    );
  }
  return request;
}
