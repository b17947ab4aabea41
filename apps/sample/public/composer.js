// @ts-check
import { api, clearError, showError } from './api.js';
import { el } from './dom.js';

/**
 * @typedef {{ name: string, language: string, status: string, parameterFormat: 'positional' | 'named',
 *   parameterNames: string[], components: { type: string, text?: string }[] }} Template
 * @typedef {{ provider: string, providerLabel: string, transport: string, sandbox: boolean, routing?: string[], capabilities: string[] }} Capabilities
 */

/** Names of composer types, for the "unavailable" note. */
const TYPE_LABELS = /** @type {Record<string, string>} */ ({
  text: 'text',
  image: 'images',
  buttons: 'buttons',
  location: 'locations',
  cta_url: 'link buttons',
  location_request: 'location requests',
  template: 'templates',
});

/** Pages of 100 templates fetched at most. */
const MAX_TEMPLATE_PAGES = 20;

/**
 * Wires the composer: one fieldset per message type, types the provider lacks disabled with a
 * tooltip, templates loaded from /api/templates with an input per parameter, and errors shown
 * inline next to the fields they name.
 * @param {{ form: HTMLFormElement, errorBox: HTMLElement, note: HTMLElement, capabilities: Capabilities,
 *   onSent: (result: { id: string, to: string }) => void }} options
 */
