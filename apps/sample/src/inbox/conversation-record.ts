// The inbox's conversation records and the copies of them it hands out.
import type { ConversationDetail, ConversationSummary, InboxMessage } from './inbox-types.js';

/**
 * Characters of a message's text kept in the inbox: WhatsApp's own limit for a text message, so no
 * real message is cut, while a forged webhook cannot make one entry megabytes long.
 */
const MAX_TEXT_LENGTH = 4096;

/** A conversation as the store keeps it. */
export interface Conversation {
  phone: string;
  name: string | undefined;
  unread: number;
  lastMessageAt: string;
  messages: InboxMessage[];
}

/** `text`, cut at the inbox's limit. */
export function bounded(text: string): string {
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
}

/** A copy the caller may keep: the store's own record stays private. */
export function copy(message: InboxMessage): InboxMessage {
  return { ...message, providerIds: { ...message.providerIds } };
}

/** Every id a status event may name the message by. */
export function keysOf(message: InboxMessage): string[] {
  return [message.id, ...Object.values(message.providerIds)];
}

/** The conversation as the list shows it. */
export function summarize(conversation: Conversation): ConversationSummary {
  const last = conversation.messages.at(-1);
  return {
    phone: conversation.phone,
    ...(conversation.name === undefined ? {} : { name: conversation.name }),
    unread: conversation.unread,
    lastMessageAt: conversation.lastMessageAt,
    ...(last === undefined
      ? {}
      : { lastMessage: { direction: last.direction, text: last.text, status: last.status } }),
  };
}

/** The conversation with copies of its messages. */
export function detail(conversation: Conversation): ConversationDetail {
  return { ...summarize(conversation), messages: conversation.messages.map(copy) };
}
