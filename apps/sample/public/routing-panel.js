// @ts-check
import { ApiRequestError, api } from './api.js';
import { byId, el, formatPhone, formatTime } from './dom.js';

/**
 * @typedef {{ state: 'open', closesAt: string } | { state: 'closed', closedAt: string } | { state: 'unknown' }} WindowState
 * @typedef {{
 *   providers: { id: string, label: string }[],
 *   canFailPrimary: boolean,
 *   primaryFailing: boolean,
 *   failovers: { at: string, provider: string, code: string }[],
 *   conversations: { phone: string, name?: string, windows: Record<string, WindowState> }[],
 * }} RoutingState
 */

/** How often the panel refreshes while the page is open. */
const REFRESH_MS = 2000;

/**
 * @param {WindowState | undefined} window
 * @returns {string}
 */
function describeWindow(window) {
  if (window === undefined || window.state === 'unknown') return 'no message yet: template required';
  if (window.state === 'open') return `open until ${formatTime(window.closesAt)}`;
  return 'closed: template required';
}

/**
 * Shows the router panel when the app runs on several providers (`"providers"` in the config): the
 * order of the providers, a switch that makes the primary's emulator answer 503 (sandbox), the
 * latest failovers, and the 24-hour window of each conversation with each provider.
 */
export async function setupRoutingPanel() {
  /** @type {RoutingState} */
  let state;
  try {
    state = await api('/api/routing');
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return; // one provider: no router
    throw error;
  }
  const panel = byId('routing-panel', HTMLElement);
  const order = byId('routing-order', HTMLElement);
  const toggle = byId('routing-fail-primary', HTMLButtonElement);
  const failovers = byId('routing-failovers', HTMLUListElement);
  const windows = byId('routing-windows', HTMLUListElement);
  const primary = state.providers[0];

  /** @param {RoutingState} next */
  const render = (next) => {
    state = next;
    order.textContent = next.providers.map((provider) => provider.label).join(' → ');
    toggle.hidden = !next.canFailPrimary;
    toggle.textContent = next.primaryFailing
      ? `Make ${primary?.label ?? 'the primary'} work again`
      : `Make ${primary?.label ?? 'the primary'} fail (503)`;
    toggle.setAttribute('aria-pressed', String(next.primaryFailing));
    failovers.replaceChildren(
      ...(next.failovers.length === 0
        ? [el('li', { class: 'hint' }, 'No failover yet.')]
        : next.failovers
            .slice(0, 5)
            .map((failover) =>
              el(
                'li',
                {},
                `${formatTime(failover.at)}: ${failover.provider} did not send (${failover.code}), next provider took it`,
              ),
            )),
    );
    windows.replaceChildren(
      ...next.conversations.map((conversation) =>
        el(
          'li',
          {},
          el('strong', {}, conversation.name ?? formatPhone(conversation.phone)),
          ...next.providers.map((provider) =>
            el(
              'div',
              { class: 'hint' },
              `${provider.label}: ${describeWindow(conversation.windows[provider.id])}`,
            ),
          ),
        ),
      ),
    );
  };

  toggle.addEventListener('click', async () => {
    await api('/api/routing/primary-failure', { failing: !state.primaryFailing });
    render(await api('/api/routing'));
  });
  render(state);
  panel.hidden = false;
  setInterval(() => {
    api('/api/routing').then(render, () => undefined);
  }, REFRESH_MS);
}
