import { constantTimeEqual, verifyHmacSignature, WebhookVerificationError } from '@switchboard/core';
import { WHATSAPP_CLOUD_PROVIDER_ID } from '../whatsapp-cloud-options.js';

/** The header Meta signs deliveries with: `sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>`. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

function requestUrl(requestOrUrl: Request | URL | string): URL | undefined {
  try {
    if (typeof requestOrUrl === 'string') return new URL(requestOrUrl, 'http://localhost');
    if (requestOrUrl instanceof URL) return requestOrUrl;
    return new URL(requestOrUrl.url);
  } catch {
    return undefined;
  }
}

function plainText(status: number, body: string): Response {
  return new Response(body, {
    status,
    // The challenge is echoed verbatim, so it must never be sniffed as HTML.
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}

/**
 * Answers Meta's subscription handshake
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests):
 * `hub.mode=subscribe` with the configured `hub.verify_token` (compared in constant time) gets 200
 * and `hub.challenge` as plain text; anything else, including a provider configured without a
 * verify token, gets 403.
 */
export function handleVerification(
  requestOrUrl: Request | URL | string,
  verifyToken: string | undefined,
): Response {
  const url = requestUrl(requestOrUrl);
  const params = url?.searchParams;
  const token = params?.get('hub.verify_token');
  const challenge = params?.get('hub.challenge');
  const valid =
    verifyToken !== undefined &&
    params?.get('hub.mode') === 'subscribe' &&
    typeof token === 'string' &&
    constantTimeEqual(token, verifyToken) &&
    typeof challenge === 'string' &&
    challenge !== '';
  return valid ? plainText(200, challenge) : plainText(403, 'Forbidden');
}

/**
 * Checks `X-Hub-Signature-256` over the body bytes exactly as received (Meta escapes non-ASCII as
 * `\uXXXX`, so a re-serialized body would not match).
 *
 * @throws {WebhookVerificationError} when the header is missing or does not match.
 */
export function verifySignature(body: Uint8Array, headers: Headers, appSecret: string): void {
  const signature = headers.get(SIGNATURE_HEADER);
  if (signature === null || signature.trim() === '') {
    throw new WebhookVerificationError(
      'The webhook delivery has no X-Hub-Signature-256 header; Meta signs every delivery, so it did not come from Meta (or a proxy dropped the header)',
      { provider: WHATSAPP_CLOUD_PROVIDER_ID },
    );
  }
  if (!verifyHmacSignature({ secret: appSecret, payload: body, signature: signature.trim() })) {
    throw new WebhookVerificationError(
      'The X-Hub-Signature-256 of the webhook delivery does not match its body: check appSecret (WHATSAPP_APP_SECRET) is the secret of the app Meta delivers for, and that nothing re-encodes the body before parse',
      { provider: WHATSAPP_CLOUD_PROVIDER_ID },
    );
  }
}
