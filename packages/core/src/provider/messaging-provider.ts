import type {
  BusinessProfile,
  BusinessProfileUpdate,
  MediaInfo,
  MediaUpload,
  PhoneNumberInfo,
} from '../model/account.js';
import type { Contact, ContactInput, ContactListOptions } from '../model/contact.js';
import type { ConversationMessage } from '../model/conversation-message.js';
import type { InboundEvent } from '../model/inbound-event.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { ListOptions, Page } from '../model/page.js';
import type { BulkRequest, BulkResult, SendResult } from '../model/send-result.js';
import type {
  Template,
  TemplateCreateResult,
  TemplateDefinition,
  TemplateStatus,
} from '../model/template.js';
import type { Capability } from './capability.js';
import type { ProviderLimits } from './provider-limits.js';

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
}

/** Options of `templates.list`. */
export interface TemplateListOptions extends ListOptions {
  /** Only templates with this status. */
  status?: Exclude<TemplateStatus, 'unknown'>;
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
 * One messaging provider behind the neutral API. Create one with a provider factory
 * (`createWhatsAppCloud`, `createWati`) or from configuration with `loadProvider`.
 *
 * Every method validates its input before any network call; a method the provider cannot serve
 * throws `UnsupportedFeatureError` (see `capabilities`).
 */
export interface MessagingProvider {
  /** The provider id, e.g. `whatsapp-cloud` or `wati`. */
  readonly id: string;
  readonly capabilities: ReadonlySet<Capability>;
  readonly limits: ProviderLimits;

  send(message: OutboundMessage, options?: SendOptions): Promise<SendResult>;
  /** Sends one template to many recipients: native bulk where the provider has it, else a rate-limited fan-out. */
  sendBulk(request: BulkRequest, options?: { signal?: AbortSignal }): Promise<BulkResult>;
  /** Marks an inbound message as read (blue ticks). */
  markRead(messageId: string): Promise<void>;

  readonly templates: {
    list(options?: TemplateListOptions): Promise<Page<Template>>;
    create(template: TemplateDefinition): Promise<TemplateCreateResult>;
    delete(name: string): Promise<void>;
  };
  readonly contacts: {
    list(options?: ContactListOptions): Promise<Page<Contact>>;
    upsert(contact: ContactInput): Promise<Contact>;
    updateAttributes(phone: string, attributes: Record<string, string>): Promise<void>;
  };
  readonly conversations: {
    messages(phone: string, options?: ListOptions): Promise<Page<ConversationMessage>>;
  };
  readonly media: {
    upload(file: MediaUpload): Promise<{ id: string }>;
    get(id: string): Promise<MediaInfo>;
    delete(id: string): Promise<void>;
  };
  readonly operators: {
    /** Assigns the conversation with `phone` to the operator with this e-mail. */
    assign(phone: string, email: string): Promise<void>;
  };
  readonly account: {
    phoneNumbers(): Promise<PhoneNumberInfo[]>;
    businessProfile(): Promise<BusinessProfile>;
    updateBusinessProfile(profile: BusinessProfileUpdate): Promise<void>;
  };
  readonly webhooks: ProviderWebhooks;

  /** Releases connections this instance owns (not a `dispatcher` you passed in). */
  close(): Promise<void>;
}
