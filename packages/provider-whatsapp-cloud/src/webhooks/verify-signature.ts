import { WebhookVerificationError } from '@switchboard/core/errors';
import { verifyHmacSignature } from '@switchboard/core/webhooks';
import { WHATSAPP_CLOUD_PROVIDER_ID } from '../provider-id.js';

/** The header Meta signs deliveries with: `sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>`. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

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
      'The X-Hub-Signature-256 of the webhook delivery does not match its body: check that appSecret (usually from WHATSAPP_APP_SECRET) is the secret of the app Meta delivers for, and that nothing re-encodes the body before parse',
      { provider: WHATSAPP_CLOUD_PROVIDER_ID },
    );
  }
}
