import type {
  BusinessProfile,
  BusinessProfileUpdate,
  MediaInfo,
  MediaUpload,
  PhoneNumberInfo,
} from '../model/account.js';
import type { Contact, ContactInput, ContactListOptions } from '../model/contact.js';
import type { ConversationMessage } from '../model/conversation-message.js';
import type { ListOptions, Page } from '../model/page.js';
import type {
  Template,
  TemplateCreateResult,
  TemplateDefinition,
  TemplateStatus,
} from '../model/template.js';
import type { ProviderOptions } from './provider-options.js';

/** Options of `templates.list`. */
export interface TemplateListOptions extends ListOptions {
  /** Only templates with this status. */
  status?: Exclude<TemplateStatus, 'unknown'>;
}

/** The provider's message templates (WhatsApp's pre-approved messages). */
export interface TemplatesFacet {
  list(options?: TemplateListOptions): Promise<Page<Template>>;
  /** Submits a template for review; it is usable once its status is `approved`. */
  create(template: TemplateDefinition): Promise<TemplateCreateResult>;
  /** Deletes every language of the template with this name. */
  delete(name: string): Promise<void>;
}

/** The provider's address book. */
export interface ContactsFacet {
  /** Options only one provider understands (WATI's filters) go in `providerOptions`. */
  list(options?: ContactListOptions): Promise<Page<Contact>>;
  upsert(contact: ContactInput): Promise<Contact>;
  updateAttributes(phone: string, attributes: Record<string, string>): Promise<void>;
}

/** Options of `conversations.messages`. */
export interface ConversationListOptions extends ListOptions {
  providerOptions?: ProviderOptions;
}

/** The message history the provider keeps per conversation. */
export interface ConversationsFacet {
  messages(phone: string, options?: ConversationListOptions): Promise<Page<ConversationMessage>>;
}

/** Media stored at the provider. */
export interface MediaFacet {
  upload(file: MediaUpload): Promise<{ id: string }>;
  get(id: string): Promise<MediaInfo>;
  delete(id: string): Promise<void>;
}

/** Human operators of a team inbox. */
export interface OperatorsFacet {
  /** Assigns the conversation with `phone` to the operator with this e-mail. */
  assign(phone: string, email: string): Promise<void>;
}

/** The business account behind the provider. */
export interface AccountFacet {
  phoneNumbers(): Promise<PhoneNumberInfo[]>;
  businessProfile(): Promise<BusinessProfile>;
  updateBusinessProfile(profile: BusinessProfileUpdate): Promise<void>;
}

/**
 * Every optional facet by name, each with all its operations. A provider attaches a facet only when
 * its API has it, and within it only the operations its API has (see `MessagingProvider`).
 */
export interface ProviderFacets {
  templates: TemplatesFacet;
  contacts: ContactsFacet;
  conversations: ConversationsFacet;
  media: MediaFacet;
  operators: OperatorsFacet;
  account: AccountFacet;
}

/** The name of an optional facet, e.g. `templates`. */
export type FacetName = keyof ProviderFacets;

/** One operation of a facet as `facet.operation`, e.g. `templates.create`: also its capability name. */
export type FacetOperation = {
  [F in FacetName]: `${F}.${keyof ProviderFacets[F] & string}`;
}[FacetName];

/** The operations of every facet, in the order `CAPABILITIES` lists them. */
export const FACET_OPERATIONS = {
  templates: ['list', 'create', 'delete'],
  contacts: ['list', 'upsert', 'updateAttributes'],
  conversations: ['messages'],
  media: ['upload', 'get', 'delete'],
  operators: ['assign'],
  account: ['phoneNumbers', 'businessProfile', 'updateBusinessProfile'],
} as const satisfies { [F in FacetName]: readonly (keyof ProviderFacets[F])[] };
