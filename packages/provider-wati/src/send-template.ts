import {
  ApiError,
  bodyExcerpt,
  type ErrorCode,
  type SendResult,
  type TransportResponse,
  type ValidOutboundMessageOf,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { needsTemplateNames, type TemplateCache, toWatiParameters } from './template-parameters.js';
import type { WatiRequest } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { classifyWatiFailureText } from './wati-soft-failure.js';
import { definedIds, phoneDigits, toBooleanValue, toText } from './wati-values.js';

/** One receiver of a v2 template send response. */
export const watiReceiverSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    localMessageId: z.optional(z.unknown()),
    waId: z.optional(z.unknown()),
    isValidWhatsAppNumber: z.optional(z.unknown()),
    errors: z.optional(z.unknown()),
  }),
);

/** One receiver of a v2 template send response. */
export type WatiReceiver = z.output<typeof watiReceiverSchema>;

/** The body of a template send (v1 or v2). */
export const templateSendResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(
    z.looseObject({
      result: z.optional(z.unknown()),
      receivers: z.nullish(z.array(watiReceiverSchema)),
      // v1 echoes the contact and says whether the number is on WhatsApp.
      validWhatsAppNumber: z.optional(z.unknown()),
    }),
  ),
);

/** The body of a template send; see {@link templateSendResponseSchema}. */
export type TemplateSendResponse = z.output<typeof templateSendResponseSchema>;

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

/** A template send as WATI's request. */
export interface WatiTemplateRequest {
  kind: 'template';
  /** The recipient (digits). */
  to: string;
  request: WatiRequest;
}

/** What building a template request needs besides the message. */
export interface TemplateRequestContext {
  /** The account's templates, to name positional parameters. */
  templates: TemplateCache;
  templateApi: 'v1' | 'v2';
  /** `broadcast_name`; default the template name. */
  broadcastName?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The request of a template message: `POST /api/{v1|v2}/sendTemplateMessage?whatsappNumber=…` with
 * JSON `{ template_name, broadcast_name, parameters: [{ name, value }] }`. `broadcast_name` defaults
 * to the template name. Positional parameters take the template's own names from the account's
 * template list (fetched and cached). WATI picks the language itself; `template.language` only
 * chooses between same-named templates when naming positional parameters.
 *
 * @throws {ValidationError} naming `template.parameters` when positional parameters cannot be named.
 */
export async function templateRequest(
  message: ValidOutboundMessageOf<'template'>,
  context: TemplateRequestContext,
): Promise<WatiTemplateRequest> {
  const { name, language, parameters } = message.template;
  const template = needsTemplateNames(parameters)
    ? await context.templates.find(name, language, context.signal)
    : undefined;
  const watiParameters = toWatiParameters(parameters, template, {
    template: { name, language },
    path: 'template.parameters',
  });
  return {
    kind: 'template',
    to: message.to,
    request: {
      method: 'POST',
      path: `/api/${context.templateApi}/sendTemplateMessage`,
      query: { whatsappNumber: message.to },
      body: {
        type: 'json',
        value: {
          template_name: name,
          broadcast_name: context.broadcastName ?? name,
          parameters: watiParameters,
        },
      },
      operation: 'send.template',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.templateSend,
    },
  };
}

/**
 * The {@link SendResult} of a template send, or the {@link ApiError} of a recipient WATI refused in
 * an HTTP 200 (an invalid number, listed `errors`).
 *
 * The id: v2 answers a `localMessageId` per receiver, which the status webhooks carry. v1 answers
 * no id at all, so the result's id is a generated UUID that no webhook will ever mention.
 */
export function toTemplateSendResult(
  response: TransportResponse<TemplateSendResponse>,
  to: string,
): SendResult {
  const body = response.data;
  const fail = (code: ErrorCode, reason: string) =>
    new ApiError(`WATI did not accept send.template to ${to}: ${reason}`, {
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
  const receiver = receivers.find((item) => phoneDigits(item.waId) === to) ?? receivers[0];
  const rejection = receiver === undefined ? undefined : receiverRejection(receiver);
  if (rejection !== undefined) throw fail(rejection.code, rejection.message);
  const localMessageId = toText(receiver?.localMessageId);
  const providerIds = definedIds({ localMessageId });
  return {
    id: localMessageId ?? crypto.randomUUID(),
    provider: WATI_PROVIDER_ID,
    to,
    status: 'accepted',
    ...(Object.keys(providerIds).length === 0 ? {} : { providerIds }),
    raw: body ?? null,
  };
}
