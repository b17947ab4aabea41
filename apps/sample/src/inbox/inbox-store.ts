import type { InboundEvent, InboundMessageEvent, InboundStatusEvent } from '@switchboard/core';
import { bounded, type Conversation, copy, detail, keysOf, summarize } from './conversation-record.js';
import { describeInboundEvent } from './describe-message.js';
import type { ConversationDetail, ConversationSummary, InboxChange, InboxMessage } from './inbox-types.js';
import { applyStatus, isNewerStatus } from './message-status.js';

/** Options of {@link InboxStore}. */
export interface InboxStoreOptions {
  /** Conversations kept; the least recently active one goes first. Default 500. */
  maxConversations?: number;
  /** Messages kept per conversation; the oldest go first. Default 200. */
  maxMessagesPerConversation?: number;
  /** Names to show for numbers before their first message carries one (e.g. the sandbox contacts). */
  knownNames?: ReadonlyMap<string, string>;
}

/** What {@link InboxStore.recordOutbound} needs to know of an accepted send. */
export interface OutboundRecord {
  /** `SendResult.id`. */
  id: string;
  /** `SendResult.to`: the recipient, normalized digits. */
  to: string;
  type: string;
  text: string;
  providerIds?: Record<string, string>;
}

/** What {@link InboxStore.recordQueued} needs to know of a message the outbox holds. */
export interface QueuedRecord {
  jobId: string;
  /** The recipient, normalized digits (or a user id). */
  to: string;
  type: string;
  text: string;
}

/** How an outbox job ended. */
type JobOutcome =
  | { sent: { id: string; providerIds?: Record<string, string> } }
  | { failed: { code: string; message: string } };

/**
 * Ids of statuses whose message is not known yet (a webhook may beat the send's response), and of
 * outbox outcomes whose job is not recorded yet; bounded.
 */
const MAX_EARLY_STATUSES = 500;
/** Settled jobs remembered against a repeated idempotency key: far more than a retry window sends. */
const MAX_SETTLED_JOBS = 10_000;

/** Drops the oldest entries of a Map or Set (insertion order) until at most `max` are left. */
function keepNewest<K>(entries: Map<K, unknown> | Set<K>, max: number): void {
  for (const oldest of entries.keys()) {
    if (entries.size <= max) return;
    entries.delete(oldest);
  }
}

/**
 * The inbox's state, in memory: conversations keyed by phone, their messages, and the delivery
 * status of each outbound message, updated from status events by `messageId` or any of the
 * message's `providerIds`. Bounded, so a long-running sandbox does not grow without limit.
 */
export class InboxStore {
  readonly #conversations = new Map<string, Conversation>();
  /** Outbound messages by `id` and by each provider id. */
  readonly #outbound = new Map<string, InboxMessage>();
  readonly #earlyStatuses = new Map<string, InboundStatusEvent>();
  /** Messages waiting in the outbox, by job id, until the worker sent them or gave up. */
  readonly #queued = new Map<string, InboxMessage>();
  /** Outcomes of jobs not recorded yet (the worker may finish before `enqueue` returns); bounded. */
  readonly #earlyOutcomes = new Map<string, JobOutcome>();
  /**
   * The most recent jobs recorded and then settled, oldest first; bounded. A repeated idempotency key
   * records its job again, often after the worker sent it: without this, that job was shown twice.
   */
  readonly #settledJobs = new Set<string>();
  readonly #maxConversations: number;
  readonly #maxMessages: number;
  readonly #knownNames: ReadonlyMap<string, string>;

  constructor(options: InboxStoreOptions = {}) {
    this.#maxConversations = options.maxConversations ?? 500;
    this.#maxMessages = options.maxMessagesPerConversation ?? 200;
    this.#knownNames = options.knownNames ?? new Map();
  }

  /** Adds a message the provider accepted, with any status that arrived before it. */
  recordOutbound(record: OutboundRecord, now: Date = new Date()): InboxChange {
    const message: InboxMessage = {
      id: record.id,
      direction: 'outbound',
      phone: record.to,
      type: record.type,
      text: bounded(record.text),
      status: 'accepted',
      providerIds: { ...record.providerIds },
      timestamp: now.toISOString(),
    };
    const conversation = this.#append(message);
    this.#indexOutbound(message);
    return { conversation: summarize(conversation), message: copy(message) };
  }

