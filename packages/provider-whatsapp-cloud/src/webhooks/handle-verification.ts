import { constantTimeEqual } from '@switchboard/core/webhooks';

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
