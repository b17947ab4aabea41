/**
 * Where a message stands: `received` for inbound ones, the delivery status for outbound ones, and
 * `queued` for one waiting in the outbox (with `REDIS_URL`) until a worker sends it.
 */
export type InboxStatus = 'queued' | 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';

/** A message of a conversation, as the inbox shows it. */
export interface InboxMessage {
  /** `SendResult.id` for outbound messages, the provider's message id for inbound ones. */
  id: string;
  direction: 'inbound' | 'outbound';
  /** The contact's number (digits), or the user id of a WhatsApp user who hides their number. */
  phone: string;
  /** The message type: `text`, `image`, `template`, `button_reply`, … */
  type: string;
  /** A readable rendering of the content. */
  text: string;
  status: InboxStatus;
  /** Every id the provider gave the message; status events may name any of them. */
  providerIds: Record<string, string>;
  /** ISO 8601. */
  timestamp: string;
  /** Why delivery failed, from the `failed` status event (or the outbox, when it gave up). */
  error?: { code: string | number; title: string; message?: string };
  /** The outbox job that sent (or is to send) the message, when it went through the outbox. */
  jobId?: string;
}

/** A conversation in the inbox's list. */
export interface ConversationSummary {
  phone: string;
  name?: string;
  unread: number;
  /** ISO 8601 time of the newest message. */
  lastMessageAt: string;
  lastMessage?: Pick<InboxMessage, 'direction' | 'text' | 'status'>;
}

/** A conversation with its messages, oldest first. */
export interface ConversationDetail extends ConversationSummary {
  messages: InboxMessage[];
}

/** What changed in the inbox: one message added or updated, and its conversation. */
export interface InboxChange {
  conversation: ConversationSummary;
  message: InboxMessage;
  /** The id the message was shown under until now: a queued message takes its `SendResult.id` once sent. */
  replacedId?: string;
}
