import {
  BULK_SEND_ABORTED,
  type BulkRecipientError,
  type BulkRecipientResult,
  type BulkRequest,
  type BulkResult,
  type BulkSendOptions,
  type BulkStreamOptions,
  type BulkStreamResult,
  type CapabilityHolder,
  collectBulk,
  type ErrorCode,
  mayHaveBeenSent,
  readProviderOptions,
  SwitchboardError,
  toBulkRecipientError,
  validateBulkOptions,
  validateBulkRequest,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { channelNotUsable } from './convert-to-wati-v3-message.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { receiverRejection, type WatiReceiver, watiReceiverSchema } from './send-template.js';
import {
  needsTemplateNames,
  type TemplateCache,
  toWatiParameters,
  type WatiParameter,
} from './template-parameters.js';
import { readV1BulkErrors } from './v1-bulk-errors.js';
import { v3BatchResults, v3TemplateSendRequest, v3TemplateSendResponseSchema } from './v3-send-template.js';
import { WATI_BULK_BATCH_SIZE, WATI_CAPABILITY_HINTS } from './wati-capabilities.js';
import type { WatiClient } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { watiSendOptionsSchema } from './wati-provider-options.js';
import { isSoftFailureError } from './wati-soft-failure.js';
import { phoneDigits, toText } from './wati-values.js';

const bulkResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(
    z.looseObject({
      result: z.optional(z.unknown()),
      receivers: z.nullish(z.array(watiReceiverSchema)),
      // v1: { error, invalidWhatsappNumbers: ["…"], invalidCustomParameters: [...] }
      errors: z.optional(z.unknown()),
    }),
  ),
);

type BulkResponse = z.output<typeof bulkResponseSchema>;

interface Receiver {
  to: string;
  customParams: WatiParameter[];
}

/** v1 has no per-recipient ids: recipients are ok unless its `errors` list them. */
function v1Results(batch: readonly Receiver[], body: BulkResponse): BulkRecipientResult[] {
  const { invalidNumbers, invalidParameters } = readV1BulkErrors(body?.errors);
  const failed = (to: string, code: ErrorCode, message: string, reason: string | undefined) => ({
    to,
    ok: false,
    error: { code, message: reason === undefined ? message : `${message}: ${reason}`, retryable: false },
  });
  return batch.map(({ to }): BulkRecipientResult => {
    if (invalidNumbers.has(to)) {
      return failed(
        to,
        'invalid_recipient',
        'WATI reports the number is not a valid WhatsApp number',
        invalidNumbers.get(to),
      );
    }
    if (invalidParameters.has(to)) {
      return failed(
        to,
        'validation_failed',
        "WATI rejected this recipient's template parameters",
        invalidParameters.get(to),
      );
    }
    return { to, ok: true };
  });
}

/** v2 answers one receiver per recipient, matched by `waId` (by position when WATI gives no `waId`). */
function v2Results(batch: readonly Receiver[], receivers: readonly WatiReceiver[]): BulkRecipientResult[] {
  const byNumber = receivers.some((receiver) => phoneDigits(receiver.waId) !== undefined);
  const queues = new Map<string, WatiReceiver[]>();
  for (const receiver of receivers) {
    const number = phoneDigits(receiver.waId) ?? '';
    queues.set(number, [...(queues.get(number) ?? []), receiver]);
  }
  return batch.map(({ to }, index): BulkRecipientResult => {
    const receiver = byNumber ? queues.get(to)?.shift() : receivers[index];
    if (receiver === undefined) {
      return {
        to,
        ok: false,
        error: {
          code: 'unknown',
          message: "WATI's response lists no receiver for this number; it may not have been sent",
          retryable: false,
        },
      };
    }
    const rejection = receiverRejection(receiver);
    if (rejection !== undefined)
      return { to, ok: false, error: { code: rejection.code, message: rejection.message, retryable: false } };
    const id = toText(receiver.localMessageId);
    return id === undefined ? { to, ok: true } : { to, ok: true, id };
  });
}

/**
 * True when a failed batch may still have reached WATI (core's {@link mayHaveBeenSent}: a timeout or
 * a connection lost after the request was written, a 5xx other than 503, an abort while the batch
 * was in flight, a 2xx whose body could not be read). A soft failure (WATI's "no" in a 200) is an
 * answer: that batch was not sent.
 */
function batchMayHaveBeenSent(error: unknown): boolean {
  return !isSoftFailureError(error) && mayHaveBeenSent(error);
}

/**
 * The error of every recipient of a failed batch. A batch that may have been sent is never
 * `retryable`: resending up to 1000 template messages on a guess would message people twice, and
 * WATI does not de-duplicate. Its status webhooks tell what went out; the hint says so for the
 * whole batch, in place of core's per-message one.
 */
function batchFailure(error: unknown): BulkRecipientError {
  const reason = toBulkRecipientError(error);
  if (!batchMayHaveBeenSent(error)) return reason;
  const message = SwitchboardError.isInstance(error) ? error.message : reason.message;
  return {
    ...reason,
    retryable: false,
    message: `${message} (this batch may have been sent anyway: check its status webhooks before sending it again)`,
  };
}

