import { ValidationError, WebhookVerificationError } from '../../errors/errors.js';
import type { InboundEvent } from '../../model/inbound-event.js';
import type { ProviderWebhooks, RawWebhookRequest } from '../../provider/messaging-provider.js';
import { constantTimeEqual, hmacSha256Hex, verifyHmacSignature } from '../hmac.js';
import { toRawWebhookRequest } from '../raw-body.js';

/** One item of the fake provider's delivery format. */
export type FakeItem =
  | { kind: 'message'; id: string; from: string; text: string }
  | { kind: 'status'; messageId: string; status: 'sent' | 'delivered' | 'read' | 'failed' }
  | { kind: 'other'; [field: string]: unknown };

export const SECRET = 'app-secret-0123456789';
export const VERIFY_TOKEN = 'verify-token-abc';
export const PROVIDER_ID = 'fake';

/**
 * A provider with Meta's webhook rules in miniature: `X-Hub-Signature-256` over the raw bytes, a
 * `hub.verify_token` handshake, and a JSON body `{ items: FakeItem[] }`. It records every body it saw.
 */
export function createFakeProvider(): { id: string; webhooks: ProviderWebhooks; seenBodies: Uint8Array[] } {
  const seenBodies: Uint8Array[] = [];
  const webhooks: ProviderWebhooks = {
    handleVerification(requestOrUrl) {
      const url = new URL(requestOrUrl instanceof Request ? requestOrUrl.url : requestOrUrl);
      const token = url.searchParams.get('hub.verify_token') ?? '';
      const challenge = url.searchParams.get('hub.challenge') ?? '';
      if (url.searchParams.get('hub.mode') === 'subscribe' && constantTimeEqual(token, VERIFY_TOKEN)) {
        return new Response(challenge, { status: 200, headers: { 'content-type': 'text/plain' } });
      }
      return new Response('Forbidden', { status: 403 });
    },
    async parse(request: Request | RawWebhookRequest): Promise<InboundEvent[]> {
      const { body, headers } = await toRawWebhookRequest(request);
      seenBodies.push(body);
      const signature = headers.get('x-hub-signature-256');
      if (!verifyHmacSignature({ secret: SECRET, payload: body, signature })) {
        // Deliberately quotes the expected signature: tests prove the handler never passes it on.
        throw new WebhookVerificationError(
          `Signature ${signature} does not match sha256=${hmacSha256Hex(SECRET, body)}`,
          { provider: PROVIDER_ID },
        );
      }
      let payload: { items?: unknown };
      try {
        payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as { items?: unknown };
      } catch (cause) {
        throw new ValidationError('The body is not JSON', { provider: PROVIDER_ID, cause });
      }
      if (!Array.isArray(payload?.items))
        throw new ValidationError('items is missing', { provider: PROVIDER_ID });
      return (payload.items as FakeItem[]).map((item) => toEvent(item));
    },
  };
  return { id: PROVIDER_ID, webhooks, seenBodies };
}

function toEvent(item: FakeItem): InboundEvent {
  const timestamp = new Date(0);
  if (item.kind === 'message') {
    const { id, from, text } = item as Extract<FakeItem, { kind: 'message' }>;
    return {
      kind: 'message',
      provider: PROVIDER_ID,
      id,
      from,
      timestamp,
      message: { type: 'text', text },
      raw: item,
    };
  }
  if (item.kind === 'status') {
    const { messageId, status } = item as Extract<FakeItem, { kind: 'status' }>;
    return {
      kind: 'status',
      provider: PROVIDER_ID,
      messageId,
      providerIds: {},
      status,
      timestamp,
      raw: item,
    };
  }
  // Dated, as Meta dates an entry, unless the item says it is not (as a WATI template review is not).
  return item.undated === true
    ? { kind: 'unknown', provider: PROVIDER_ID, raw: item }
    : { kind: 'unknown', provider: PROVIDER_ID, timestamp, raw: item };
}

/** The exact bytes of a delivery of `items`. */
export function deliveryBody(items: readonly FakeItem[]): string {
  return JSON.stringify({ items });
}

/** A signed POST of `body` (signed over its UTF-8 bytes, or with `signature` when given). */
export function signedRequest(body: string, options: { signature?: string; url?: string } = {}): Request {
  return new Request(options.url ?? 'https://hooks.example.com/webhooks/fake', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': options.signature ?? `sha256=${hmacSha256Hex(SECRET, body)}`,
    },
    body,
  });
}
