import {
  type Capability,
  type MessagingProvider,
  OUTBOUND_MESSAGE_TYPES,
  type OutboundMessage,
  outboundMessageSchema,
  parseOrThrow,
  requireCapability,
  type SendOptions,
  type SendResult,
  sendCapability,
  UnsupportedFeatureError,
  ValidationError,
  type ValidOutboundMessage,
} from '@switchboard/core';
import { listContacts, updateContactAttributes, upsertContact } from './contacts-api.js';
import { getMedia } from './media-api.js';
import { listMessages } from './messages-api.js';
import { assignOperator } from './operators-api.js';
import { sendBulk } from './send-bulk.js';
import type { SendContext } from './send-context.js';
import { sendButtons, sendList } from './send-interactive.js';
import { sendSessionFile } from './send-session-file.js';
import { sendSessionText } from './send-session-text.js';
import { sendTemplate } from './send-template.js';
import {
  sendTemplateCsv as sendCsv,
  type TemplateCsvRequest,
  type TemplateCsvResult,
} from './send-template-csv.js';
import { TemplateCache } from './template-parameters.js';
import { fetchAllTemplates, listTemplates } from './templates-api.js';
import { WATI_LIMITS, watiCapabilities } from './wati-capabilities.js';
import { WatiClient } from './wati-client.js';
import { resolveWatiOptions, WATI_PROVIDER_ID, type WatiOptions } from './wati-options.js';
import { handleWatiVerification } from './webhooks/handle-verification.js';
import { parseWatiWebhook } from './webhooks/parse-webhook.js';

const WATI_PROVIDER = Symbol.for('switchboard.provider.wati');

/** A WATI provider: the neutral {@link MessagingProvider} plus WATI's own extras. */
export interface WatiProvider extends MessagingProvider {
  /** The template send API in use (`v2` unless configured otherwise). */
  readonly templateApi: 'v1' | 'v2';
  /**
   * Broadcasts a template to the numbers of a CSV file with `sendTemplateMessageCSV`, returning the
   * numbers WATI refused. Prefer `sendBulk` (per-recipient ids); use this to hand WATI a file you
   * already have.
   *
   * @example
   * ```ts
   * const { invalidNumbers } = await wati.sendTemplateCsv({ templateName: 'order_update', csv: 'Phone,name,ordernumber\n14155551234,Ada,42\n' });
   * ```
   */
  sendTemplateCsv(request: TemplateCsvRequest): Promise<TemplateCsvResult>;
}

/** True for a provider made by {@link createWati} (also through `loadProvider`). */
export function isWatiProvider(provider: unknown): provider is WatiProvider {
  return (
    typeof provider === 'object' &&
    provider !== null &&
    (provider as Record<symbol, unknown>)[WATI_PROVIDER] === true
  );
}

function mediaCapability(message: ValidOutboundMessage): Capability | undefined {
  if (!('media' in message)) return undefined;
  if ('url' in message.media) return 'send.media.url';
  if ('id' in message.media) return 'send.media.id';
  return 'send.media.data';
}

/**
 * Creates a WATI provider.
 *
 * @example
 * ```ts
 * const wati = createWati({ transport: 'direct', baseUrl: process.env.WATI_API_URL, token: process.env.WATI_API_TOKEN });
 * await wati.send({ to: '+1 415 555 1234', type: 'text', text: 'Hello!' });
 * await wati.send({ to: '14155551234', type: 'template', template: { name: 'order_update', language: 'en', parameters: { name: 'Ada' } } });
 * ```
 * @throws {ValidationError} naming the option (and its environment variable) when a credential or
 *   `baseUrl` is missing or an option is invalid.
 */
