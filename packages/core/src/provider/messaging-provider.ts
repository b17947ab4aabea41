import type { BulkStreamOptions, BulkStreamResult } from '../bulk/bulk-stream.js';
import type { InboundEvent } from '../model/inbound-event.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { BulkRequest, BulkResult, SendResult } from '../model/send-result.js';
import type { Capability } from './capability.js';
import type { ProviderFacets } from './provider-facets.js';
import type { ProviderLimits } from './provider-limits.js';
import type { ProviderOptions } from './provider-options.js';

/** Per-call options of `send`. */
export interface SendOptions {
  /** Abort the call (and any retry wait). */
  signal?: AbortSignal;
  /**
   * A key identifying this logical send. Neither WhatsApp Cloud nor WATI de-duplicates by key, so
   * giving one is how you opt in to automatic retries after an ambiguous failure (a timeout after
   * the request was written), accepting that the recipient might get the message twice.
   */
  idempotencyKey?: string;
  /**
   * Options only one provider understands, by provider id (e.g. `{ wati: { broadcastName } }`);
   * each provider validates its own namespace and ignores the others. Each provider's README lists
   * what it reads.
   */
  providerOptions?: ProviderOptions;
}

/** Per-call options of `sendBulk`. */
export interface BulkSendOptions {
  /** Abort the bulk send: recipients not yet sent are reported as failed. */
  signal?: AbortSignal;
  /** Options only one provider understands, by provider id; see {@link SendOptions.providerOptions}. */
  providerOptions?: ProviderOptions;
}

/** A webhook delivery given as its raw parts instead of a Fetch `Request`. */
export interface RawWebhookRequest {
  /** The body exactly as received: never re-serialize JSON before verifying a signature. */
  body: Uint8Array | string;
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The request URL (path and query); some providers authenticate by a secret path segment. */
  url?: string;
}

/** Webhook handling of a provider. */
export interface ProviderWebhooks {
  /**
   * Answers a subscription handshake (Meta's `hub.mode=subscribe`): 200 with the challenge when the
   * verify token matches, 403 otherwise.
   */
  handleVerification(requestOrUrl: Request | URL | string): Response;
  /**
   * Verifies a delivery and returns one event per message, status or unknown item in it.
   *
   * @throws {WebhookVerificationError} when the signature or shared secret is missing or wrong.
   * @throws {ValidationError} when the body is not a payload of this provider.
   */
  parse(request: Request | RawWebhookRequest): Promise<InboundEvent[]>;
}

/**
 * One messaging provider behind the neutral API: what every provider has. Create one with a
 * provider factory (`createWhatsAppCloud`, `createWati`) or from configuration with `loadProvider`.
 *
 * Everything else is an optional facet (see {@link ProviderFacets}): `markRead`, `templates`,
 * `contacts`, `conversations`, `media`, `operators` and `account` are attached only when the
 * provider's API has them, and a facet holds only the operations the API has. No provider carries a
 * method that always fails. `capabilities` names exactly the operations attached, so
 * `capabilities.has('templates.create')` and `provider.templates?.create !== undefined` agree; a
 * factory's return type shows its facets, and `requireFacet` / `requireOperation` give a facet or an
 * operation of a provider of unknown type, or throw `UnsupportedFeatureError` before any request.
 *
 * Every method validates its input before any network call.
 */
export interface MessagingProvider {
  /** The provider id, e.g. `whatsapp-cloud` or `wati`. */
  readonly id: string;
  readonly capabilities: ReadonlySet<Capability>;
  readonly limits: ProviderLimits;

  /**
   * Sends one message. A message type, media source or `replyTo` the provider cannot serve throws
   * `UnsupportedFeatureError` (see `capabilities`) before any request.
   */
  send(message: OutboundMessage, options?: SendOptions): Promise<SendResult>;
  /**
   * Sends one template to many recipients: native bulk where the provider has it, else a rate-limited
   * fan-out. It throws only when nothing was sent (an invalid request, a call refused before any send);
   * once anything may have gone out, every failure is reported in its recipients' results. The router
   * relies on this: a thrown error fails the whole request over to the next provider.
   */
  sendBulk(request: BulkRequest, options?: BulkSendOptions): Promise<BulkResult>;
  /**
   * `sendBulk` in bounded memory: yields each recipient's result as it settles (with its `index`;
   * the provider's response only with `raw: true`) and holds none of them, so 100,000 recipients
   * cost what 10 do. Sends start with the first `next()` and stop when the loop is left early. As for
   * `sendBulk`, an error is thrown only before the first result, when nothing was sent.
   * Optional for custom providers: core's `streamBulk(provider, …)` falls back to `sendBulk`.
   */
  sendBulkStream?(request: BulkRequest, options?: BulkStreamOptions): AsyncIterable<BulkStreamResult>;
  readonly webhooks: ProviderWebhooks;
  /**
   * Releases what this instance owns: its caches, timers and connections (not a `dispatcher` you
   * passed in). Calls not yet answered (waiting for the rate limiter, between retries, in flight)
   * reject with an `AbortError`, and later calls reject at once, before any request: await your
   * sends first. A rate limiter shared with other providers goes on serving them.
   */
  close(): Promise<void>;

  /** Marks an inbound message as read (blue ticks). Capability `messages.markRead`. */
  markRead?(messageId: string): Promise<void>;
  readonly templates?: Partial<ProviderFacets['templates']>;
  readonly contacts?: Partial<ProviderFacets['contacts']>;
  readonly conversations?: Partial<ProviderFacets['conversations']>;
  readonly media?: Partial<ProviderFacets['media']>;
  readonly operators?: Partial<ProviderFacets['operators']>;
  readonly account?: Partial<ProviderFacets['account']>;
}
