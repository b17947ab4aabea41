import { nodeCrypto } from '../internal/node-builtins.js';

/** Arguments of {@link verifyHmacSignature}. */
export interface VerifyHmacSignatureOptions {
  /** The shared secret (Meta: the app secret). */
  secret: string;
  /** The body exactly as received; never a re-serialized JSON value. */
  payload: Uint8Array;
  /** The signature header's value, e.g. `sha256=4f2a…`; missing headers fail verification. */
  signature: string | null | undefined;
  /** Text before the hex digest; default `sha256=` (Meta's `X-Hub-Signature-256`). */
  prefix?: string;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * HMAC-SHA256 of `payload` keyed with `secret`, as lower-case hex.
 *
 * @example
 * ```ts
 * const header = `sha256=${hmacSha256Hex(appSecret, rawBody)}`;
 * ```
 */
export function hmacSha256Hex(secret: string, payload: Uint8Array | string): string {
  return nodeCrypto().createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * Checks a `<prefix><hex HMAC-SHA256>` signature over the raw body in constant time. Returns false
 * for a missing signature, a missing or different prefix, and a digest that is not 64 hex digits;
 * hex digits are accepted in either case.
 *
 * @throws {TypeError} when `secret` is empty: anyone could compute a signature with an empty key,
 * so that is a configuration error rather than a failed verification.
 *
 * @example
 * ```ts
 * const valid = verifyHmacSignature({
 *   secret: process.env.META_APP_SECRET!,
 *   payload: bytes,
 *   signature: headers.get('x-hub-signature-256'),
 * });
 * if (!valid) throw new WebhookVerificationError('Invalid X-Hub-Signature-256', { provider: 'whatsapp-cloud' });
 * ```
 */
export function verifyHmacSignature(options: VerifyHmacSignatureOptions): boolean {
  const { secret, payload, signature, prefix = 'sha256=' } = options;
  if (typeof secret !== 'string' || secret.length === 0)
    throw new TypeError('The HMAC secret must be a non-empty string');
  if (typeof signature !== 'string' || !signature.startsWith(prefix)) return false;
  const digest = signature.slice(prefix.length);
  // Checking the shape first guarantees equal-length buffers, which timingSafeEqual requires.
  if (!HEX_SHA256.test(digest)) return false;
  const { createHmac, timingSafeEqual } = nodeCrypto();
  const expected = createHmac('sha256', secret).update(payload).digest();
  return timingSafeEqual(Buffer.from(digest, 'hex'), expected);
}

/**
 * Compares two secrets (a verify token, a shared secret in a header or URL) in constant time. Both
 * are hashed first, so neither the content nor the length of the expected value leaks through timing.
 *
 * @example
 * ```ts
 * if (!constantTimeEqual(url.searchParams.get('hub.verify_token') ?? '', verifyToken)) {
 *   return new Response('Forbidden', { status: 403 });
 * }
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return nodeCrypto().timingSafeEqual(sha256(a), sha256(b));
}

function sha256(value: string): Buffer {
  return nodeCrypto().createHash('sha256').update(value, 'utf8').digest();
}
