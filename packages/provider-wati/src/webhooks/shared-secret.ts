import { WebhookVerificationError } from '@switchboard/core/errors';
import { constantTimeEqual } from '@switchboard/core/webhooks';
import { WATI_PROVIDER_ID } from '../provider-id.js';
import type { WatiWebhookSecret } from './webhook-secret.js';

/** The last non-empty segment of a URL's path (a full URL or a bare path), percent-decoded. */
function lastPathSegment(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
  const segment = pathname
    .split('/')
    .filter((part) => part !== '')
    .at(-1);
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Checks the shared secret of a WATI webhook delivery. WATI signs nothing, so a secret only it and
 * you know is the proof of origin: in the configured header, or (with `pathSegment`) as the last
 * segment of the webhook URL you gave WATI. Values are compared in constant time.
 *
 * @throws {WebhookVerificationError} when the secret is missing or wrong; the message never contains it.
 */
export function verifyWebhookSecret(
  request: { headers: Headers; url?: string | undefined },
  secret: Required<WatiWebhookSecret>,
): void {
  const fromHeader = request.headers.get(secret.header);
  const headerMatches = fromHeader !== null && constantTimeEqual(fromHeader, secret.value);
  const segment = secret.pathSegment && request.url !== undefined ? lastPathSegment(request.url) : undefined;
  const pathMatches = segment !== undefined && constantTimeEqual(segment, secret.value);
  if (headerMatches || pathMatches) return;
  const where = secret.pathSegment
    ? `the ${secret.header} header or the last segment of the webhook URL path`
    : `the ${secret.header} header`;
  const missingUrl =
    secret.pathSegment && request.url === undefined
      ? ' (no request URL was given: pass RawWebhookRequest.url)'
      : '';
  throw new WebhookVerificationError(
    `WATI webhook rejected: the shared secret in ${where} is missing or wrong${missingUrl}`,
    { provider: WATI_PROVIDER_ID },
  );
}
