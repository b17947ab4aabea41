import type { ConversationMessage, Page } from '@switchboard/core';
import { urlPath } from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { toConversationMessage } from './messages-api.js';
import { nextPageCursor, type PagePosition } from './page-cursor.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { V3_MAX_PAGE_SIZE } from './v3-templates-api.js';
import type { WatiClient } from './wati-client.js';
import { WATI_V3_PATH_PREFIX } from './wati-options.js';

const messageListSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ message_list: z.nullish(z.array(z.unknown())) }),
);
const assignResultSchema = /* @__PURE__ */ lazySchema(() =>
  z.nullish(z.looseObject({ result: z.optional(z.unknown()) })),
);

/**
 * One V3 history item (`{ id, local_message_id, event_type, owner, text, type, status, created,
 * timestamp, conversation_id, … }`) as a {@link ConversationMessage}, through the legacy mapping;
 * `undefined` for rows that are not messages. `raw` is the V3 item.
 */
export function toV3ConversationMessage(raw: unknown): ConversationMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const item = raw as Record<string, unknown>;
  const mapped = toConversationMessage({
    ...item,
    eventType: item.event_type,
    localMessageId: item.local_message_id,
    whatsappMessageId: item.whatsapp_message_id,
    statusString: item.status,
    finalText: item.final_text,
    timestamp: item.created ?? item.timestamp,
    created: item.created,
  });
  return mapped === undefined ? undefined : { ...mapped, raw };
}

/**
 * `GET /api/ext/v3/conversations/{number}/messages?page_number&page_size` (at most 100 a page): the
 * number targets its most recent conversation. No total or link comes back, so a full page means
 * there may be more.
 */
export async function listV3Messages(
  client: WatiClient,
  phone: string,
  position: PagePosition,
): Promise<Page<ConversationMessage>> {
  const pageSize = Math.min(position.pageSize, V3_MAX_PAGE_SIZE);
  const response = await client.call(
    {
      method: 'GET',
      path: `${WATI_V3_PATH_PREFIX}${urlPath`/conversations/${phone}/messages`}`,
      query: { page_number: position.pageNumber, page_size: pageSize },
      operation: 'conversations.messages',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.messageHistory,
      api: 'v3',
    },
    messageListSchema,
  );
  const rawItems = response.data.message_list ?? [];
  const items = rawItems.flatMap((raw) => toV3ConversationMessage(raw) ?? []);
  const nextCursor = nextPageCursor(undefined, { ...position, pageSize }, rawItems.length);
  return nextCursor === undefined ? { items } : { items, nextCursor };
}

/**
 * `PUT /api/ext/v3/conversations/{number}/operator` with `{ assignee_email }`; WATI answers
 * `{ result: true }`, and `result: false` is thrown as a soft failure.
 */
export async function assignV3Operator(client: WatiClient, phone: string, email: string): Promise<void> {
  await client.call(
    {
      method: 'PUT',
      path: `${WATI_V3_PATH_PREFIX}${urlPath`/conversations/${phone}/operator`}`,
      body: { type: 'json', value: { assignee_email: email } },
      operation: 'operators.assign',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.operators,
      api: 'v3',
    },
    assignResultSchema,
  );
}
