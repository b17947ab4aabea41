import type { SendResult } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import type { WatiRequest } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { definedIds } from './wati-values.js';

const id = /* @__PURE__ */ lazySchema(() => z.nullish(z.union([z.string(), z.number()])));

/**
 * The body of a session send (text, file, interactive). WATI answers
 * `{ ok, result: "success", message: { id, whatsappMessageId, localMessageId, … } }` for text;
 * file sends are seen with `message` as a string and `result` as `true` or an id string. An empty
 * body is tolerated (WATI accepted the request but said nothing).
 */
export const sessionSendResponseSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(
    z.looseObject({
      ok: z.optional(z.unknown()),
      result: z.optional(z.unknown()),
      message: z.optional(
        z.union([z.looseObject({ id, whatsappMessageId: id, localMessageId: id }), z.string(), z.null()]),
      ),
    }),
  ),
);

/** A session send body; see {@link sessionSendResponseSchema}. */
export type SessionSendResponse = z.output<typeof sessionSendResponseSchema>;

/**
 * A session send (text, file, interactive) as WATI's request, with the ids to fall back on when
 * WATI's answer names none.
 */
export interface WatiSessionRequest {
  kind: 'session';
  /** The recipient (digits). */
  to: string;
  request: WatiRequest;
  /** The `localMessageId` the request carries, when it carries one (text). */
  localMessageId?: string;
  /** The result id when WATI's answer gives no id. */
  fallbackId: string;
}

// `result` values that are verdicts, not ids.
const VERDICT = /^(success|true|false|ok|error|failed|failure)$/i;

/**
 * The {@link SendResult} of a session send. Its id is WATI's message id (`message.id`), which the
 * status webhooks of that message carry as `id`; without one, the `localMessageId` this adapter
 * sent (also echoed by the `_v2` webhooks); without that either, `fallbackId`.
 */
export function toSessionSendResult(
  body: SessionSendResponse,
  to: string,
  sent: { localMessageId?: string; fallbackId: string },
): SendResult {
  const message = typeof body?.message === 'object' && body.message !== null ? body.message : undefined;
  const resultId =
    typeof body?.result === 'string' && !VERDICT.test(body.result.trim()) ? body.result : undefined;
  const providerIds = definedIds({
    id: message?.id ?? resultId,
    whatsappMessageId: message?.whatsappMessageId,
    localMessageId: message?.localMessageId ?? sent.localMessageId,
  });
  return {
    id: providerIds.id ?? providerIds.localMessageId ?? sent.fallbackId,
    provider: WATI_PROVIDER_ID,
    to,
    status: 'accepted',
    ...(Object.keys(providerIds).length === 0 ? {} : { providerIds }),
    raw: body ?? null,
  };
}
