import { randomUUID } from 'node:crypto';
import type {
  ConformanceHooks,
  ConformanceInboundEvent,
  ConformanceMessage,
  ConformanceProvider,
  ConformanceProviderContext,
  ProviderConformanceOptions,
} from '../types.js';
import { createExampleProvider, type ExampleProvider } from './example-adapter.js';
import { exampleDelivery } from './example-api.js';
import { exampleConformanceOptions } from './example-conformance-options.js';

// Deliberately broken variants of the example adapter, one defect each, for the kit's negative self-test.

type Broken = (provider: ExampleProvider, context: ConformanceProviderContext) => ConformanceProvider;

/** The example's conformance options with a provider `defect` applied to every provider created. */
export function brokenOptions(
  defect: Broken,
  overrides: Partial<ProviderConformanceOptions<ConformanceProvider>> = {},
): ProviderConformanceOptions<ConformanceProvider> {
  const options = exampleConformanceOptions();
  return {
    ...options,
    createProvider: (context) =>
      defect(
        createExampleProvider({
          baseUrl: context.baseUrl,
          apiKey: context.secrets.apiKey ?? '',
          webhookSecret: context.secrets.webhookSecret ?? '',
          hooks: context.hooks,
        }),
        context,
      ),
    ...overrides,
  } as ProviderConformanceOptions<ConformanceProvider>;
}

/** Stub methods for operations it does not claim, throwing as the old contract's stubs did. */
export const withStubs: Broken = (provider) => ({
  ...provider,
  markRead: async () => {
    throw new Error('markRead is not supported');
  },
  templates: {
    ...provider.templates,
    create: async () => {
      throw new Error('templates.create is not supported');
    },
  },
});

/** Claims `contacts.list` without attaching a `contacts` facet. */
export const claimsAbsentOperation: Broken = (provider) => ({
  ...provider,
  capabilities: new Set([...provider.capabilities, 'contacts.list']),
});

/** Declares a capability the contract does not have. */
export const declaresUnknownCapability: Broken = (provider) => ({
  ...provider,
  capabilities: new Set([...provider.capabilities, 'send.fax']),
});

/** Calls the API before validating (and before refusing unsupported messages). */
export const networkBeforeValidation: Broken = (provider, { baseUrl }) => ({
  ...provider,
  async send(message: ConformanceMessage) {
    await fetch(`${baseUrl}/v1/messages`, { method: 'POST', body: '{}' }).catch(() => undefined);
    return provider.send(message as Parameters<ExampleProvider['send']>[0]);
  },
});

/** Puts the API key into every `SendResult.raw`. */
export const leaksSecretInRaw: Broken = (provider, { secrets }) => ({
  ...provider,
  async send(message: ConformanceMessage) {
    const result = await provider.send(message as Parameters<ExampleProvider['send']>[0]);
    return {
      ...result,
      raw: { response: result.raw, request: { authorization: `Bearer ${secrets.apiKey}` } },
    };
  },
});

/** Attaches the request headers, API key included, to every error, as a non-enumerable field. */
export const leaksSecretInErrors: Broken = (provider, { secrets }) => ({
  ...provider,
  async send(message: ConformanceMessage) {
    try {
      return await provider.send(message as Parameters<ExampleProvider['send']>[0]);
    } catch (error) {
      Object.defineProperty(error, 'requestHeaders', {
        value: { authorization: `Bearer ${secrets.apiKey}` },
      });
      throw error;
    }
  },
});

/** Gives its hooks the unredacted request headers. */
export function leaksSecretInHooks(): Broken {
  return (_provider, context) => {
    const hooks: ConformanceHooks = {
      ...context.hooks,
      onRequest: (event) =>
        context.hooks.onRequest({
          ...(event as object),
          headers: { authorization: `Bearer ${context.secrets.apiKey}` },
        }),
    };
    return createExampleProvider({
      baseUrl: context.baseUrl,
      apiKey: context.secrets.apiKey ?? '',
      webhookSecret: context.secrets.webhookSecret ?? '',
      hooks,
    });
  };
}

/** Maps every API failure to a non-retryable `unknown` error. */
export const flattensErrors: Broken = (provider) => ({
  ...provider,
  async send(message: ConformanceMessage) {
    try {
      return await provider.send(message as Parameters<ExampleProvider['send']>[0]);
    } catch (error) {
      const { code, status } = error as { code: string; status?: number };
      if (status === undefined || code === 'auth_failed') throw error;
      Object.assign(error as object, { code: 'unknown', retryable: false, retryAfterMs: undefined });
      throw error;
    }
  },
});

function mapEvents(
  provider: ExampleProvider,
  map: (events: readonly ConformanceInboundEvent[]) => ConformanceInboundEvent[],
): ConformanceProvider['webhooks'] {
  return {
    handleVerification: (requestOrUrl) => provider.webhooks.handleVerification(requestOrUrl),
    parse: async (request) =>
      map(await provider.webhooks.parse(request as Parameters<ExampleProvider['webhooks']['parse']>[0])),
  };
}

/** Reports statuses under another id than `SendResult.id`. */
export const uncorrelatedStatuses: Broken = (provider) => ({
  ...provider,
  webhooks: mapEvents(provider, (events) =>
    events.map((event) => ({ ...event, messageId: `wamid.${event.messageId}` })),
  ),
});

/** Keeps only the first event of a batched delivery. */
export const dropsBatchedEvents: Broken = (provider) => ({
  ...provider,
  webhooks: mapEvents(provider, (events) => events.slice(0, 1)),
});

/** Gives every parsed event a new random id, so a redelivery cannot be recognised. */
export const randomEventIds: Broken = (provider) => ({
  ...provider,
  webhooks: mapEvents(provider, (events) =>
    events.map((event) => ({ ...event, providerIds: { id: randomUUID() } })),
  ),
});

/** Accepts deliveries whatever their signature (it re-signs them before parsing). */
export const acceptsForgedDeliveries: Broken = (provider, { secrets }) => ({
  ...provider,
  webhooks: {
    handleVerification: (requestOrUrl) => provider.webhooks.handleVerification(requestOrUrl),
    async parse(request) {
      const body = request instanceof Request ? await request.text() : request.body;
      const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
      const { events } = JSON.parse(text) as { events: object[] };
      const resigned = exampleDelivery(events, secrets.webhookSecret);
      return provider.webhooks.parse({ body: resigned.body, headers: { ...resigned.headers } });
    },
  },
});

/** Does not claim `send.replyTo`, and refuses it properly: a correct provider. */
export const refusesReplyTo: Broken = (provider) => ({
  ...provider,
  capabilities: new Set([...provider.capabilities].filter((name) => name !== 'send.replyTo')),
  async send(message: ConformanceMessage) {
    if (message.replyTo !== undefined) {
      throw Object.assign(new Error('Example cannot quote messages'), {
        code: 'unsupported_feature',
        retryable: false,
        provider: 'example',
        capability: 'send.replyTo',
      });
    }
    return provider.send(message as Parameters<ExampleProvider['send']>[0]);
  },
});

/** Does not claim `send.replyTo`, yet sends such messages without the quote. */
export const dropsReplyTo: Broken = (provider) => ({
  ...provider,
  capabilities: new Set([...provider.capabilities].filter((name) => name !== 'send.replyTo')),
  async send({ replyTo: _dropped, ...message }: ConformanceMessage) {
    return provider.send(message as Parameters<ExampleProvider['send']>[0]);
  },
});
