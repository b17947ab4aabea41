import type { SendResult, ValidOutboundMessageOf } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { v3Target } from './v3-send-session.js';
import type { WatiRequest } from './wati-client.js';
import { WATI_PROVIDER_ID, WATI_V3_PATH_PREFIX } from './wati-options.js';

/** A V3 typing indicator as WATI's request. */
export interface WatiV3TypingRequest {
  kind: 'v3-typing';
  /** The recipient: digits or a business-scoped user id. */
  to: string;
  /** The inbound message being answered: the result's id (WATI's request has no field for it). */
  messageId: string;
  request: WatiRequest;
}

/**
 * A typing indicator: `POST /api/ext/v3/conversations/typingIndicator` with JSON `{ target }`, the
 * target a conversation endpoint takes (number, BSUID, or `channel:` either). WATI's request names
 * no message, so `messageId` is not sent: WATI shows "typing…" in the target's conversation, and
 * `messageId` only becomes the result's id, as the neutral model defines it.
 *
 * Showing the indicator twice changes nothing, so the request is `idempotent` (retried like a read
 * receipt, even on an ambiguous failure).
 */
export function v3TypingIndicatorRequest(
  message: ValidOutboundMessageOf<'typing_indicator'>,
  channel?: string,
): WatiV3TypingRequest {
  return {
    kind: 'v3-typing',
    to: message.to,
    messageId: message.messageId,
    request: {
      method: 'POST',
      path: `${WATI_V3_PATH_PREFIX}/conversations/typingIndicator`,
      body: { type: 'json', value: { target: v3Target(message.to, channel) } },
      operation: 'send.typing_indicator',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.sessionSend,
      idempotent: true,
      api: 'v3',
    },
  };
}

/**
 * The body of a typing indicator. WATI documents no response model for it, so any JSON object (or
 * an empty body) is an acceptance, and the client turns a soft failure in it (`result: false`,
 * `success: false`) into a typed error; a body that is not an object (a list, a string, a number)
 * is an `ApiError`, not a guess.
 */
export const v3TypingIndicatorResponseSchema = /* @__PURE__ */ lazySchema(() => z.nullish(z.looseObject({})));

/**
 * The {@link SendResult} of a typing indicator: its id is the inbound `messageId` it answers (nothing
 * is delivered, so no status webhook will follow), `raw` WATI's answer.
 */
export function toV3TypingSendResult(
  body: z.output<typeof v3TypingIndicatorResponseSchema>,
  sent: WatiV3TypingRequest,
): SendResult {
  return {
    id: sent.messageId,
    provider: WATI_PROVIDER_ID,
    to: sent.to,
    status: 'accepted',
    raw: body ?? null,
  };
}