/**
 * `sendBulk`. With `api: 'v3'`: `POST /api/ext/v3/messageTemplates/send` per batch, every recipient
 * with a generated `local_message_id` (its result id), a recipient missing from WATI's answer failing
 * as `invalid_recipient`; everything else below applies alike. Legacy:
 * `POST /api/{v1|v2}/sendTemplateMessages` with
 * `{ template_name, broadcast_name, receivers: [{ whatsappNumber, customParams }] }`, in batches of
 * at most 1000 receivers (WATI's documented maximum). Positional parameters are named like single
 * sends. Results come back in recipient order: v2 gives each recipient its `localMessageId`, or a
 * failure when WATI flags the number; v1 gives no ids. A batch WATI refuses (HTTP error or soft
 * failure) fails its own recipients with the reason; the other batches still run. A batch that
 * failed ambiguously (timeout, lost connection, 5xx, unreadable 2xx, abort in flight) is marked not
 * `retryable`. `broadcast_name` is `providerOptions.wati.broadcastName`, else the request's neutral
 * `campaign`, else the template name.
 *
 * Each batch's results are yielded once WATI answered it (`index` is the recipient's position; `raw`,
 * with `raw: true`, the batch's response, shared by its recipients); the next batch is sent when the
 * consumer asks for more, so leaving the loop early sends no further batch.
 *
 * @throws {ValidationError} before anything is sent (on the first `next()`), when the request,
 *   `providerOptions.wati` or a recipient's parameters are invalid.
 */
export async function* sendBulkStream(
  context: { provider: CapabilityHolder; client: WatiClient; templates: TemplateCache },
  request: BulkRequest,
  givenOptions?: BulkStreamOptions,
): AsyncGenerator<BulkStreamResult, void, undefined> {
  const parsed = validateBulkRequest(context.provider, request, WATI_CAPABILITY_HINTS);
  // Batches go one at a time; `concurrency` is still checked, so a bad value fails on every provider.
  const options = validateBulkOptions(WATI_PROVIDER_ID, givenOptions);
  const watiOptions = readProviderOptions(WATI_PROVIDER_ID, watiSendOptionsSchema, options.providerOptions);
  const { client } = context;
  const channel = watiOptions?.channel;
  // Checked before the template lookup below, which is a request.
  if (channel !== undefined && client.options.api !== 'v3') {
    throw channelNotUsable("needs api: 'v3' (the legacy API sends from the default channel)");
  }
  const { name, language } = parsed.template;
  const template = parsed.recipients.some((recipient) => needsTemplateNames(recipient.parameters))
    ? await context.templates.find(name, language, options.signal)
    : undefined;
  const receivers: Receiver[] = parsed.recipients.map((recipient, index) => ({
    to: recipient.to,
    customParams: toWatiParameters(recipient.parameters, template, {
      template: { name, language },
      path: `recipients.${index}.parameters`,
    }),
  }));

  const broadcastName = watiOptions?.broadcastName ?? parsed.campaign ?? name;
  const version = client.options.templateApi;
  for (let start = 0; start < receivers.length; start += WATI_BULK_BATCH_SIZE) {
    const batch = receivers.slice(start, start + WATI_BULK_BATCH_SIZE);
    if (options.signal?.aborted) {
      yield* numbered(
        start,
        batch.map(({ to }) => ({ to, ok: false, error: BULK_SEND_ABORTED })),
      );
      continue;
    }
    let results: BulkRecipientResult[];
    let raw: unknown;
    try {
      if (client.options.api === 'v3') {
        // Each recipient gets its own local_message_id: its result and status webhooks are matched by it.
        const recipients = batch.map((receiver) => ({ ...receiver, localMessageId: crypto.randomUUID() }));
        const request = v3TemplateSendRequest(
          { templateName: name, broadcastName, channel, recipients },
          'send.bulk',
        );
        const response = await client.call(
          { ...request, ...(options.signal ? { signal: options.signal } : {}) },
          v3TemplateSendResponseSchema,
        );
        results = v3BatchResults(recipients, response.data);
        raw = response.data;
      } else {
        const response = await client.call(
          {
            method: 'POST',
            path: `/api/${version}/sendTemplateMessages`,
            body: {
              type: 'json',
              value: {
                template_name: name,
                broadcast_name: broadcastName,
                receivers: batch.map(({ to, customParams }) => ({ whatsappNumber: to, customParams })),
              },
            },
            operation: 'send.bulk',
            rateLimitGroup: WATI_RATE_LIMIT_GROUPS.templateSend,
            ...(options.signal ? { signal: options.signal } : {}),
          },
          bulkResponseSchema,
        );
        const body = response.data;
        results = Array.isArray(body?.receivers) ? v2Results(batch, body.receivers) : v1Results(batch, body);
        raw = body;
      }
    } catch (error) {
      const reason = batchFailure(error);
      results = batch.map(({ to }) => ({ to, ok: false, error: reason }));
    }
    yield* numbered(start, results, options.raw ? { raw } : undefined);
  }
}

/** A batch's results as stream entries: the index in the request, and `raw` when asked for. */
function* numbered(
  start: number,
  results: readonly BulkRecipientResult[],
  raw?: { raw: unknown },
): Generator<BulkStreamResult> {
  for (const [offset, result] of results.entries()) {
    yield raw === undefined
      ? { ...result, index: start + offset }
      : { ...result, index: start + offset, ...raw };
  }
}

/** `sendBulk`: {@link sendBulkStream} collected into a result in recipient order (without `raw`). */
export function sendBulk(
  context: { provider: CapabilityHolder; client: WatiClient; templates: TemplateCache },
  request: BulkRequest,
  options?: BulkSendOptions,
): Promise<BulkResult> {
  return collectBulk(sendBulkStream(context, request, options));
}
