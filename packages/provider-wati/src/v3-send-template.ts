import {
  ApiError,
  type BulkRecipientResult,
  bodyExcerpt,
  type ErrorCode,
  isBusinessScopedUserId,
  type SendResult,
  type TransportResponse,
  type ValidOutboundMessageOf,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { receiverErrorsText } from './send-template.js';
import {
  needsTemplateNames,
  type TemplateCache,
  toWatiParameters,
  type WatiParameter,
} from './template-parameters.js';
import type { WatiRequest } from './wati-client.js';
import { WATI_PROVIDER_ID, WATI_V3_PATH_PREFIX } from './wati-options.js';
import { classifyWatiFailureText } from './wati-soft-failure.js';
import { definedIds, phoneDigits, toText } from './wati-values.js';

/** One recipient of a V3 template send, as this adapter builds it. */
export interface V3Recipient {
  /** Digits, or a business-scoped user id (sent as `target`). */
  to: string;
  /** The `local_message_id` sent for this recipient, which its status webhooks carry. */
  localMessageId: string;
  customParams: WatiParameter[];
}

/** What a V3 template send body carries besides its recipients. */
export interface V3TemplateBatch {
  templateName: string;
  broadcastName: string;
  channel?: string | undefined;
  recipients: readonly V3Recipient[];
}

/** A V3 template send as WATI's request. */
export interface WatiV3TemplateRequest {
  kind: 'v3-template';
  to: string;
  request: WatiRequest;
  localMessageId: string;
}

/**
 * A recipient's address: `phone_number` for a number, which every documented version of the request
 * takes; `target` for a business-scoped user id, which only `target` can carry ("each recipient
 * must have at least one of phone_number or target", docs.wati.io). The channel is never part of
 * it: it goes in the top-level `channel`.
 */
function recipientAddress(to: string): { phone_number: string } | { target: string } {
  return isBusinessScopedUserId(to) ? { target: to } : { phone_number: to };
}

/**
 * `POST /api/ext/v3/messageTemplates/send` with `{ template_name, broadcast_name, channel?,
 * recipients: [{ phone_number | target, local_message_id, custom_params }] }`. Every recipient
 * carries a generated `local_message_id`, so results and status webhooks are matched by an id this
 * adapter chose.
 */
export function v3TemplateSendRequest(batch: V3TemplateBatch, operation: string): WatiRequest {
  return {
    method: 'POST',
    path: `${WATI_V3_PATH_PREFIX}/messageTemplates/send`,
    body: {
      type: 'json',
      value: {
        template_name: batch.templateName,
        broadcast_name: batch.broadcastName,
        ...(batch.channel === undefined ? {} : { channel: batch.channel }),
        recipients: batch.recipients.map((recipient) => ({
          ...recipientAddress(recipient.to),
          local_message_id: recipient.localMessageId,
          custom_params: recipient.customParams,
        })),
      },
    },
    operation,
    rateLimitGroup: WATI_RATE_LIMIT_GROUPS.templateSend,
    api: 'v3',
  };
}

/** What building a V3 template send needs besides the message. */
export interface V3TemplateContext {
  templates: TemplateCache;
  broadcastName?: string | undefined;
  channel?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** A template message as a V3 send of one recipient (positional parameters named as for legacy sends). */
export async function v3TemplateRequest(
  message: ValidOutboundMessageOf<'template'>,
  context: V3TemplateContext,
): Promise<WatiV3TemplateRequest> {
  const { name, language, parameters } = message.template;
  const template = needsTemplateNames(parameters)
    ? await context.templates.find(name, language, context.signal)
    : undefined;
  const customParams = toWatiParameters(parameters, template, {
    template: { name, language },
    path: 'template.parameters',
  });
  const localMessageId = crypto.randomUUID();
  const request = v3TemplateSendRequest(
    {
      templateName: name,
      broadcastName: context.broadcastName ?? name,
      channel: context.channel,
      recipients: [{ to: message.to, localMessageId, customParams }],
    },
    'send.template',
  );
  return { kind: 'v3-template', to: message.to, request, localMessageId };
}

const recipientResultSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    local_message_id: z.optional(z.unknown()),
    phone_number: z.optional(z.unknown()),
    target: z.optional(z.unknown()),
    errors: z.optional(z.unknown()),
  }),
);

/** The body of a V3 template send: `{ success, broadcast_id, error, recipients: [{ local_message_id, phone_number, errors }] }`. */
export const v3TemplateSendResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(
    z.looseObject({
      success: z.optional(z.unknown()),
      broadcast_id: z.optional(z.unknown()),
      error: z.optional(z.unknown()),
      recipients: z.nullish(z.array(recipientResultSchema)),
    }),
  ),
);

