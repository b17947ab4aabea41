import { createHmac } from 'node:crypto';

/** How {@link deliverWebhook} signs the payload, Meta style by default. */
export interface WebhookSigning {
  /** The app secret shared with the receiver. */
  secret: string;
  /** Header carrying the signature; default `x-hub-signature-256`. */
  header?: string;
  /** Text before the hex digest; default `sha256=`. */
  prefix?: string;
}

/** Options of {@link deliverWebhook}. */
export interface DeliverWebhookOptions {
  url: string | URL;
  /**
   * A string or bytes are sent untouched (use this for payloads with escaped non-ASCII text, as
   * Meta sends them); any other value is serialized with `JSON.stringify` once.
   */
  body: string | Uint8Array | object;
  /** Extra headers; a `content-type` here replaces the default `application/json`. */
  headers?: ConstructorParameters<typeof Headers>[0];
  signWith?: WebhookSigning;
  /** Defaults to the global `fetch`. */
  fetchImpl?: typeof fetch;
}

/** What the receiving app answered. */
export interface WebhookDeliveryResult {
  status: number;
  headers: Headers;
  body: string;
}

const utf8 = new TextEncoder();

/**
 * HMAC-SHA256 of `payload` with `secret`, as lower-case hex: the digest in Meta's
 * `X-Hub-Signature-256: sha256=<hex>` header.
 *
 * @example
 * ```ts
 * const signature = `sha256=${signPayload(rawBody, 'app-secret')}`;
 * ```
 */
export function signPayload(payload: Uint8Array | string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * POSTs a webhook payload to an app, optionally signed over the exact bytes sent, the way the
 * WhatsApp Cloud API (and WATI) call a webhook endpoint.
 *
 * @example
 * ```ts
 * const result = await deliverWebhook({
 *   url: `${app.url}/webhooks/whatsapp`,
 *   body: { object: 'whatsapp_business_account', entry: [] },
 *   signWith: { secret: 'app-secret' },
 * });
 * expect(result.status).toBe(200);
 * ```
 */
export async function deliverWebhook(options: DeliverWebhookOptions): Promise<WebhookDeliveryResult> {
  const bytes = toBytes(options.body);
  const headers = new Headers({ 'content-type': 'application/json' });
  for (const [name, value] of new Headers(options.headers)) headers.set(name, value);
  if (options.signWith !== undefined) {
    const { secret, header = 'x-hub-signature-256', prefix = 'sha256=' } = options.signWith;
    headers.set(header, `${prefix}${signPayload(bytes, secret)}`);
  }
  const fetchImpl = options.fetchImpl ?? fetch;
  const response = await fetchImpl(options.url, { method: 'POST', headers, body: bytes });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

function toBytes(body: string | Uint8Array | object): Uint8Array {
  if (body instanceof Uint8Array) return body;
  // The signature must cover the very bytes sent, so serialize exactly once, here.
  return utf8.encode(typeof body === 'string' ? body : JSON.stringify(body));
}
