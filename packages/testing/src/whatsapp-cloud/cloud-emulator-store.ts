import { appendBounded } from '../emulator-kit/retention.js';
import { defaultBusinessProfile } from './cloud-defaults.js';
import type {
  CloudBusinessProfile,
  CloudEmulatorPhoneNumber,
  CloudInboundMessageRecord,
  CloudSentMessage,
  CloudStoredMedia,
  CloudStoredTemplate,
  CloudWebhookDelivery,
  EmulatorTemplate,
  WhatsAppCloudEmulatorState,
} from './cloud-emulator-types.js';
import type { CloudIds } from './cloud-ids.js';

/** What the store starts from, and returns to on {@link CloudEmulatorStore.reset}. */
export interface CloudEmulatorSeed {
  businessAccountId: string;
  phoneNumbers: readonly CloudEmulatorPhoneNumber[];
  templates: readonly EmulatorTemplate[];
}

/** The emulator's in-memory state. Endpoint code mutates it; tests read it as {@link WhatsAppCloudEmulatorState}. */
export class CloudEmulatorStore implements WhatsAppCloudEmulatorState {
  readonly businessAccountId: string;
  readonly phoneNumbers: readonly CloudEmulatorPhoneNumber[];
  readonly messages: CloudSentMessage[] = [];
  readonly inboundMessages: CloudInboundMessageRecord[] = [];
  readonly media = new Map<string, CloudStoredMedia>();
  readonly templates: CloudStoredTemplate[] = [];
  readonly businessProfiles = new Map<string, CloudBusinessProfile>();
  readonly webhookDeliveries: CloudWebhookDelivery[] = [];
  readonly #seed: CloudEmulatorSeed;
  readonly #ids: CloudIds;
  readonly #maxWebhookDeliveries: number;

  constructor(seed: CloudEmulatorSeed, ids: CloudIds, maxWebhookDeliveries = Number.POSITIVE_INFINITY) {
    if (seed.phoneNumbers.length === 0)
      throw new Error('The WhatsApp Cloud emulator needs at least one phone number');
    this.businessAccountId = seed.businessAccountId;
    this.phoneNumbers = seed.phoneNumbers.map((phone) => ({ ...phone }));
    this.#seed = seed;
    this.#ids = ids;
    this.#maxWebhookDeliveries = maxWebhookDeliveries;
    this.reset();
  }

  get businessProfile(): CloudBusinessProfile {
    return this.businessProfiles.get((this.phoneNumbers[0] as CloudEmulatorPhoneNumber).id) ?? {};
  }

  /** Forgets messages, media and deliveries; templates and profiles return to their seeds. */
  reset(): void {
    this.messages.length = 0;
    this.inboundMessages.length = 0;
    this.media.clear();
    this.webhookDeliveries.length = 0;
    this.templates.length = 0;
    for (const template of this.#seed.templates) this.addTemplate(template);
    this.businessProfiles.clear();
    for (const phone of this.phoneNumbers) this.businessProfiles.set(phone.id, defaultBusinessProfile());
  }

  /** Logs a webhook attempt, dropping the oldest beyond the retention limit. */
  recordWebhookDelivery(delivery: CloudWebhookDelivery): void {
    appendBounded(this.webhookDeliveries, delivery, this.#maxWebhookDeliveries);
  }

  /** Stores a copy of `template` with its defaults resolved. */
  addTemplate(template: EmulatorTemplate): CloudStoredTemplate {
    const stored: CloudStoredTemplate = {
      id: template.id ?? this.#ids.numeric(),
      name: template.name,
      language: template.language,
      category: template.category,
      status: template.status ?? 'APPROVED',
      parameterFormat: template.parameterFormat ?? 'POSITIONAL',
      components: structuredClone(template.components),
    };
    this.templates.push(stored);
    return stored;
  }

  /** Removes every template `predicate` picks; answers how many went. */
  removeTemplates(predicate: (template: CloudStoredTemplate) => boolean): number {
    let removed = 0;
    for (let index = this.templates.length - 1; index >= 0; index--) {
      if (predicate(this.templates[index] as CloudStoredTemplate)) {
        this.templates.splice(index, 1);
        removed++;
      }
    }
    return removed;
  }

  /** The business phone number with that id. */
  phoneNumber(id: string): CloudEmulatorPhoneNumber | undefined {
    return this.phoneNumbers.find((phone) => phone.id === id);
  }

  /** The phone number a webhook is about: the one given, or the first. */
  phoneNumberOrDefault(id: string | undefined): CloudEmulatorPhoneNumber {
    const phone = id === undefined ? this.phoneNumbers[0] : this.phoneNumber(id);
    if (phone === undefined) throw new Error(`The emulator has no phone number with id ${id}`);
    return phone;
  }

  /** A message the business sent, by its wamid. */
  sentMessage(id: string): CloudSentMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  /** A message the business received, by its wamid. */
  inboundMessage(id: string): CloudInboundMessageRecord | undefined {
    return this.inboundMessages.find((message) => message.id === id);
  }
}
