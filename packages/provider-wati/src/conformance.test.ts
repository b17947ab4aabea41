import { createWatiEmulator, watiWebhookPayloads } from '@switchboard/testing';
import {
  type ConformanceSendResult,
  type ConformanceStatus,
  runProviderConformance,
} from '@switchboard/testing/conformance';
import { createWati } from './index.js';

// The contract every provider honours, checked by the kit any third-party adapter runs too:
// claimed capabilities work end to end, the others fail before any request, errors and webhooks are
// neutral, and no secret leaks. Timestamps are fixed so redelivered webhooks compare equal.
const SECRETS = {
  token: 'conformance-wati-token-0123456789',
  webhookSecret: 'conformance-webhook-secret-abcdef',
};
const JOHN = '14155551234';
const JANE = '14155555678';
const JOHN_BSUID = 'US.13491208655302741918';
const T = new Date('2026-01-02T03:04:05Z');
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const ids = (sent: ConformanceSendResult) => ({
  id: sent.providerIds?.id ?? sent.id,
  whatsappMessageId: sent.providerIds?.whatsappMessageId,
  localMessageId: sent.providerIds?.localMessageId ?? null,
  timestamp: T,
});
const payload = (sent: ConformanceSendResult, status: ConformanceStatus) =>
  status === 'sent'
    ? watiWebhookPayloads.sessionMessageSentV2({ ...ids(sent), waId: sent.to })
    : status === 'delivered'
      ? watiWebhookPayloads.sentMessageDeliveredV2(ids(sent))
      : watiWebhookPayloads.sentMessageReadV2(ids(sent));
const delivery = (body: unknown, secret: string = SECRETS.webhookSecret) => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', 'x-switchboard-webhook-secret': secret },
});

// The same contract on the legacy API (default) and on V3 (legacy endpoints kept for replyTo, media;
// typing indicators and BSUID recipients claimed on V3 only).
for (const api of ['legacy', 'v3'] as const) {
  const emulator = createWatiEmulator({
    tokens: [SECRETS.token],
    contacts: [
      { whatsappNumber: JOHN, name: 'John', bsuid: JOHN_BSUID },
      { whatsappNumber: JANE, name: 'Jane' },
    ],
  });
  await emulator.simulateInboundMessage({
    from: JOHN,
    name: 'John',
    type: 'document',
    media: {
      data: new TextEncoder().encode('%PDF-1.4 menu'),
      mimeType: 'application/pdf',
      filename: 'menu.pdf',
    },
  });
  const [fileName] = emulator.state.media.keys();

  runProviderConformance({
    name: api === 'legacy' ? 'wati (direct)' : 'wati (direct, api v3)',
    emulator,
    secrets: SECRETS,
    createProvider: ({ baseUrl, secrets, hooks }) =>
      createWati({
        transport: 'direct',
        baseUrl,
        token: secrets.token,
        webhookSecret: { value: secrets.webhookSecret },
        retry: false,
        rateLimit: false,
        hooks,
        env: {},
        api,
      }),
    expectHookEvents: true,
    fixtures: {
      messages: {
        'send.text': { type: 'text', to: JOHN, text: 'Hello' },
        'send.image': {
          type: 'image',
          to: JOHN,
          media: { url: 'https://example.com/a.jpg' },
          caption: 'A photo',
        },
        'send.video': { type: 'video', to: JOHN, media: { url: 'https://example.com/a.mp4' } },
        'send.audio': { type: 'audio', to: JOHN, media: { url: 'https://example.com/a.mp3' } },
        'send.document': {
          type: 'document',
          to: JOHN,
          media: { url: 'https://example.com/a.pdf' },
          filename: 'a.pdf',
        },
        'send.buttons': {
          type: 'buttons',
          to: JOHN,
          body: 'Proceed?',
          buttons: [{ id: 'yes', title: 'Yes' }],
        },
        'send.list': {
          type: 'list',
          to: JOHN,
          body: 'Choose',
          buttonText: 'View',
          sections: [{ title: 'S', rows: [{ id: 'a', title: 'A' }] }],
        },
        'send.template': {
          type: 'template',
          to: JOHN,
          template: { name: 'order_update', language: 'en', parameters: ['Ada', 'A-42'] },
        },
        'send.replyTo': {
          type: 'text',
          to: JOHN,
          text: 'Yes',
          replyTo: 'wamid.HBgLMTQxNTU1NTEyMzQVAgARGBI1RjQ2',
        },
        'send.media.data': { type: 'image', to: JOHN, media: { data: png, mimeType: 'image/png' } },
        // V3 only: on the legacy API the kit checks these are refused before any request.
        'send.typing_indicator': {
          type: 'typing_indicator',
          to: JOHN,
          messageId: 'wamid.HBgLMTQxNTU1NTEyMzQVAgARGBI1RjQ2',
        },
        'send.to.userId': { type: 'text', to: JOHN_BSUID, text: 'Hello by BSUID' },
      },
      bulk: {
        template: { name: 'order_update', language: 'en' },
        recipients: [
          { to: JOHN, parameters: ['John', '1'] },
          { to: JANE, parameters: ['Jane', '2'] },
        ],
      },
      operations: {
        'contacts.upsert': [{ phone: '+351 912 345 678', name: 'Rita', attributes: { city: 'Lisbon' } }],
        'contacts.updateAttributes': [JANE, { tier: 'silver' }],
        'conversations.messages': [JOHN],
        'media.get': [fileName],
        'operators.assign': [JOHN, 'agent@example.com'],
      },
    },
    webhooks: {
      status: (sent, status) => delivery(payload(sent, status)),
      batch: (sent) => delivery(sent.map((s) => payload(s, 'delivered'))),
      forged: (sent) => delivery(payload(sent, 'read'), 'wrong-webhook-secret-000'),
      verification: { accept: 'https://example.com/webhooks/wati' },
    },
  });
}