export function setupComposer({ form, errorBox, note, capabilities, onSent }) {
  const typeSelect = /** @type {HTMLSelectElement} */ (form.elements.namedItem('type'));
  const templateSelect = /** @type {HTMLSelectElement} */ (form.elements.namedItem('template'));
  const paramsBox = /** @type {HTMLElement} */ (form.querySelector('#template-params'));
  const preview = /** @type {HTMLElement} */ (form.querySelector('#template-preview'));
  const sendButton = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
  const supported = new Set(capabilities.capabilities);
  /** @type {Template[]} */
  let templates = [];
  /** Templates are fetched once, when the template type is first chosen (again after a failure). */
  let templatesRequested = false;

  const unavailable = [];
  for (const option of typeSelect.options) {
    const capability = option.dataset.capability ?? '';
    if (supported.has(capability)) continue;
    option.disabled = true;
    option.title = `${capabilities.providerLabel} cannot send ${TYPE_LABELS[option.value] ?? option.value} (${capability})`;
    unavailable.push(option.textContent ?? option.value);
  }
  if (unavailable.length > 0) {
    note.textContent = `Not available on ${capabilities.providerLabel}: ${unavailable.join(', ')}.`;
    note.hidden = false;
  }

  const showType = () => {
    for (const fieldset of form.querySelectorAll('fieldset[data-type]')) {
      /** @type {HTMLFieldSetElement} */ (fieldset).hidden =
        fieldset.getAttribute('data-type') !== typeSelect.value;
    }
    if (typeSelect.value === 'template' && !templatesRequested) {
      templatesRequested = true;
      void loadTemplates();
    }
  };
  typeSelect.addEventListener('change', () => {
    clearError(errorBox, form);
    showType();
  });
  showType();

  async function loadTemplates() {
    templateSelect.replaceChildren(el('option', { value: '' }, 'Loading templates…'));
    try {
      templates = await fetchAllTemplates();
      templateSelect.replaceChildren(
        el('option', { value: '' }, templates.length === 0 ? 'No templates' : 'Choose a template'),
        ...templates.map((template, index) =>
          el(
            'option',
            {
              value: String(index),
              disabled: template.status !== 'approved',
              title:
                template.status === 'approved'
                  ? undefined
                  : `Status ${template.status}: only approved templates can be sent`,
            },
            `${template.name} (${template.language})${template.status === 'approved' ? '' : ` · ${template.status}`}`,
          ),
        ),
      );
      renderParameters();
    } catch (error) {
      templatesRequested = false;
      templateSelect.replaceChildren(el('option', { value: '' }, 'Could not load templates'));
      showError(errorBox, form, error);
    }
  }

  /**
   * Every page of the provider's templates: an account may have hundreds (WhatsApp allows 250 per
   * account, more once verified), more than one page holds. Capped so a looping cursor cannot hang the page.
   * @returns {Promise<Template[]>}
   */
  async function fetchAllTemplates() {
    /** @type {Template[]} */
    const all = [];
    /** @type {string | undefined} */
    let cursor;
    for (let pages = 0; pages < MAX_TEMPLATE_PAGES; pages++) {
      const query = cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await api(`/api/templates?pageSize=100${query}`);
      all.push(...page.items);
      cursor = page.nextCursor;
      if (cursor === undefined) break;
    }
    return all;
  }

  /** @returns {Template | undefined} */
  const selectedTemplate = () =>
    templateSelect.value === '' ? undefined : templates[Number(templateSelect.value)];

  function renderParameters() {
    const template = selectedTemplate();
    const body = template?.components.find((component) => component.type === 'body');
    preview.textContent = body?.text ?? '';
    paramsBox.replaceChildren(
      ...(template?.parameterNames ?? []).map((name, index) =>
        el(
          'label',
          {},
          `{{${name}}}`,
          el('input', {
            name: `param-${index}`,
            autocomplete: 'off',
            'data-param': name,
            'data-path': `template.parameters.${template?.parameterFormat === 'named' ? name : index}`,
            'data-testid': `template-param-${name}`,
          }),
        ),
      ),
    );
  }
  templateSelect.addEventListener('change', renderParameters);

  /** @param {string} name */
  const value = (name) => {
    const field = form.elements.namedItem(name);
    return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement
      ? field.value.trim()
      : '';
  };

  /** The neutral OutboundMessage for the chosen type; the server validates it. */
  function buildMessage() {
    const to = value('to');
    switch (typeSelect.value) {
      case 'image':
        return {
          type: 'image',
          to,
          media: { url: value('imageUrl') },
          ...(value('caption') ? { caption: value('caption') } : {}),
        };
      case 'buttons':
        return {
          type: 'buttons',
          to,
          body: value('body'),
          buttons: ['button0', 'button1', 'button2']
            .map((name) => value(name))
            .filter((title) => title !== '')
            .map((title, index) => ({ id: `button-${index + 1}`, title })),
        };
      case 'location': {
        const number = (/** @type {string} */ name) => (value(name) === '' ? undefined : Number(value(name)));
        return {
          type: 'location',
          to,
          latitude: number('latitude'),
          longitude: number('longitude'),
          ...(value('locationName') ? { name: value('locationName') } : {}),
        };
      }
      case 'cta_url':
        return {
          type: 'cta_url',
          to,
          body: value('ctaBody'),
          buttonText: value('ctaButtonText'),
          url: value('ctaUrl'),
        };
      case 'location_request':
        return { type: 'location_request', to, body: value('locationRequestBody') };
      case 'template': {
        const template = selectedTemplate();
        const inputs = [...paramsBox.querySelectorAll('input[data-param]')].map((input) => ({
          name: input.getAttribute('data-param') ?? '',
          value: /** @type {HTMLInputElement} */ (input).value,
        }));
        const parameters =
          template?.parameterFormat === 'named'
            ? Object.fromEntries(inputs.map((input) => [input.name, input.value]))
            : inputs.map((input) => input.value);
        return {
          type: 'template',
          to,
          template: {
            name: template?.name ?? '',
            language: template?.language ?? 'en_US',
            ...(inputs.length > 0 ? { parameters } : {}),
          },
        };
      }
      default:
        return { type: 'text', to, text: value('text') };
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError(errorBox, form);
    sendButton.disabled = true;
    try {
      const result = await api('/api/messages', buildMessage());
      for (const name of ['text', 'caption', 'body', 'ctaBody', 'locationRequestBody']) {
        const field = form.elements.namedItem(name);
        if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.value = '';
      }
      onSent(result);
    } catch (error) {
      showError(errorBox, form, error);
    } finally {
      sendButton.disabled = false;
    }
  });

  return {
    /** @param {string} phone */
    setRecipient(phone) {
      const field = /** @type {HTMLInputElement} */ (form.elements.namedItem('to'));
      field.value = phone === '' ? '' : `+${phone}`;
    },
    focus() {
      /** @type {HTMLInputElement} */ (form.elements.namedItem('to')).focus();
    },
  };
}