export function createWati(options: WatiOptions): WatiProvider {
  const resolved = resolveWatiOptions(options);
  const client = new WatiClient(resolved);
  const templates = new TemplateCache(() => fetchAllTemplates(client), resolved.templateCacheTtlMs);
  const capabilities = watiCapabilities({ webhookSecret: resolved.webhookSecret !== undefined });
  const self = { id: WATI_PROVIDER_ID, capabilities };
  // Async so that an unsupported call rejects like every other method, before any request.
  const unsupported = (capability: Capability) => async (): Promise<never> => {
    requireCapability(self, capability);
    throw new Error(`unreachable: ${capability} is not a WATI capability`);
  };

  async function send(message: OutboundMessage, sendOptions: SendOptions = {}): Promise<SendResult> {
    const type =
      typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    // Refuse unsupported types before validating, so the error names the capability, not a field.
    if (typeof type === 'string' && (OUTBOUND_MESSAGE_TYPES as readonly string[]).includes(type)) {
      requireCapability(self, sendCapability(type));
    }
    const valid = parseOrThrow(outboundMessageSchema, message, {
      what: 'message',
      provider: WATI_PROVIDER_ID,
    });
    const media = mediaCapability(valid);
    if (media !== undefined) {
      requireCapability(self, media, 'WATI has no media ids; send { data, mimeType } or { url }');
    }
    if (valid.replyTo !== undefined && valid.type !== 'text' && valid.type !== 'template') {
      throw new ValidationError(
        'Invalid message: replyTo: WATI quotes a message only in session text messages',
        {
          provider: WATI_PROVIDER_ID,
          issues: [{ path: 'replyTo', message: 'WATI quotes a message only in session text messages' }],
        },
      );
    }
    const context: SendContext = { client, options: sendOptions };
    switch (valid.type) {
      case 'text':
        return sendSessionText(context, valid);
      case 'image':
      case 'video':
      case 'audio':
      case 'document':
        return sendSessionFile(context, valid);
      case 'buttons':
        return sendButtons(context, valid);
      case 'list':
        return sendList(context, valid);
      case 'template':
        return sendTemplate({ ...context, templates }, valid);
      default:
        requireCapability(self, sendCapability(valid.type));
        throw new Error(`unreachable: send.${valid.type} is not a WATI capability`);
    }
  }

  const provider: WatiProvider = {
    id: WATI_PROVIDER_ID,
    capabilities,
    limits: WATI_LIMITS,
    templateApi: resolved.templateApi,
    send,
    sendBulk: (request, bulkOptions) => sendBulk({ client, templates }, request, bulkOptions),
    sendTemplateCsv: (request) => sendCsv(client, request),
    markRead: unsupported('messages.markRead'),
    templates: {
      list: (listOptions) => listTemplates(client, listOptions),
      create: unsupported('templates.create'),
      delete: unsupported('templates.delete'),
    },
    contacts: {
      list: (listOptions) => listContacts(client, listOptions),
      upsert: (contact) => upsertContact(client, contact),
      updateAttributes: (phone, attributes) => updateContactAttributes(client, phone, attributes),
    },
    conversations: { messages: (phone, listOptions) => listMessages(client, phone, listOptions) },
    media: {
      upload: unsupported('media.upload'),
      get: (id) => getMedia(client, id),
      delete: unsupported('media.delete'),
    },
    operators: { assign: (phone, email) => assignOperator(client, phone, email) },
    account: {
      phoneNumbers: unsupported('account.phoneNumbers'),
      businessProfile: unsupported('account.businessProfile'),
      updateBusinessProfile: unsupported('account.updateBusinessProfile'),
    },
    webhooks: {
      handleVerification: handleWatiVerification,
      parse: (request) => parseWatiWebhook(request, { webhookSecret: resolved.webhookSecret }),
    },
    async close() {
      templates.clear();
    },
  };
  Object.defineProperty(provider, WATI_PROVIDER, { value: true, enumerable: false });
  return provider;
}

/**
 * Sends a CSV template broadcast through a WATI provider (see {@link WatiProvider.sendTemplateCsv}),
 * for code that holds a provider from `loadProvider`.
 *
 * @throws {UnsupportedFeatureError} when `provider` is not a WATI provider.
 */
export function sendTemplateCsv(
  provider: MessagingProvider,
  request: TemplateCsvRequest,
): Promise<TemplateCsvResult> {
  if (!isWatiProvider(provider)) {
    return Promise.reject(
      new UnsupportedFeatureError(
        `Provider "${provider.id}" does not support CSV template sends: they are a WATI feature`,
        {
          provider: provider.id,
          capability: 'send.templateCsv',
        },
      ),
    );
  }
  return provider.sendTemplateCsv(request);
}
