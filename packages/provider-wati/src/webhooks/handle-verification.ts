/**
 * `webhooks.handleVerification` of the WATI provider. WATI has no subscription handshake (unlike
 * Meta's `hub.challenge`), so a GET (or HEAD) of the webhook URL is answered 200, which lets an app
 * route every webhook GET through the provider; other methods get 405.
 */
export function handleVerification(requestOrUrl: Request | URL | string): Response {
  const method =
    typeof requestOrUrl === 'object' && 'method' in requestOrUrl ? requestOrUrl.method.toUpperCase() : 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    return new Response('Method Not Allowed', {
      status: 405,
      headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(method === 'HEAD' ? null : 'OK', {
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}
