import { ApiError, bodyExcerpt, type ErrorCode } from '@switchboard/core';
import { WATI_PROVIDER_ID } from './wati-options.js';
import { toBooleanValue } from './wati-values.js';

/**
 * The neutral code of a WATI failure text. WATI reports most failures as free text, so this is a
 * best-effort reading: "Ticket has been expired." (a session send outside the 24-hour window) is
 * the documented one; the template and number texts are matched loosely.
 */
export function classifyWatiFailureText(text: string): ErrorCode {
  if (/ticket[^.]*expired/i.test(text)) return 'session_window_closed';
  // "Invalid parameters for template x: missing name" is about parameters, not a missing template.
  const aboutParameters = /param/i.test(text);
  if (
    /template/i.test(text) &&
    !aboutParameters &&
    /not found|does\s*n[o']?t exist|not exist|no such|unknown template|missing/i.test(text)
  ) {
    return 'template_not_found';
  }
  if (aboutParameters && /template/i.test(text)) return 'validation_failed';
  if (
    /(invalid|not a valid|not valid)[^.]*(whats\s*app|phone|number)|number[^.]*(invalid|not on whats\s*app|not registered)/i.test(
      text,
    )
  ) {
    return 'invalid_recipient';
  }
  return 'unknown';
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return undefined;
}

/** Flattens RFC 7807 `errors` (`{ field: [messages] }`) or a list of strings/objects into one line. */
function errorsText(errors: unknown): string | undefined {
  if (Array.isArray(errors)) {
    const texts = errors
      .map((item) => asText(item) ?? failureText(item))
      .filter((item) => item !== undefined);
    return texts.length === 0 ? undefined : texts.join('; ');
  }
  if (typeof errors === 'object' && errors !== null) {
    const texts = Object.entries(errors).flatMap(([field, messages]) => {
      const list = (Array.isArray(messages) ? messages : [messages])
        .map(asText)
        .filter((item) => item !== undefined);
      return list.length === 0 ? [] : [`${field}: ${list.join(', ')}`];
    });
    return texts.length === 0 ? undefined : texts.join('; ');
  }
  return undefined;
}

/**
 * The human text of a WATI failure body: `info`, then `message` (a string), `error`, the RFC 7807
 * `title`/`detail`/`errors`, or `message.failedDetail`. `undefined` when the body says nothing.
 */
export function failureText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  const nested =
    typeof record.message === 'object' && record.message !== null
      ? (record.message as Record<string, unknown>)
      : undefined;
  const problem = [asText(record.title), asText(record.detail), errorsText(record.errors)].filter(
    (part) => part !== undefined,
  );
  return (
    asText(record.info) ??
    asText(record.message) ??
    asText(error) ??
    (typeof error === 'object' && error !== null ? failureText(error) : undefined) ??
    (problem.length > 0 ? problem.join(': ') : undefined) ??
    asText(nested?.failedDetail)
  );
}

/**
 * True when an HTTP 200 body is one of WATI's soft failures: `result: false`, `ok: false`,
 * `success: false` (V3), `result: "error"` (booleans may arrive as strings), or a non-empty `errors` list without a message.
 */
export function isWatiSoftFailure(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { ok, result, success, errors, message } = body as Record<string, unknown>;
  // V3's template send answers HTTP 200 `{ success: false, error }` for a refused request.
  if (toBooleanValue(ok) === false || toBooleanValue(result) === false || toBooleanValue(success) === false)
    return true;
  if (typeof result === 'string' && /^(error|failed|failure)$/i.test(result.trim())) return true;
  // The interactive endpoints answer `{ ok, errors: [], message: {…} }`: errors and no message is a refusal.
  return Array.isArray(errors) && errors.length > 0 && (typeof message !== 'object' || message === null);
}

/** True when a body says the number is not on WhatsApp (`validWhatsAppNumber: false`, v1; `isValidWhatsAppNumber`). */
function flagsInvalidNumber(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { validWhatsAppNumber, isValidWhatsAppNumber } = body as Record<string, unknown>;
  return toBooleanValue(validWhatsAppNumber) === false || toBooleanValue(isValidWhatsAppNumber) === false;
}

/** Where a soft failure happened, for the error message. */
export interface SoftFailureContext {
  /** What was attempted, e.g. `send.text`. */
  operation: string;
  /** The request URL, secrets redacted. */
  url: string;
  status: number;
}

// Errors made from a body in which WATI said "no", as opposed to a 2xx body that could not be read.
const softFailures = new WeakSet<object>();

/** True for an error made by {@link softFailureError}: WATI answered, and refused. */
export function isSoftFailureError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && softFailures.has(error);
}

/** The typed error of a WATI soft failure. */
export function softFailureError(body: unknown, context: SoftFailureContext): ApiError {
  const text = failureText(body);
  const classified = text === undefined ? 'unknown' : classifyWatiFailureText(text);
  const code = classified === 'unknown' && flagsInvalidNumber(body) ? 'invalid_recipient' : classified;
  const reason =
    text === undefined ? 'no reason given' : `"${text.length > 300 ? `${text.slice(0, 300)}…` : text}"`;
  const hint =
    code === 'session_window_closed'
      ? ' (the 24-hour session window is closed: send a template instead)'
      : '';
  const error = new ApiError(
    `WATI did not accept ${context.operation} (HTTP ${context.status}): ${reason}${hint}`,
    {
      provider: WATI_PROVIDER_ID,
      code,
      retryable: false,
      status: context.status,
      url: context.url,
      responseBody: bodyExcerpt(JSON.stringify(body) ?? ''),
    },
  );
  softFailures.add(error);
  return error;
}

/**
 * Throws the typed error when `body` is a WATI soft failure. `context` is read only then: a
 * response's `url` is redacted on first read, which a successful call never needs.
 */
export function assertWatiSuccess(body: unknown, context: () => SoftFailureContext): void {
  if (isWatiSoftFailure(body)) throw softFailureError(body, context());
}
