import type { CloudSentMessage } from './cloud-emulator-types.js';
import { graphErrors } from './graph-error.js';
import { type CloudEmulatorContext, type GraphRequest, graphJson, readJsonObject } from './graph-request.js';
import { checkMessageRules, normalizeRecipient } from './message-rules.js';
import { MESSAGE_TYPE_SCHEMAS } from './meta-schema-validator.js';
import { checkTemplateSend } from './template-send-check.js';

type Json = Record<string, unknown>;

/**
 * `POST /{phone-number-id}/messages`: sends a message, or (with `status: "read"`) marks an inbound message
 * read. The body is checked against Meta's schema for its type, then against the rules the schema lacks.
 */
export async function postMessages(ctx: CloudEmulatorContext, req: GraphRequest, phoneNumberId: string) {
  const body = await readJsonObject(req.request);
  // Mark-as-read and typing indicators share the endpoint; Meta tells them apart by `status`.
  if ('status' in body) return markRead(ctx, body, phoneNumberId);
  // Meta treats a message without `type` as text (its own "preview URL" example omits it).
  const typed: Json = body.type === undefined ? { ...body, type: 'text' } : body;
  const type = typed.type;
  const schema = typeof type === 'string' ? MESSAGE_TYPE_SCHEMAS[type] : undefined;
  if (schema === undefined) {
    throw graphErrors.invalidParameter(
      `Param type must be one of ${Object.keys(MESSAGE_TYPE_SCHEMAS).join(', ')}, got ${JSON.stringify(type)}`,
    );
  }
  const violation = (await ctx.validator()).validate(schema, typed);
  if (violation !== undefined) throw graphErrors.schemaViolation(violation);

  const to = typed.to as string | undefined;
  const waId = to === undefined ? undefined : normalizeRecipient(to);
  const phone = ctx.store.phoneNumberOrDefault(phoneNumberId);
  if (waId !== undefined && waId === phone.displayPhoneNumber.replace(/\D/g, '')) {
    throw graphErrors.recipientIsSender();
  }
  checkMessageRules(ctx.store, phoneNumberId, typed);
  const template =
    type === 'template' ? checkTemplateSend(ctx.store, phoneNumberId, typed.template as Json) : undefined;

  const input = to ?? (typed.recipient as string);
  const record: CloudSentMessage = {
    id: ctx.ids.outboundMessage(waId ?? input),
    phoneNumberId,
    input,
    waId,
    type: type as string,
    body,
    sentAt: ctx.now(),
    statuses: [],
    pricingCategory:
      template === undefined
        ? 'service'
        : (template.category.toLowerCase() as CloudSentMessage['pricingCategory']),
  };
  ctx.store.messages.push(record);
  ctx.messageAccepted(record);
  // Meta reports `message_status` for template sends; free-form sends get the bare id.
  const message = template === undefined ? { id: record.id } : { id: record.id, message_status: 'accepted' };
  const contact = waId === undefined ? { input, user_id: input } : { input, wa_id: waId };
  return graphJson({ messaging_product: 'whatsapp', contacts: [contact], messages: [message] });
}

async function markRead(ctx: CloudEmulatorContext, body: Json, phoneNumberId: string): Promise<Response> {
  const violation = (await ctx.validator()).validate('MarkMessageRequestPayload', body);
  if (violation !== undefined) throw graphErrors.schemaViolation(violation);
  const inbound = ctx.store.inboundMessage(body.message_id as string);
  if (inbound === undefined || inbound.phoneNumberId !== phoneNumberId) {
    throw graphErrors.invalidParameter(
      `Param message_id ${JSON.stringify(body.message_id)} is not the id of a message this business received`,
    );
  }
  inbound.readAt ??= ctx.now();
  return graphJson({ success: true });
}
