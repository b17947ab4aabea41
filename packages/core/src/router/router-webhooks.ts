import { ValidationError, WebhookVerificationError } from '../errors/errors.js';
import { nodeCrypto } from '../internal/node-builtins.js';
import type { InboundEvent } from '../model/inbound-event.js';
import type {
  MessagingProvider,
  ProviderWebhooks,
  RawWebhookRequest,
} from '../provider/messaging-provider.js';
import { toRawWebhookRequest } from '../webhooks/raw-body.js';
import type { StatusCorrelation } from './status-correlation.js';

function urlOf(requestOrUrl: Request | URL | string): URL | undefined {
  try {
    if (typeof requestOrUrl === 'string') return new URL(requestOrUrl, 'http://localhost');
    if (requestOrUrl instanceof URL) return requestOrUrl;
    return new URL(requestOrUrl.url);
  } catch {
    return undefined;
  }
}

/**
 * True when the provider checks Meta's verify token: a wrong token gets something other than 200.
 * A provider without a handshake (WATI answers every GET 200) must not answer Meta's, since Meta
 * expects its challenge echoed.
 */
function checksVerifyToken(provider: MessagingProvider, url: URL): boolean {
  const probe = new URL(url);
  probe.searchParams.set('hub.verify_token', `probe-${nodeCrypto().randomUUID()}`);
  return provider.webhooks.handleVerification(probe).status !== 200;
}

/**
 * The router's webhooks. A delivery belongs to the provider whose `parse` accepts it: their
 * payloads differ in shape, and each verifies its own signature or secret, so the first provider
 * (in the router's order) that parses it wins. The body is read once and handed to each provider as
 * the same raw bytes. When none accepts it, the verification failure is thrown if any provider
 * reported one (the delivery looked like its own but was not authentic), else the first validation
 * error; any other error is thrown at once. Status events name the `SendResult.id` the app saw.
 */
export function routerWebhooks(
  providers: readonly MessagingProvider[],
  correlation: StatusCorrelation,
): ProviderWebhooks {
  return {
    handleVerification(requestOrUrl) {
      const url = urlOf(requestOrUrl);
      const handshake = url?.searchParams.has('hub.mode') === true;
      const candidates =
        handshake && url !== undefined
          ? providers.filter((provider) => checksVerifyToken(provider, url))
          : providers;
      let first: Response | undefined;
      for (const provider of candidates) {
        const response = provider.webhooks.handleVerification(requestOrUrl);
        if (response.status === 200) return response;
        first ??= response;
      }
      return first ?? new Response('Forbidden', { status: 403, headers: { 'content-type': 'text/plain' } });
    },

    async parse(request: Request | RawWebhookRequest): Promise<InboundEvent[]> {
      const raw = await toRawWebhookRequest(request);
      let verification: unknown;
      let validation: unknown;
      for (const provider of providers) {
        try {
          const events = await provider.webhooks.parse(raw);
          return events.map((event) => correlation.map(event));
        } catch (error) {
          if (WebhookVerificationError.isInstance(error)) verification ??= error;
          else if (ValidationError.isInstance(error)) validation ??= error;
          else throw error;
        }
      }
      throw (
        verification ?? validation ?? new ValidationError('No provider of the router accepts this delivery')
      );
    },
  };
}
