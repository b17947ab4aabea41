import {
  type ConversationListOptions,
  type ConversationMessage,
  listOptionsSchema,
  type MessageStatus,
  type Page,
  parseOrThrow,
  phoneSchema,
  providerOptionsSchema,
  readProviderOptions,
  urlPath,
} from '@switchboard/core';
import { lazySchema } from '@switchboard/core/zod';
import * as z from 'zod/mini';
import { nextPageCursor, resolvePage, watiLinkSchema } from './page-cursor.js';
import { WATI_RATE_LIMIT_GROUPS } from './rate-limits.js';
import { listV3Messages } from './v3-conversations-api.js';
import type { WatiClient } from './wati-client.js';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { watiConversationOptionsSchema } from './wati-provider-options.js';
import { definedIds, toBooleanValue, toDate, toText } from './wati-values.js';
import { mapMessageContent, type WatiEvent } from './webhooks/map-message.js';

const messagesPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    result: z.optional(z.unknown()),
    messages: z.nullish(z.looseObject({ items: z.nullish(z.array(z.unknown())), link: watiLinkSchema })),
    link: watiLinkSchema,
  }),
);

const STATUS_BY_STRING: Readonly<Record<string, MessageStatus>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  // A reply implies the message was read; the neutral statuses have no `replied`.
  replied: 'read',
  failed: 'failed',
};

/** History rows that are messages: chat messages and template broadcasts (`ticket` rows and the like are not). */
const MESSAGE_EVENT_TYPES = new Set(['message', 'broadcastMessage']);

/**
 * One `getMessages` item as a {@link ConversationMessage}, or `undefined` for rows that are not
 * messages. Direction comes from `owner` (true: sent by the business). Template broadcasts appear as
 * their rendered text (`finalText`).
 */
export function toConversationMessage(raw: unknown): ConversationMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const item = raw as WatiEvent;
  const eventType = toText(item.eventType) ?? 'message';
  if (!MESSAGE_EVENT_TYPES.has(eventType)) return undefined;
  const providerIds = definedIds({
    id: item.id,
    whatsappMessageId: item.whatsappMessageId,
    localMessageId: item.localMessageId,
  });
  const id = providerIds.id ?? providerIds.whatsappMessageId;
  const timestamp = toDate(item.timestamp) ?? toDate(item.created);
  if (id === undefined || timestamp === undefined) return undefined;
  const outbound = eventType === 'broadcastMessage' || toBooleanValue(item.owner) === true;
  const renderedText = toText(item.finalText) ?? toText(item.text);
  let message =
    eventType === 'broadcastMessage' && renderedText !== undefined
      ? { type: 'text' as const, text: renderedText }
      : mapMessageContent(item);
  if (outbound && message.type === 'unsupported' && renderedText !== undefined)
    message = { type: 'text', text: renderedText };
  const status = outbound ? STATUS_BY_STRING[toText(item.statusString)?.toLowerCase() ?? ''] : undefined;
  return {
    id,
    direction: outbound ? 'outbound' : 'inbound',
    timestamp,
    message,
    ...(status === undefined ? {} : { status }),
    providerIds,
    raw,
  };
}

const conversationListSchema = /* @__PURE__ */ lazySchema(() =>
  z.extend(listOptionsSchema, {
    providerOptions: z.optional(providerOptionsSchema),
  }),
);

/**
 * `conversations.messages`: `GET /api/v1/getMessages/{whatsappNumber}?pageSize&pageNumber` (`api: 'v3'`:
 * `GET /api/ext/v3/conversations/{number}/messages`), newest
 * first as WATI returns them. Rows that are not messages (ticket events) are left out, so a page
 * may hold fewer items than `pageSize`. WATI reads no provider options here: `providerOptions.wati`,
 * when given, must be empty.
 */
export async function listMessages(
  client: WatiClient,
  phone: string,
  options: ConversationListOptions = {},
): Promise<Page<ConversationMessage>> {
  const number = parseOrThrow(
    z.object({ phone: phoneSchema }),
    { phone },
    { what: 'phone number', provider: WATI_PROVIDER_ID },
  ).phone;
  const parsed = parseOrThrow(conversationListSchema, options, {
    what: 'list options',
    provider: WATI_PROVIDER_ID,
  });
  readProviderOptions(WATI_PROVIDER_ID, watiConversationOptionsSchema, parsed.providerOptions);
  const position = resolvePage(parsed);
  if (client.options.api === 'v3') return listV3Messages(client, number, position);
  const response = await client.call(
    {
      method: 'GET',
      path: urlPath`/api/v1/getMessages/${number}`,
      query: { pageSize: position.pageSize, pageNumber: position.pageNumber },
      operation: 'conversations.messages',
      rateLimitGroup: WATI_RATE_LIMIT_GROUPS.messageHistory,
    },
    messagesPageSchema,
  );
  const rawItems = response.data.messages?.items ?? [];
  const items = rawItems.flatMap((raw) => toConversationMessage(raw) ?? []);
  const link = response.data.link ?? response.data.messages?.link;
  const nextCursor = nextPageCursor(link, position, rawItems.length);
  return nextCursor === undefined ? { items } : { items, nextCursor };
}
