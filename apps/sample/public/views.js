// @ts-check
// Elements of the inbox: conversations in the list and messages in a conversation.
import { el, formatPhone, formatTime } from './dom.js';

/**
 * @typedef {'queued' | 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'received'} Status
 * @typedef {{ id: string, direction: 'inbound' | 'outbound', phone: string, type: string, text: string,
 *   status: Status, timestamp: string, error?: { code: string | number, title: string, message?: string } }} Message
 * @typedef {{ phone: string, name?: string, unread: number, lastMessageAt: string,
 *   lastMessage?: { direction: string, text: string, status: Status } }} Summary
 * @typedef {Summary & { messages: Map<string, Message> }} Conversation
 * @typedef {{ conversation: Summary, message: Message, replacedId?: string }} InboxChange
 */

/** Tick marks and their meaning. */
const STATUS_VIEW = /** @type {Record<Status, { mark: string, label: string }>} */ ({
  queued: { mark: '⏳', label: 'queued in the outbox' },
  accepted: { mark: '🕓', label: 'accepted by the provider' },
  sent: { mark: '✓', label: 'sent' },
  delivered: { mark: '✓✓', label: 'delivered' },
  read: { mark: '✓✓', label: 'read' },
  failed: { mark: '!', label: 'failed' },
  received: { mark: '', label: 'received' },
});

/**
 * A conversation in the list, as a button carrying its phone.
 * @param {Conversation} conversation
 * @param {string | undefined} selected
 */
export function renderConversationItem(conversation, selected) {
  return el(
    'li',
    {},
    el(
      'button',
      {
        type: 'button',
        class: conversation.phone === selected ? 'conversation-item selected' : 'conversation-item',
        'data-testid': 'conversation',
        'data-phone': conversation.phone,
        'aria-current': conversation.phone === selected ? 'true' : undefined,
      },
      el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(conversation)),
      el(
        'span',
        { class: 'conversation-text' },
        el('span', { class: 'conversation-name' }, conversation.name ?? formatPhone(conversation.phone)),
        el('span', { class: 'conversation-preview' }, previewOf(conversation)),
      ),
      el(
        'span',
        { class: 'conversation-meta' },
        el('time', { datetime: conversation.lastMessageAt }, formatTime(conversation.lastMessageAt)),
        conversation.unread > 0
          ? el(
              'span',
              { class: 'unread', 'data-testid': 'unread-badge', title: `${conversation.unread} unread` },
              String(conversation.unread),
            )
          : undefined,
      ),
    ),
  );
}

/** @param {Conversation} conversation */
function previewOf(conversation) {
  const last = conversation.lastMessage;
  if (last === undefined) return '';
  return `${last.direction === 'outbound' ? 'You: ' : ''}${last.text}`;
}

/** @param {Conversation} conversation */
function initials(conversation) {
  const words = (conversation.name ?? '').split(/\s+/).filter(Boolean);
  return words.length === 0
    ? '#'
    : words
        .slice(0, 2)
        .map((word) => word[0]?.toUpperCase() ?? '')
        .join('');
}

/** @param {Message} message */
export function renderMessage(message) {
  const view = STATUS_VIEW[message.status];
  const failure =
    message.error === undefined
      ? undefined
      : `${message.error.title}${message.error.message ? `: ${message.error.message}` : ''}`;
  return el(
    'li',
    {
      class: `message ${message.direction}`,
      'data-testid': 'message',
      'data-message-id': message.id,
      'data-direction': message.direction,
      'data-status': message.status,
    },
    el('p', { class: 'message-text', 'data-testid': 'message-text' }, message.text),
    failure === undefined ? undefined : el('p', { class: 'message-error' }, failure),
    el(
      'footer',
      { class: 'message-meta' },
      message.type === 'text' ? undefined : el('span', { class: 'message-type' }, message.type),
      el('time', { datetime: message.timestamp }, formatTime(message.timestamp)),
      message.direction === 'outbound'
        ? el(
            'span',
            {
              class: `ticks ticks-${message.status}`,
              'data-testid': 'message-status',
              title: view.label,
              'aria-label': view.label,
            },
            view.mark,
          )
        : undefined,
    ),
  );
}
