const REDACTED = '[redacted]';
// Graph paging links embed the access token, including one a gateway injected that we never saw.
const TOKEN_QUERY = /([?&](?:access_token|token|api_key|apikey|key)=)[^&"'\s<>]+/gi;
const TOKEN_QUERY_PRESENT = /(?:access_token|token|api_?key|key)=/i;
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
]);
// Shorter values are too likely to collide with ordinary text to be replaced safely.
const MIN_SECRET_LENGTH = 6;

/**
 * Removes secrets from text: every known secret value, and token-looking query parameters.
 * Cheap when there is nothing to redact: one substring scan per secret.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && result.includes(secret))
      result = result.split(secret).join(REDACTED);
  }
  // The includes() check keeps the regex off the common path: most bodies hold no query string.
  if (result.includes('=') && TOKEN_QUERY_PRESENT.test(result)) {
    result = result.replace(TOKEN_QUERY, `$1${REDACTED}`);
  }
  return result;
}

/** A copy of `headers` safe to log: credentials replaced, the auth scheme kept for debugging. */
export function redactHeaders(
  headers: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (SENSITIVE_HEADERS.has(lower)) {
      const scheme = /^(Bearer|Basic|Token)\s/i.exec(value)?.[1];
      result[name] = scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
    } else {
      result[name] = redactText(value, secrets);
    }
  }
  return result;
}

/** Deeply redacts every string of a JSON-like value; returns the same object when nothing changed. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const copy = value.map((item) => {
      const redacted = redactValue(item, secrets);
      if (redacted !== item) changed = true;
      return redacted;
    });
    return (changed ? copy : value) as T;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const redacted = redactValue(item, secrets);
      if (redacted !== item) changed = true;
      copy[key] = redacted;
    }
    return (changed ? copy : value) as T;
  }
  return value;
}
