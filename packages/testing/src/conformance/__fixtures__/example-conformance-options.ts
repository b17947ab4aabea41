import type { ProviderConformanceOptions } from '../types.js';
import { createExampleProvider, type ExampleProvider } from './example-adapter.js';
import { EXAMPLE_SECRETS, exampleApiHandlers, exampleDelivery, exampleStatusEvent } from './example-api.js';

/** The conformance options of the example adapter: what the README's "Writing a provider" passes in. */
export function exampleConformanceOptions(): ProviderConformanceOptions<
  ExampleProvider,
  typeof EXAMPLE_SECRETS
> {
  return {
    name: 'example',
    handlers: exampleApiHandlers(EXAMPLE_SECRETS.apiKey),
    secrets: EXAMPLE_SECRETS,
    createProvider: ({ baseUrl, secrets, hooks }) => createExampleProvider({ baseUrl, ...secrets, hooks }),
    capabilities: [
      'send.text',
      'send.template',
      'send.replyTo',
      'send.bulk',
      'templates.list',
      'webhooks.signature',
    ],
    fixtures: {
      messages: {
        'send.text': { type: 'text', to: '+1 415 555 0100', text: 'Hello from the conformance kit' },
        'send.template': {
          type: 'template',
          to: '+14155550100',
          template: { name: 'welcome', language: 'en' },
        },
        'send.replyTo': { type: 'text', to: '+14155550100', text: 'A reply', replyTo: 'msg_1' },
      },
      bulk: {
        template: { name: 'welcome', language: 'en' },
        recipients: [{ to: '+14155550100' }, { to: '+14155550101' }],
      },
    },
    webhooks: {
      status: (sent, status) => exampleDelivery([exampleStatusEvent(sent, status)]),
      batch: (sent) => exampleDelivery(sent.map((result) => exampleStatusEvent(result, 'delivered'))),
      forged: (sent) => exampleDelivery([exampleStatusEvent(sent, 'read')], 'not-the-webhook-secret'),
    },
    expectHookEvents: true,
  };
}
