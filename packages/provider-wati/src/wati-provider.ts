import {
  type BulkRequest,
  type BulkStreamOptions,
  type BulkStreamResult,
  type ContactsFacet,
  type ConversationsFacet,
  type MediaFacet,
  type MessagingProvider,
  type OperatorsFacet,
  type TemplatesFacet,
  UnsupportedFeatureError,
} from '@switchboard/core';
import { listContacts, updateContactAttributes, upsertContact } from './contacts-api.js';
import { getMedia } from './media-api.js';
import { listMessages } from './messages-api.js';
import { assignOperator } from './operators-api.js';
import { sendBulk, sendBulkStream } from './send-bulk.js';
import { sendMessage } from './send-message.js';
import { postTemplateCsv, type TemplateCsvRequest, type TemplateCsvResult } from './send-template-csv.js';
import { TemplateCache } from './template-parameters.js';
import { fetchAllTemplates, listTemplates } from './templates-api.js';
import { listV3Channels, type WatiChannel } from './v3-channels-api.js';
import { WATI_LIMITS, watiCapabilities } from './wati-capabilities.js';
import { WatiClient } from './wati-client.js';
import { resolveWatiOptions, WATI_PROVIDER_ID, type WatiApi, type WatiOptions } from './wati-options.js';
import { watiWebhooks } from './webhooks/wati-webhooks.js';

const WATI_PROVIDER = Symbol.for('switchboard.provider.wati');

/**
 * A WATI provider: the neutral {@link MessagingProvider} with the facets WATI's API has, and WATI's
 * own extras. It lists templates (no create or delete), manages contacts, reads conversation
 * history, downloads media (no upload or delete) and assigns operators; it has no read receipts and
 * no account facet.
 */
export interface WatiProvider extends MessagingProvider {
  /** Native bulk in batches of up to 1000, each batch's results yielded once WATI answered it. */
  sendBulkStream(request: BulkRequest, options?: BulkStreamOptions): AsyncIterable<BulkStreamResult>;
  /** WATI has no read receipts. */
  markRead?: never;
  /** `list` only: WATI's API cannot create or delete templates. */
  readonly templates: Pick<TemplatesFacet, 'list'>;
  readonly contacts: ContactsFacet;
  readonly conversations: ConversationsFacet;
  /** `get` only: WATI has no media store to upload to or delete from. */
  readonly media: Pick<MediaFacet, 'get'>;
  readonly operators: OperatorsFacet;
  /** WATI's API has no phone number or business profile endpoints. */
  readonly account?: never;
  /** The template send API in use (`v2` unless configured otherwise). */
  readonly templateApi: 'v1' | 'v2';
  /** The WATI API in use: `legacy` (v1/v2, the default) or `v3`. */
  readonly api: WatiApi;
  /**
   * The account's channels other than the default one (`GET /api/ext/v3/channels`); send from one
   * with `providerOptions.wati.channel`. Present only with `api: 'v3'` (see {@link WatiV3Provider}):
   * the legacy API has no channel list.
   */
  listChannels?(options?: { signal?: AbortSignal }): Promise<WatiChannel[]>;
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

/** A WATI provider on the V3 API (`api: 'v3'`), which has `listChannels`. */
export interface WatiV3Provider extends WatiProvider {
  readonly api: 'v3';
  listChannels(options?: { signal?: AbortSignal }): Promise<WatiChannel[]>;
}

/** True for a provider made by {@link createWati} (also through `loadProvider`). */
export function isWatiProvider(provider: unknown): provider is WatiProvider {
  return (
    typeof provider === 'object' &&
    provider !== null &&
    (provider as Record<symbol, unknown>)[WATI_PROVIDER] === true
  );
}

/**
 * Creates a WATI provider.
 *
 * @example
 * ```ts
 * const wati = createWati({ transport: 'direct', baseUrl: process.env.WATI_API_URL, token: process.env.WATI_API_TOKEN });
 * await wati.send({ to: '+1 415 555 1234', type: 'text', text: 'Hello!' });
 * await wati.send(
 *   { to: '14155551234', type: 'template', template: { name: 'order_update', language: 'en', parameters: { name: 'Ada' } } },
 *   { providerOptions: { wati: { broadcastName: 'orders' } } },
 * );
 * await wati.operators.assign('14155551234', 'agent@example.com');
 * ```
 * @throws {ValidationError} naming the option (and its environment variable) when a credential or
 *   `baseUrl` is missing (neither given nor in the environment) or an option is invalid.
 */
export function createWati(options: WatiOptions & { api: 'v3' }): WatiV3Provider;
export function createWati(options: WatiOptions): WatiProvider;
export function createWati(options: WatiOptions): WatiProvider {
  const resolved = resolveWatiOptions(options);
  const client = new WatiClient(resolved);
  const templates = new TemplateCache(() => fetchAllTemplates(client), resolved.templateCacheTtlMs);
  const capabilities = watiCapabilities({
    webhookSecret: resolved.webhookSecret !== undefined,
    api: resolved.api,
  });
  const self = { id: WATI_PROVIDER_ID, capabilities };

  const provider: WatiProvider = {
    id: WATI_PROVIDER_ID,
    capabilities,
    limits: WATI_LIMITS,
    templateApi: resolved.templateApi,
    api: resolved.api,
    ...(resolved.api === 'v3'
      ? {
          listChannels: (listOptions?: { signal?: AbortSignal }) =>
            listV3Channels(client, listOptions?.signal),
        }
      : {}),
    send: (message, sendOptions) => sendMessage({ provider: self, client, templates }, message, sendOptions),
    sendBulk: (request, bulkOptions) => sendBulk({ provider: self, client, templates }, request, bulkOptions),
    sendBulkStream: (request, streamOptions) =>
      sendBulkStream({ provider: self, client, templates }, request, streamOptions),
    sendTemplateCsv: (request) => postTemplateCsv(client, request),
    templates: { list: (listOptions) => listTemplates(client, listOptions) },
    contacts: {
      list: (listOptions) => listContacts(client, listOptions),
      upsert: (contact) => upsertContact(client, contact),
      updateAttributes: (phone, attributes) => updateContactAttributes(client, phone, attributes),
    },
    conversations: { messages: (phone, listOptions) => listMessages(client, phone, listOptions) },
    media: { get: (id) => getMedia(client, id) },
    operators: { assign: (phone, email) => assignOperator(client, phone, email) },
    webhooks: watiWebhooks(resolved.webhookSecret),
    /** Forgets the template cache and closes both transports: see {@link MessagingProvider.close}. */
    async close() {
      templates.clear();
      client.transport.close();
      client.v3Transport?.close();
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
