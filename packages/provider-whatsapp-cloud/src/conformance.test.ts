import {
  buildCloudStatusWebhook,
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
  signPayload,
} from '@switchboard/testing';
import { runProviderConformance } from '@switchboard/testing/conformance';
import { createWhatsAppCloud, type WhatsAppCloudProvider } from './index.js';

// The contract every provider honours, checked by the kit any third-party adapter runs too:
// claimed capabilities work end to end, the others fail before any request, errors and webhooks are
// neutral, and no secret leaks. Timestamps are fixed so redelivered webhooks compare equal.
const SECRETS = {
  accessToken: 'EAAG-conformance-token-0123456789',
  appSecret: 'conformance-app-secret-abcdef',
  verifyToken: 'conformance-verify-token-42',
};
const CUSTOMER = '16505551234';
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const meta = {
  businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
  displayPhoneNumber: DEFAULT_CLOUD_PHONE_NUMBER.displayPhoneNumber,
};
const T = new Date('2026-01-02T03:04:05Z');
function signed(payload: unknown, secret: string = SECRETS.appSecret) {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${signPayload(body, secret)}`,
    },
  };
}
// Each run has its own emulator: the checks create and delete templates.
async function runOn(transport: 'direct' | 'maton'): Promise<void> {
  const emulator = createWhatsAppCloudEmulator({
    accessTokens: [SECRETS.accessToken],
    appSecret: SECRETS.appSecret,
  });
  const inbound = await emulator.simulateInboundMessage({ from: CUSTOMER, name: 'Sheena', text: 'Blue?' });
  runProviderConformance({
    name: `whatsapp-cloud (${transport})`,
    emulator,
    secrets: SECRETS,
    createProvider: ({ baseUrl, secrets, hooks }) =>
      createWhatsAppCloud({
        ...(transport === 'direct'
          ? { transport, baseUrl, accessToken: secrets.accessToken }
          : {
              transport,
              // The emulator serves Maton's gateway under /whatsapp-business.
              baseUrl: `${baseUrl}/whatsapp-business`,
              apiKey: secrets.accessToken,
              connectionId: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
            }),
        appSecret: secrets.appSecret,
        verifyToken: secrets.verifyToken,
        phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
        businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
        retry: false,
        hooks,
        env: {},
      }),
    expectHookEvents: true,
    fixtures: {
      messages: {
        'send.text': { type: 'text', to: CUSTOMER, text: 'Hello' },
        'send.image': {
          type: 'image',
          to: CUSTOMER,
          media: { url: 'https://example.com/a.jpg' },
          caption: 'A photo',
        },
        'send.video': { type: 'video', to: CUSTOMER, media: { url: 'https://example.com/a.mp4' } },
        'send.audio': { type: 'audio', to: CUSTOMER, media: { url: 'https://example.com/a.mp3' } },
        'send.document': {
          type: 'document',
          to: CUSTOMER,
          media: { url: 'https://example.com/a.pdf' },
          filename: 'a.pdf',
        },
        'send.sticker': { type: 'sticker', to: CUSTOMER, media: { url: 'https://example.com/s.webp' } },
        'send.location': { type: 'location', to: CUSTOMER, latitude: 37.7, longitude: -122.4 },
        'send.contacts': {
          type: 'contacts',
          to: CUSTOMER,
          contacts: [
            { name: { formatted: 'John Doe', first: 'John' }, phones: [{ phone: '+1 415 555 0000' }] },
          ],
        },
        'send.buttons': {
          type: 'buttons',
          to: CUSTOMER,
          body: 'Proceed?',
          buttons: [{ id: 'yes', title: 'Yes' }],
        },
        'send.list': {
          type: 'list',
          to: CUSTOMER,
          body: 'Choose',
          buttonText: 'View',
          sections: [{ rows: [{ id: 'a', title: 'A' }] }],
        },
        'send.template': {
          type: 'template',
          to: CUSTOMER,
          template: { name: 'hello_world', language: 'en_US' },
        },
        'send.reaction': { type: 'reaction', to: CUSTOMER, messageId: inbound.id, emoji: '👍' },
        'send.cta_url': {
          type: 'cta_url',
          to: CUSTOMER,
          body: 'See dates',
          buttonText: 'See Dates',
          url: 'https://example.com/dates',
        },
        'send.location_request': { type: 'location_request', to: CUSTOMER, body: 'Where are you?' },
        'send.typing_indicator': { type: 'typing_indicator', to: CUSTOMER, messageId: inbound.id },
        'send.product': { type: 'product', to: CUSTOMER, catalogId: '367025965434465', productId: 'SKU-1' },
        'send.product_list': {
          type: 'product_list',
          to: CUSTOMER,
          catalogId: '146265584024623',
          header: 'Picks',
          body: 'Have a look',
          sections: [{ productIds: ['SKU-1', 'SKU-2'] }],
        },
        'send.flow': {
          type: 'flow',
          to: CUSTOMER,
          body: 'Sign up',
          flowId: '1234567890',
          buttonText: 'Open',
        },
        'send.to.userId': { type: 'text', to: 'US.13491208655302741918', text: 'Hello by BSUID' },
        'send.replyTo': { type: 'text', to: CUSTOMER, text: 'Yes', replyTo: inbound.id },
        'send.media.data': { type: 'image', to: CUSTOMER, media: { data: png, mimeType: 'image/png' } },
        'send.media.id': async (p: WhatsAppCloudProvider) => ({
          type: 'image',
          to: CUSTOMER,
          media: { id: (await p.media.upload({ data: png, mimeType: 'image/png' })).id },
        }),
      },
      bulk: {
        template: { name: 'hello_world', language: 'en_US' },
        recipients: [{ to: CUSTOMER }, { to: '16505550000' }],
      },
      operations: {
        'messages.markRead': [inbound.id],
        'templates.create': [
          {
            name: 'conformance_reminder',
            language: 'en_US',
            category: 'utility',
            body: { text: 'Hi {{1}}', examples: ['Ada'] },
          },
        ],
        'templates.delete': ['shipping_update'],
        'media.upload': [{ data: png, mimeType: 'image/png', filename: 'logo.png' }],
        'media.get': async (p: WhatsAppCloudProvider) => [
          (await p.media.upload({ data: png, mimeType: 'image/png' })).id,
        ],
        'media.delete': async (p: WhatsAppCloudProvider) => [
          (await p.media.upload({ data: png, mimeType: 'image/png' })).id,
        ],
        'account.updateBusinessProfile': [{ about: 'Conformance' }],
      },
    },
    webhooks: {
      status: (sent, status) =>
        signed(
          buildCloudStatusWebhook({
            ...meta,
            messageId: sent.id,
            status,
            timestamp: T,
            recipientId: sent.to,
          }),
        ),
      batch: (sent) => {
        const payloads = sent.map((s) =>
          buildCloudStatusWebhook({
            ...meta,
            messageId: s.id,
            status: 'delivered',
            timestamp: T,
            recipientId: s.to,
          }),
        );
        return signed({ object: 'whatsapp_business_account', entry: payloads.flatMap((p) => p.entry) });
      },
      forged: (sent) =>
        signed(
          buildCloudStatusWebhook({ ...meta, messageId: sent.id, status: 'read', timestamp: T }),
          'wrong-app-secret-000',
        ),
      verification: {
        accept: `https://example.com/webhooks?hub.mode=subscribe&hub.verify_token=${SECRETS.verifyToken}&hub.challenge=1158201444`,
        challenge: '1158201444',
        reject:
          'https://example.com/webhooks?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444',
      },
    },
  });
}

await runOn('direct');
await runOn('maton');