type V3TemplateSendResponse = z.output<typeof v3TemplateSendResponseSchema>;
type RecipientResult = z.output<typeof recipientResultSchema>;

/** Whether a result entry names the recipient by address: its number, or the BSUID it was sent to as `target`. */
function namesRecipient(entry: RecipientResult, to: string): boolean {
  return isBusinessScopedUserId(to) ? toText(entry.target) === to : phoneDigits(entry.phone_number) === to;
}

/**
 * Each recipient's outcome: its result entry (by `local_message_id`, else by address), `missing` when a
 * result list came back without it (WATI leaves invalid recipients out), or `unlisted` when WATI sent
 * no list at all.
 */
function outcomes(
  recipients: readonly V3Recipient[],
  body: V3TemplateSendResponse,
): (RecipientResult | 'missing' | 'unlisted')[] {
  const listed = body?.recipients;
  if (listed === undefined || listed === null) return recipients.map(() => 'unlisted');
  const unused = [...listed];
  const take = (match: (entry: RecipientResult) => boolean) => {
    const index = unused.findIndex(match);
    return index === -1 ? undefined : unused.splice(index, 1)[0];
  };
  const byId = recipients.map((recipient) =>
    take((entry) => toText(entry.local_message_id) === recipient.localMessageId),
  );
  return recipients.map(
    (recipient, index) => byId[index] ?? take((entry) => namesRecipient(entry, recipient.to)) ?? 'missing',
  );
}

/** A recipient's failure, or `undefined` when WATI accepted it. */
function rejection(
  outcome: RecipientResult | 'missing' | 'unlisted',
): { code: ErrorCode; message: string } | undefined {
  if (outcome === 'unlisted') return undefined;
  if (outcome === 'missing') {
    return {
      code: 'invalid_recipient',
      message:
        "WATI's answer has no result for this recipient (V3 leaves invalid recipients out): it was not sent",
    };
  }
  const errors = receiverErrorsText(outcome.errors);
  if (errors === undefined) return undefined;
  const code = classifyWatiFailureText(errors);
  return {
    code: code === 'unknown' && /phone|number|target/i.test(errors) ? 'invalid_recipient' : code,
    message: `WATI rejected the recipient: ${errors}`,
  };
}

/** The id of an accepted recipient: WATI's echo of its `local_message_id`, else the one sent. */
function recipientId(recipient: V3Recipient, outcome: RecipientResult | 'missing' | 'unlisted'): string {
  return (
    (typeof outcome === 'object' ? toText(outcome.local_message_id) : undefined) ?? recipient.localMessageId
  );
}

/**
 * The {@link SendResult} of a V3 single template send, or the {@link ApiError} of a recipient WATI
 * refused in its HTTP 200. The id is the recipient's `local_message_id`, which the template status
 * webhooks carry as `localMessageId` (the same correlation as v2).
 */
export function toV3TemplateSendResult(
  response: TransportResponse<V3TemplateSendResponse>,
  sent: WatiV3TemplateRequest,
): SendResult {
  const body = response.data;
  const recipient: V3Recipient = { to: sent.to, localMessageId: sent.localMessageId, customParams: [] };
  const [outcome = 'unlisted'] = outcomes([recipient], body);
  const refused = rejection(outcome);
  if (refused !== undefined) {
    throw new ApiError(`WATI did not accept send.template to ${sent.to}: ${refused.message}`, {
      provider: WATI_PROVIDER_ID,
      code: refused.code,
      retryable: false,
      status: response.status,
      url: response.url,
      responseBody: bodyExcerpt(JSON.stringify(body ?? null)),
    });
  }
  const localMessageId = recipientId(recipient, outcome);
  return {
    id: localMessageId,
    provider: WATI_PROVIDER_ID,
    to: sent.to,
    status: 'accepted',
    providerIds: definedIds({ localMessageId, broadcastId: body?.broadcast_id }),
    raw: body ?? null,
  };
}

/** The per-recipient results of one V3 bulk batch, in recipient order. */
export function v3BatchResults(
  recipients: readonly V3Recipient[],
  body: V3TemplateSendResponse,
): BulkRecipientResult[] {
  const found = outcomes(recipients, body);
  return recipients.map((recipient, index): BulkRecipientResult => {
    const outcome = found[index] ?? 'missing';
    const refused = rejection(outcome);
    if (refused !== undefined)
      return { to: recipient.to, ok: false, error: { ...refused, retryable: false } };
    return { to: recipient.to, ok: true, id: recipientId(recipient, outcome) };
  });
}
