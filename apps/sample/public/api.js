// @ts-check

/**
 * @typedef {{ path: string, message: string }} FieldIssue
 * @typedef {{ code: string, message: string, issues?: FieldIssue[], capability?: string }} ApiErrorBody
 */

/** A failed API call, with the server's `{ error }` body. */
export class ApiRequestError extends Error {
  /**
   * @param {number} status
   * @param {ApiErrorBody} body
   */
  constructor(status, body) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

/**
 * Calls the app's JSON API; rejects with an {@link ApiRequestError} for a non-2xx answer. A 401
 * `unauthorized` (the server requires its access token, and this browser's login is missing or
 * over) also sends the page to the login.
 * @param {string} path
 * @param {unknown} [body] sent as JSON with POST when given
 * @returns {Promise<any>}
 */
export async function api(path, body) {
  const response = await fetch(
    path,
    body === undefined
      ? { headers: { accept: 'application/json' } }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        },
  );
  const text = await response.text();
  /** @type {any} */
  let json;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    json = { error: { code: 'bad_response', message: `HTTP ${response.status}: ${text.slice(0, 200)}` } };
  }
  if (response.status === 401 && json.error?.code === 'unauthorized') location.assign('/login');
  if (!response.ok) {
    throw new ApiRequestError(
      response.status,
      json.error ?? { code: 'http_error', message: `HTTP ${response.status}` },
    );
  }
  return json;
}

/**
 * Shows an error in `box`, with one line per offending field, and marks the fields of `form` whose
 * `data-path` an issue names.
 * @param {HTMLElement} box
 * @param {HTMLFormElement} form
 * @param {unknown} error
 */
export function showError(box, form, error) {
  clearError(box, form);
  const body =
    error instanceof ApiRequestError ? error.body : { code: 'network_error', message: String(error) };
  box.append(document.createTextNode(body.message));
  const issues = body.issues ?? [];
  if (issues.length > 0) {
    const list = document.createElement('ul');
    for (const issue of issues) {
      const item = document.createElement('li');
      const path = document.createElement('code');
      path.textContent = issue.path || '(message)';
      item.append(path, document.createTextNode(`: ${issue.message}`));
      item.dataset.testid = 'error-issue';
      list.append(item);
      for (const field of form.querySelectorAll('[data-path]')) {
        const fieldPath = field.getAttribute('data-path') ?? '';
        if (issue.path !== '' && (issue.path === fieldPath || issue.path.startsWith(`${fieldPath}.`))) {
          field.setAttribute('aria-invalid', 'true');
        }
      }
    }
    box.append(list);
  }
  box.hidden = false;
}

/**
 * @param {HTMLElement} box
 * @param {HTMLFormElement} form
 */
export function clearError(box, form) {
  box.replaceChildren();
  box.hidden = true;
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
}
