// The adapter against the independent Cloud API emulator, which validates every request body
// against Meta's own OpenAPI description: two readings of the contract that must agree on the
// wire, and status webhooks (signed) that must correlate with the ids `send` returned. Templates,
// media, account and the Maton transport are in whatsapp-cloud-emulator-account.integration.test.ts,
// inbound webhooks in whatsapp-cloud-emulator-webhooks.integration.test.ts.
import {
  AuthenticationError,
  type OutboundMessage,
  requireOperation,
  UnsupportedFeatureError,
} from '@switchboard/core';
import { DEFAULT_CLOUD_PHONE_NUMBER } from '@switchboard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CloudEmulatorHarness,
  CUSTOMER,
  EMULATOR_TOKEN,
  startCloudEmulatorHarness,
} from './__fixtures__/cloud-emulator-harness.js';
import { KIB, webpBytes } from './__fixtures__/media-bytes.js';

let harness: CloudEmulatorHarness;
const provider: CloudEmulatorHarness['provider'] = (options) => harness.provider(options);

beforeAll(async () => {
  harness = await startCloudEmulatorHarness();
});

beforeEach(() => {
  harness.events.length = 0;
});

afterAll(async () => {
  await harness.close();
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (caught) {
    return caught;
  }
  return undefined;
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const everyType: [string, OutboundMessage][] = [
  [
    'text with preview',
    { type: 'text', to: '+1 650-555-1234', text: 'See https://example.com', previewUrl: true },
  ],
  [
    'image by link',
    { type: 'image', to: CUSTOMER, media: { url: 'https://example.com/a.jpg' }, caption: 'A photo' },
  ],
  ['image uploaded from bytes', { type: 'image', to: CUSTOMER, media: { data: png, mimeType: 'image/png' } }],
  [
    'video by link',
    { type: 'video', to: CUSTOMER, media: { url: 'https://example.com/a.mp4' }, caption: 'Clip' },
  ],
  ['audio by link', { type: 'audio', to: CUSTOMER, media: { url: 'https://example.com/a.mp3' } }],
  [
    'document uploaded from bytes',
    {
      type: 'document',
      to: CUSTOMER,
      media: { data: new TextEncoder().encode('%PDF-1.4'), mimeType: 'application/pdf' },
      filename: 'invoice.pdf',
      caption: 'Your invoice',
    },
  ],
  ['sticker by link', { type: 'sticker', to: CUSTOMER, media: { url: 'https://example.com/s.webp' } }],
  [
    'static sticker uploaded from bytes',
    { type: 'sticker', to: CUSTOMER, media: { data: webpBytes('static', 90 * KIB), mimeType: 'image/webp' } },
  ],
  [
    'animated sticker uploaded from bytes',
    {
      type: 'sticker',
      to: CUSTOMER,
      media: { data: webpBytes('animated', 400 * KIB), mimeType: 'image/webp' },
    },
  ],
  [
    'location',
    { type: 'location', to: CUSTOMER, latitude: 37.7749, longitude: -122.4194, name: 'HQ', address: 'SF' },
  ],
  [
    'contacts',
    {
      type: 'contacts',
      to: CUSTOMER,
      contacts: [
        {
          name: { formatted: 'John Doe', first: 'John', last: 'Doe' },
          phones: [{ phone: '+1 415 555 0000', type: 'CELL', waId: '14155550000' }],
          emails: [{ email: 'john@example.com', type: 'WORK' }],
          org: { company: 'Acme', title: 'CTO' },
          urls: [{ url: 'https://acme.example', type: 'WORK' }],
          addresses: [{ street: '1 Main St', city: 'SF', countryCode: 'US', type: 'WORK' }],
          birthday: '1990-01-31',
        },
      ],
    },
  ],
  [
    'buttons',
    {
      type: 'buttons',
      to: CUSTOMER,
      header: 'Checkout',
      body: 'Proceed?',
      footer: 'Reply anytime',
      buttons: [
        { id: 'yes', title: 'Yes' },
        { id: 'no', title: 'No' },
      ],
    },
  ],
  [
    'list',
    {
      type: 'list',
      to: CUSTOMER,
      header: 'Menu',
      body: 'Choose',
      buttonText: 'View',
      sections: [
        { title: 'Fruit', rows: [{ id: 'apple', title: 'Apple', description: 'Crisp' }] },
        { title: 'Veg', rows: [{ id: 'kale', title: 'Kale' }] },
      ],
    },
  ],
  [
    'template without parameters',
    { type: 'template', to: CUSTOMER, template: { name: 'hello_world', language: 'en_US' } },
  ],
  [
    'template with positional parameters',
    {
      type: 'template',
      to: CUSTOMER,
      template: { name: 'order_confirmation', language: 'en_US', parameters: ['Ada', '42'] },
    },
  ],
  [
    'template with named parameters and button parameters',
    {
      type: 'template',
      to: CUSTOMER,
      template: {
        name: 'shipping_update',
        language: 'en_US',
        parameters: { customer_name: 'Ada', order_number: 'SKB-1' },
        buttons: [
          { type: 'quick_reply', index: 0, payload: 'stop-updates' },
          { type: 'url', index: 1, text: 'SKB-1' },
        ],
      },
    },
  ],
];

describe('every message type passes the emulator’s OpenAPI validation', () => {
  it.each(everyType)('%s', async (_, message) => {
    const sent = await provider().send(message);
    expect(sent.id).toMatch(/^wamid\./);
    expect(sent.to).toBe(CUSTOMER);
    await harness.emulator.flushWebhooks();
    expect(harness.statusesOf(sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('a reply and a reaction to an inbound message, then marks it read', async () => {
    const cloud = provider();
    const inbound = await harness.emulator.simulateInboundMessage({
      from: CUSTOMER,
      name: 'Sheena',
      text: 'Blue?',
    });
    const reply = await cloud.send({
      type: 'text',
      to: CUSTOMER,
      text: 'Yes, in blue.',
      replyTo: inbound.id,
    });
    const reaction = await cloud.send({ type: 'reaction', to: CUSTOMER, messageId: inbound.id, emoji: '👍' });
    await cloud.markRead(inbound.id);
    expect(reply.id).not.toBe(reaction.id);
    const { messages, inboundMessages } = harness.emulator.state;
    expect(messages.find((message) => message.id === reply.id)?.body.context).toStrictEqual({
      message_id: inbound.id,
    });
    expect(messages.find((message) => message.id === reaction.id)?.body.reaction).toStrictEqual({
      message_id: inbound.id,
      emoji: '👍',
    });
    expect(inboundMessages.find((message) => message.id === inbound.id)?.readAt).toBeInstanceOf(Date);
  });
});

describe('errors the emulator produces the way Meta does', () => {
  it('a bad token is an AuthenticationError without the token', async () => {
    const error = await provider({ accessToken: 'EAAG-wrong-token-999' })
      .send({ type: 'text', to: CUSTOMER, text: 'hi' })
      .catch((e) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.providerCode).toBe(190);
    expect(JSON.stringify(error.toJSON())).not.toContain('EAAG-wrong-token-999');
  });

  it('an unknown template is template_not_found with the trace id', async () => {
    const error = await provider()
      .send({ type: 'template', to: CUSTOMER, template: { name: 'no_such_template', language: 'en_US' } })
      .catch((e) => e);
    expect(error.code).toBe('template_not_found');
    expect(error.requestId).toMatch(/\S/);
  });

  it('has no facet for what the Cloud API lacks, so nothing reaches the API', () => {
    const cloud = provider();
    expect(cloud.contacts).toBeUndefined();
    const error = catchError(() => requireOperation(cloud, 'contacts.list'));
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unsupported_feature', capability: 'contacts.list' });
  });
});

describe('callback data (biz_opaque_callback_data)', () => {
  const statusRaws = (messageId: string) =>
    harness.events
      .filter((event) => event.kind === 'status' && event.messageId === messageId)
      .map((event) => event.raw);

  it('passes Meta’s schema at its 512-character limit and comes back in every status webhook', async () => {
    const data = `order-42:${'x'.repeat(503)}`;
    expect(data).toHaveLength(512);
    const sent = await provider().send(
      { type: 'text', to: CUSTOMER, text: 'Your order shipped' },
      { providerOptions: { 'whatsapp-cloud': { bizOpaqueCallbackData: data } } },
    );
    await harness.emulator.flushWebhooks();
    expect(harness.statusesOf(sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
    expect(statusRaws(sent.id)).toStrictEqual([
      expect.objectContaining({ biz_opaque_callback_data: data }),
      expect.objectContaining({ biz_opaque_callback_data: data }),
      expect.objectContaining({ biz_opaque_callback_data: data }),
    ]);
  });

  it('agrees with the emulator on the limit: it refuses 513 characters too', async () => {
    // Straight to the emulator, past the adapter's own check, so the two readings are compared.
    const response = await fetch(`${harness.baseUrl}/v21.0/${DEFAULT_CLOUD_PHONE_NUMBER.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${EMULATOR_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        to: CUSTOMER,
        type: 'text',
        text: { body: 'x' },
        biz_opaque_callback_data: 'x'.repeat(513),
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('biz_opaque_callback_data');
    const error = await provider()
      .send(
        { type: 'text', to: CUSTOMER, text: 'x' },
        { providerOptions: { 'whatsapp-cloud': { bizOpaqueCallbackData: 'x'.repeat(513) } } },
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'validation_failed' });
  });

  it('sendBulk sends the campaign with every recipient’s template, and every status echoes it', async () => {
    const result = await provider().sendBulk({
      template: { name: 'hello_world', language: 'en_US' },
      campaign: 'spring-sale-2026',
      recipients: [{ to: CUSTOMER }, { to: '16505550000' }],
    });
    const ids = result.results.map((recipient) => recipient.id as string);
    expect(result.results.every((recipient) => recipient.ok)).toBe(true);
    await harness.emulator.flushWebhooks();
    for (const id of ids) {
      expect(statusRaws(id)).toHaveLength(3);
      for (const raw of statusRaws(id))
        expect(raw).toMatchObject({ biz_opaque_callback_data: 'spring-sale-2026' });
    }
  });
});
