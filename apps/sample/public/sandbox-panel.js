// @ts-check
import { api, clearError, showError } from './api.js';
import { byId, el } from './dom.js';

/**
 * Shows the sandbox panel: the demo contacts as suggestions, and a form that has a contact write
 * to the business through the emulator (and so through the app's real webhook endpoint).
 */
export async function setupSandboxPanel() {
  const panel = byId('sandbox-panel', HTMLElement);
  const form = byId('sandbox-form', HTMLFormElement);
  const errorBox = /** @type {HTMLElement} */ (form.querySelector('[data-testid="sandbox-error"]'));
  const { contacts } = await api('/api/sandbox');
  byId('demo-contacts', HTMLDataListElement).replaceChildren(
    ...contacts.map((/** @type {{ phone: string, name: string }} */ contact) =>
      el('option', { value: contact.phone }, contact.name),
    ),
  );
  const field = (/** @type {string} */ name) =>
    /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
  field('from').addEventListener('change', () => {
    const contact = contacts.find(
      (/** @type {{ phone: string }} */ candidate) => candidate.phone === field('from').value.trim(),
    );
    if (contact !== undefined && field('name').value === '') field('name').value = contact.name;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError(errorBox, form);
    const name = field('name').value.trim();
    try {
      await api('/api/sandbox/inbound', {
        from: field('from').value.trim(),
        text: field('text').value,
        ...(name ? { name } : {}),
      });
      field('text').value = '';
    } catch (error) {
      showError(errorBox, form, error);
    }
  });
  panel.hidden = false;
}