  /**
   * Adds a message the outbox holds (status `queued`, shown under `queued:<jobId>`). Recording the
   * same job again (a repeated idempotency key) changes nothing and returns `undefined`.
   */
  recordQueued(record: QueuedRecord, now: Date = new Date()): InboxChange | undefined {
    if (this.#queued.has(record.jobId) || this.#settledJobs.has(record.jobId)) return undefined;
    const message: InboxMessage = {
      id: `queued:${record.jobId}`,
      direction: 'outbound',
      phone: record.to,
      type: record.type,
      text: bounded(record.text),
      status: 'queued',
      providerIds: {},
      timestamp: now.toISOString(),
      jobId: record.jobId,
    };
    const conversation = this.#append(message);
    this.#queued.set(record.jobId, message);
    const early = this.#earlyOutcomes.get(record.jobId);
    this.#earlyOutcomes.delete(record.jobId);
    const settled =
      early === undefined
        ? undefined
        : 'sent' in early
          ? this.markQueuedSent(record.jobId, early.sent)
          : this.markQueuedFailed(record.jobId, early.failed);
    return settled ?? { conversation: summarize(conversation), message: copy(message) };
  }

  /**
   * The outbox's worker sent job `jobId`: its message takes the `SendResult`'s id and provider ids
   * (status `accepted`, or any newer status that arrived first). `undefined` for a job not recorded
   * yet: its outcome is kept for `recordQueued` (the worker may finish before `enqueue` returns).
   */
  markQueuedSent(
    jobId: string,
    result: { id: string; providerIds?: Record<string, string> },
  ): InboxChange | undefined {
    const message = this.#queued.get(jobId);
    if (message === undefined)
      return this.#settledJobs.has(jobId) ? undefined : this.#rememberOutcome(jobId, { sent: result });
    this.#settle(jobId);
    const replacedId = message.id;
    message.id = result.id;
    message.status = 'accepted';
    Object.assign(message.providerIds, result.providerIds);
    this.#indexOutbound(message);
    const conversation = this.#conversations.get(message.phone);
    return conversation === undefined
      ? undefined
      : { conversation: summarize(conversation), message: copy(message), replacedId };
  }

  /** The outbox gave up on job `jobId`: its message is `failed`, with the neutral code and why. */
  markQueuedFailed(jobId: string, error: { code: string; message: string }): InboxChange | undefined {
    const message = this.#queued.get(jobId);
    if (message === undefined)
      return this.#settledJobs.has(jobId) ? undefined : this.#rememberOutcome(jobId, { failed: error });
    this.#settle(jobId);
    message.status = 'failed';
    message.error = { code: error.code, title: error.message };
    const conversation = this.#conversations.get(message.phone);
    return conversation === undefined
      ? undefined
      : { conversation: summarize(conversation), message: copy(message) };
  }

  /**
   * Applies a webhook event: a message joins its conversation (unread), a status updates the message
   * it reports on. Returns what changed, `undefined` for events that change nothing (unknown events,
   * a status that is not newer than the one shown).
   */
  applyEvent(event: InboundEvent): InboxChange | undefined {
    if (event.kind === 'message') return this.#receive(event);
    if (event.kind === 'status') return this.#updateStatus(event);
    return undefined;
  }

  /** Marks a conversation read; `undefined` when there is no such conversation. */
  markRead(phone: string): ConversationSummary | undefined {
    const conversation = this.#conversations.get(phone);
    if (conversation === undefined) return undefined;
    conversation.unread = 0;
    return summarize(conversation);
  }

  /** The newest inbound message of a conversation, to mark read at the provider. */
  lastInbound(phone: string): InboxMessage | undefined {
    return this.#conversations.get(phone)?.messages.findLast((message) => message.direction === 'inbound');
  }

  /** Every conversation, most recently active first. */
  conversations(): ConversationSummary[] {
    return this.#sorted().map(summarize);
  }

  /** One conversation with its messages, oldest first. */
  conversation(phone: string): ConversationDetail | undefined {
    const conversation = this.#conversations.get(phone);
    return conversation === undefined ? undefined : detail(conversation);
  }

  /** Every conversation with its messages, most recently active first. */
  snapshot(): ConversationDetail[] {
    return this.#sorted().map(detail);
  }

  #receive(event: InboundMessageEvent): InboxChange {
    const phone = event.from ?? event.fromUserId ?? 'unknown';
    const message: InboxMessage = {
      id: event.id,
      direction: 'inbound',
      phone,
      type: event.message.type,
      text: bounded(describeInboundEvent(event)),
      status: 'received',
      providerIds: { ...event.providerIds },
      timestamp: event.timestamp.toISOString(),
    };
    const conversation = this.#append(message, event.contactName);
    conversation.unread += 1;
    return { conversation: summarize(conversation), message: copy(message) };
  }

