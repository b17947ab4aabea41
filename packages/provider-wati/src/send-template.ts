import { randomUUID } from 'node:crypto';
import {
  ApiError,
  bodyExcerpt,
  type ErrorCode,
  type SendResult,
  ValidationError,
  type ValidOutboundMessageOf,
} from '@switchboard/core';
import { z } from 'zod';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { perCall, type SendContext } from './send-context.js';
import { needsTemplateNames, type TemplateCache, toWatiParameters } from './template-parameters.js';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { classifyWatiFailureText } from './wati-soft-failure.js';
import { definedIds, phoneDigits, toBooleanValue, toText } from './wati-values.js';

/** One receiver of a v2 template send response. */
export const watiReceiverSchema = z.looseObject({
  localMessageId: z.unknown().optional(),
  waId: z.unknown().optional(),
  isValidWhatsAppNumber: z.unknown().optional(),
  errors: z.unknown().optional(),
});

/** One receiver of a v2 template send response. */
export type WatiReceiver = z.output<typeof watiReceiverSchema>;

const templateSendResponseSchema = z
  .looseObject({
    result: z.unknown().optional(),
    receivers: z.array(watiReceiverSchema).nullish(),
    // v1 echoes the contact and says whether the number is on WhatsApp.
    validWhatsAppNumber: z.unknown().optional(),
  })
  .nullish();

/** The text of a receiver's `errors` (an array of strings or objects; the element type is undocumented). */
export function receiverErrorsText(errors: unknown): string | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const texts = errors.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  return texts.join('; ');
}

/** Why a receiver was rejected (invalid number or listed errors); `undefined` when it was accepted. */
export function receiverRejection(receiver: WatiReceiver): { code: ErrorCode; message: string } | undefined {
  const errors = receiverErrorsText(receiver.errors);
  if (toBooleanValue(receiver.isValidWhatsAppNumber) === false) {
    return {
      code: 'invalid_recipient',
      message: `WATI reports the number is not a valid WhatsApp number${errors ? `: ${errors}` : ''}`,
    };
  }
  if (errors !== undefined)
    return { code: classifyWatiFailureText(errors), message: `WATI rejected the recipient: ${errors}` };
  return undefined;
}

/**
 * Rejects template features WATI's send cannot carry. WATI takes every template variable by name in
 * `parameters`, so header and button values have no place of their own.
 */
function rejectUncarriedParts(message: ValidOutboundMessageOf<'template'>): void {
  const issues: { path: string; message: string }[] = [];
  if (message.template.header !== undefined) {
    issues.push({
      path: 'template.header',
      message:
        "WATI's template send has no header parameter: pass a header variable as a named parameter, and media headers are fixed in the template",
    });
  }
  if (message.template.buttons !== undefined) {
    issues.push({
      path: 'template.buttons',
      message:
        "WATI's template send has no button parameters: pass a URL-button variable as a named parameter; quick-reply payloads are fixed in the template",
    });
  }
  if (message.replyTo !== undefined) {
    issues.push({ path: 'replyTo', message: 'WATI template sends cannot quote a message' });
  }
  if (issues.length > 0) {
    throw new ValidationError(
      `Invalid message: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      {
        provider: WATI_PROVIDER_ID,
        issues,
      },
    );
  }
}

/**
 * A template message: `POST /api/{v1|v2}/sendTemplateMessage?whatsappNumber=…` with JSON
 * `{ template_name, broadcast_name, parameters: [{ name, value }] }`. `broadcast_name` defaults to
 * the template name. Positional parameters take the template's own names from the account's
 * template list (fetched and cached). WATI picks the language itself; `template.language` only
 * chooses between same-named templates when naming positional parameters.
 *
 * The id: v2 answers a `localMessageId` per receiver, which the status webhooks carry. v1 answers
 * no id at all, so the result's id is a generated UUID that no webhook will ever mention.
 */
export async function sendTemplate(
  context: SendContext & { templates: TemplateCache },
  message: ValidOutboundMessageOf<'template'>,
): Promise<SendResult> {
  rejectUncarriedParts(message);
  const { client, options, templates } = context;
  const { name, language, parameters } = message.template;
  const template = needsTemplateNames(parameters)
    ? await templates.find(name, language, options.signal)
    : undefined;
  const watiParameters = toWatiParameters(parameters, template, {
    template: { name, language },
    path: 'template.parameters',
  });
  const version = client.options.templateApi;
  const response = await client.call(
    {
      method: 'POST',
      path: `/api/${version}/sendTemplateMessage`,
      query: { whatsappNumber: message.to },
      body: {
        type: 'json',
        value: {
          template_name: name,
          broadcast_name: message.broadcastName ?? name,
          parameters: watiParameters,
        },
      },
      operation: 'send.template',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.templateSend,
      ...perCall(options),
    },
    templateSendResponseSchema,
  );
  const body = response.data;
  const fail = (code: ErrorCode, reason: string) =>
    new ApiError(`WATI did not accept send.template to ${message.to}: ${reason}`, {
      provider: WATI_PROVIDER_ID,
      code,
      retryable: false,
      status: response.status,
      url: response.url,
      responseBody: bodyExcerpt(JSON.stringify(body ?? null)),
    });
  if (toBooleanValue(body?.validWhatsAppNumber) === false) {
    throw fail('invalid_recipient', 'the number is not a valid WhatsApp number');
  }
  const receivers = body?.receivers ?? [];
  const receiver = receivers.find((item) => phoneDigits(item.waId) === message.to) ?? receivers[0];
  const rejection = receiver === undefined ? undefined : receiverRejection(receiver);
  if (rejection !== undefined) throw fail(rejection.code, rejection.message);
  const localMessageId = toText(receiver?.localMessageId);
  const providerIds = definedIds({ localMessageId });
  return {
    id: localMessageId ?? randomUUID(),
    provider: WATI_PROVIDER_ID,
    to: message.to,
    status: 'accepted',
    ...(Object.keys(providerIds).length === 0 ? {} : { providerIds }),
    raw: body ?? null,
  };
}
