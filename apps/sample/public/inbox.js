// @ts-check
import { api } from './api.js';
import { setupComposer } from './composer.js';
import { byId, el, formatPhone } from './dom.js';
import { setupRoutingPanel } from './routing-panel.js';
import { setupSandboxPanel } from './sandbox-panel.js';
import { renderConversationItem, renderMessage } from './views.js';

/**
 * @typedef {import('./views.js').Message} Message
 * @typedef {import('./views.js').Conversation} Conversation
 * @typedef {import('./views.js').InboxChange} InboxChange
 */

/** Statuses only move forward, whatever order events arrive in. */
const RANK = { queued: 0, received: 0, accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/** @type {Map<string, Conversation>} */
const conversations = new Map();
/** @type {string | undefined} */
let selected;
/** Whether the conversations have been loaded: the page first says it is loading them. */
let snapshotLoaded = false;

const list = byId('conversation-list', HTMLUListElement);
const listEmpty = byId('conversation-empty', HTMLElement);
const messagesBox = byId('messages', HTMLOListElement);
const messagesEmpty = byId('messages-empty', HTMLElement);
const title = byId('conversation-title', HTMLElement);
const phoneLine = byId('conversation-phone', HTMLElement);
const connection = /** @type {HTMLElement} */ (document.querySelector('[data-testid="connection-state"]'));

/** @param {InboxChange} change */
function applyChange({ conversation: summary, message, replacedId }) {
  let conversation = conversations.get(summary.phone);
  if (conversation === undefined) {
    conversation = { ...summary, messages: new Map() };
    conversations.set(summary.phone, conversation);
  }
  // A queued message that was sent now goes by its SendResult id.
  if (replacedId !== undefined) conversation.messages.delete(replacedId);
  const known = conversation.messages.get(message.id);
  if (known === undefined || RANK[message.status] >= RANK[known.status])
    conversation.messages.set(message.id, message);
  if (summary.lastMessageAt >= conversation.lastMessageAt) {
    Object.assign(conversation, summary, { messages: conversation.messages });
  }
  if (summary.phone === selected && message.direction === 'inbound') markRead(summary.phone);
}

function render() {
  renderList();
  renderConversation();
}

function renderList() {
  const sorted = [...conversations.values()].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
  list.replaceChildren(...sorted.map((conversation) => renderConversationItem(conversation, selected)));
  listEmpty.hidden = sorted.length > 0;
  // Until the snapshot is in, an empty list means "not loaded yet", not "no conversations".
  if (snapshotLoaded) listEmpty.textContent = 'No conversations yet.';
}

function renderConversation() {
  const conversation = selected === undefined ? undefined : conversations.get(selected);
  if (conversation === undefined) {
    title.textContent = selected === undefined ? 'No conversation selected' : formatPhone(selected);
    phoneLine.textContent = '';
    messagesBox.replaceChildren();
    messagesEmpty.hidden = false;
    return;
  }
  title.textContent = conversation.name ?? formatPhone(conversation.phone);
  phoneLine.textContent = conversation.name === undefined ? '' : formatPhone(conversation.phone);
  const stickToBottom = messagesBox.scrollHeight - messagesBox.scrollTop - messagesBox.clientHeight < 40;
  messagesBox.replaceChildren(
    ...[...conversation.messages.values()]
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
      .map(renderMessage),
  );
  messagesEmpty.hidden = conversation.messages.size > 0;
  if (stickToBottom) messagesBox.scrollTop = messagesBox.scrollHeight;
}

/** @param {string | undefined} phone */
function select(phone) {
  selected = phone;
  composer?.setRecipient(phone ?? '');
  // In the sandbox, the selected contact is the one most likely to answer.
  const from = document.querySelector('[data-testid="sandbox-from"]');
  const name = document.querySelector('[data-testid="sandbox-name"]');
  if (phone !== undefined && from instanceof HTMLInputElement && name instanceof HTMLInputElement) {
    from.value = phone;
    name.value = conversations.get(phone)?.name ?? '';
  }
  if (phone !== undefined) markRead(phone);
  render();
}

/** @param {string} phone */
function markRead(phone) {
  const conversation = conversations.get(phone);
  if (conversation === undefined || conversation.unread === 0) return;
  conversation.unread = 0;
  api(`/api/conversations/${encodeURIComponent(phone)}/read`, {}).catch(() => undefined);
}

list.addEventListener('click', (event) => {
  const button = /** @type {HTMLElement} */ (event.target).closest('button[data-phone]');
  if (button !== null) select(button.getAttribute('data-phone') ?? undefined);
});
byId('new-conversation', HTMLButtonElement).addEventListener('click', () => {
  select(undefined);
  composer?.focus();
});

/** @type {ReturnType<typeof setupComposer> | undefined} */
let composer;

async function start() {
  const capabilities = await api('/api/capabilities');
  document.querySelector('[data-testid="provider-badge"]')?.replaceChildren(capabilities.providerLabel);
  document
    .querySelector('[data-testid="transport-badge"]')
    ?.replaceChildren(`transport: ${capabilities.transport}`);
  const mode = /** @type {HTMLElement} */ (document.querySelector('[data-testid="mode-badge"]'));
  mode.textContent = capabilities.sandbox ? 'sandbox' : 'live';
  mode.classList.add(capabilities.sandbox ? 'badge-sandbox' : 'badge-live');
  mode.title = capabilities.sandbox
    ? 'Sandbox: an emulator answers on this machine; nothing reaches WhatsApp'
    : 'Live: messages go to real WhatsApp users';

  composer = setupComposer({
    form: byId('composer', HTMLFormElement),
    errorBox: byId('composer-error', HTMLElement),
    note: byId('unsupported-note', HTMLElement),
    capabilities,
    onSent: (result) => select(result.to),
  });
  if (capabilities.sandbox) await setupSandboxPanel();
  if (capabilities.routing !== undefined) await setupRoutingPanel();
  // A server with an access token: this browser is logged in, so offer to log out.
  api('/api/session')
    .then((session) => {
      byId('logout-form', HTMLFormElement).hidden = !(
        session.authentication === 'token' && session.via === 'session'
      );
    })
    .catch(() => undefined);

  // Subscribe before loading the snapshot, and apply what arrives meanwhile afterwards: changes are
  // idempotent, so nothing between the two is lost.
  /** @type {InboxChange[] | undefined} */
  let pending = [];
  const events = new EventSource('/api/events');
  events.addEventListener('inbox', (event) => {
    const change = JSON.parse(/** @type {MessageEvent} */ (event).data);
    if (pending === undefined) {
      applyChange(change);
      render();
    } else pending.push(change);
  });
  events.addEventListener('open', () => setConnection('live'));
  events.addEventListener('error', () => {
    const closed = events.readyState === EventSource.CLOSED;
    setConnection(closed ? 'closed' : 'reconnecting');
    // EventSource gives up on a 401 without saying why; asking the API sends the page to the login if that was it.
    if (closed) api('/api/session').catch(() => undefined);
  });

  const snapshot = await api('/api/conversations');
  for (const conversation of snapshot.conversations) {
    const { messages, ...summary } = conversation;
    for (const message of messages) applyChange({ conversation: summary, message });
  }
  for (const change of pending) applyChange(change);
  pending = undefined;
  snapshotLoaded = true;
  render();
}

/** @param {string} state */
function setConnection(state) {
  connection.dataset.state = state;
  connection.textContent = state;
}

start().catch((error) => {
  setConnection('error');
  if (!snapshotLoaded) listEmpty.textContent = 'The conversations could not be loaded.';
  document.body.prepend(
    el(
      'p',
      { class: 'fatal', role: 'alert' },
      `The inbox could not start: ${String(error.message ?? error)}`,
    ),
  );
});