  #updateStatus(event: InboundStatusEvent): InboxChange | undefined {
    const message = [event.messageId, ...Object.values(event.providerIds)]
      .map((id) => this.#outbound.get(id))
      .find((candidate) => candidate !== undefined);
    if (message === undefined) {
      this.#rememberEarly(event);
      return undefined;
    }
    if (!applyStatus(message, event)) return undefined;
    for (const key of keysOf(message)) this.#outbound.set(key, message);
    const conversation = this.#conversations.get(message.phone);
    return conversation === undefined
      ? undefined
      : { conversation: summarize(conversation), message: copy(message) };
  }

  /** Keeps a status for a message not recorded yet, under each id it names, the newest status winning. */
  #rememberEarly(event: InboundStatusEvent): void {
    for (const key of new Set([event.messageId, ...Object.values(event.providerIds)])) {
      const current = this.#earlyStatuses.get(key);
      if (current !== undefined && !isNewerStatus(event.status, current.status)) continue;
      this.#earlyStatuses.delete(key);
      this.#earlyStatuses.set(key, event);
    }
    keepNewest(this.#earlyStatuses, MAX_EARLY_STATUSES);
  }

  #append(message: InboxMessage, name?: string): Conversation {
    let conversation = this.#conversations.get(message.phone);
    if (conversation === undefined) {
      conversation = {
        phone: message.phone,
        name: this.#knownNames.get(message.phone),
        unread: 0,
        lastMessageAt: message.timestamp,
        messages: [],
      };
      this.#conversations.set(message.phone, conversation);
      this.#evictConversations();
    }
    if (name) conversation.name = name;
    conversation.messages.push(message);
    if (message.timestamp > conversation.lastMessageAt) conversation.lastMessageAt = message.timestamp;
    while (conversation.messages.length > this.#maxMessages) {
      const dropped = conversation.messages.shift();
      if (dropped !== undefined) this.#forget(dropped);
    }
    return conversation;
  }

  #evictConversations(): void {
    while (this.#conversations.size > this.#maxConversations) {
      const oldest = this.#sorted().at(-1);
      if (oldest === undefined) return;
      this.#conversations.delete(oldest.phone);
      for (const message of oldest.messages) this.#forget(message);
    }
  }

  /** Job `jobId` is no longer queued: remembered as settled, among the most recent ones. */
  #settle(jobId: string): void {
    this.#queued.delete(jobId);
    this.#settledJobs.add(jobId);
    keepNewest(this.#settledJobs, MAX_SETTLED_JOBS);
  }

  /** Keeps the outcome of a job not recorded (yet), the oldest going first past the bound; `undefined`. */
  #rememberOutcome(jobId: string, outcome: JobOutcome): undefined {
    this.#earlyOutcomes.set(jobId, outcome);
    keepNewest(this.#earlyOutcomes, MAX_EARLY_STATUSES);
    return undefined;
  }

  /** Indexes an outbound message by each of its ids, after applying the statuses that came first. */
  #indexOutbound(message: InboxMessage): void {
    for (const key of keysOf(message)) {
      const early = this.#earlyStatuses.get(key);
      if (early !== undefined) applyStatus(message, early);
    }
    // Early statuses may have brought more ids: index the message by all of them.
    for (const key of keysOf(message)) {
      this.#earlyStatuses.delete(key);
      this.#outbound.set(key, message);
    }
  }

  #forget(message: InboxMessage): void {
    if (message.direction !== 'outbound') return;
    if (message.jobId !== undefined && this.#queued.get(message.jobId) === message)
      this.#queued.delete(message.jobId);
    for (const key of keysOf(message)) if (this.#outbound.get(key) === message) this.#outbound.delete(key);
  }

  #sorted(): Conversation[] {
    return [...this.#conversations.values()].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
  }
}
