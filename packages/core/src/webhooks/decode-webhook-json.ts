import { ValidationError } from '../errors/errors.js';
import { parseJsonSafely } from '../http/json.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a webhook body as the JSON every WhatsApp provider posts, under one rule for all of them:
 * the body must be UTF-8 (RFC 8259 requires it of JSON exchanged between systems). A body that is not
 * is refused with a `ValidationError` (a webhook handler answers 400), never repaired with U+FFFD:
 * replacing bytes would silently change a customer's text, and a signature was computed over the
 * bytes as they are.
 *
 * @throws {ValidationError} when the body is not UTF-8 or not JSON; `what` names the provider's delivery.
 */
export function decodeWebhookJson(body: Uint8Array, options: { provider: string; what: string }): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    throw new ValidationError(`Invalid ${options.what}: the body is not UTF-8 text`, {
      provider: options.provider,
      issues: [{ path: 'body', message: 'not UTF-8' }],
    });
  }
  const parsed = parseJsonSafely(text);
  if (!parsed.ok) {
    throw new ValidationError(`Invalid ${options.what}: the body is not valid JSON`, {
      provider: options.provider,
      issues: [{ path: 'body', message: 'malformed JSON' }],
    });
  }
  return parsed.value;
}
