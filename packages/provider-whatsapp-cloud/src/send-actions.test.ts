import { type OutboundMessage, ValidationError } from '@switchboard/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CloudEmulatorHarness,
  CUSTOMER,
  startCloudEmulatorHarness,
} from './__fixtures__/cloud-emulator-harness.js';
import { envelope, sentMessageBody as sentBody } from './__fixtures__/graph-server.js';
import { WHATSAPP_CLOUD_LIMITS } from './whatsapp-cloud-limits.js';

const BSUID = 'US.13491208655302741918';

describe('send: CTA URL, location request, products, Flows and BSUID recipients on the wire', () => {
  it('sends a CTA URL button as Meta documents it', async () => {
    expect(
      await sentBody({
        type: 'cta_url',
        to: CUSTOMER,
        header: 'Available Dates',
        body: 'Tap the button below to see available dates.',
        footer: 'Dates subject to change.',
        buttonText: 'See Dates',
        url: 'https://www.luckyshrub.com?clickID=kqDGWd24Q5TRwoEQTICY7W1JKoXvaZOXWAS7h1P76s0R7Paec4',
      }),
    ).toStrictEqual({
      ...envelope(),
      type: 'interactive',
      interactive: {
        type: 'cta_url',
        header: { type: 'text', text: 'Available Dates' },
        body: { text: 'Tap the button below to see available dates.' },
        footer: { text: 'Dates subject to change.' },
        action: {
          name: 'cta_url',
          parameters: {
            display_text: 'See Dates',
            url: 'https://www.luckyshrub.com?clickID=kqDGWd24Q5TRwoEQTICY7W1JKoXvaZOXWAS7h1P76s0R7Paec4',
          },
        },
      },
    });
  });

  it('sends a location request as Meta documents it', async () => {
    expect(
      await sentBody({ type: 'location_request', to: CUSTOMER, body: 'Where should we pick you up?' }),
    ).toStrictEqual({
      ...envelope(),
      type: 'interactive',
      interactive: {
        type: 'location_request_message',
        body: { text: 'Where should we pick you up?' },
        action: { name: 'send_location' },
      },
    });
  });

  it('sends single- and multi-product messages', async () => {
    expect(
      await sentBody({ type: 'product', to: CUSTOMER, catalogId: '367025965434465', productId: 'SKU-1' }),
    ).toStrictEqual({
      ...envelope(),
      type: 'interactive',
      interactive: {
        type: 'product',
        action: { catalog_id: '367025965434465', product_retailer_id: 'SKU-1' },
      },
    });
    expect(
      await sentBody({
        type: 'product_list',
        to: CUSTOMER,
        catalogId: '146265584024623',
        header: 'Our picks',
        body: 'Have a look',
        sections: [
          { title: 'Shrubs', productIds: ['SKU-1', 'SKU-2'] },
          { title: 'Trees', productIds: ['SKU-3'] },
        ],
      }),
    ).toStrictEqual({
      ...envelope(),
      type: 'interactive',
      interactive: {
        type: 'product_list',
        header: { type: 'text', text: 'Our picks' },
        body: { text: 'Have a look' },
        action: {
          catalog_id: '146265584024623',
          sections: [
            {
              title: 'Shrubs',
              product_items: [{ product_retailer_id: 'SKU-1' }, { product_retailer_id: 'SKU-2' }],
            },
            { title: 'Trees', product_items: [{ product_retailer_id: 'SKU-3' }] },
          ],
        },
      },
    });
  });

  it('sends a Flow with flow_message_version 3 and its first screen', async () => {
    expect(
      await sentBody({
        type: 'flow',
        to: CUSTOMER,
        body: 'Book your appointment',
        flowId: '1234567890123456',
        buttonText: 'Book!',
        flowToken: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
        screen: 'WELCOME_SCREEN',
        data: { product_name: 'name' },
      }),
    ).toStrictEqual({
      ...envelope(),
      type: 'interactive',
      interactive: {
        type: 'flow',
        body: { text: 'Book your appointment' },
        action: {
          name: 'flow',
          parameters: {
            flow_message_version: '3',
            flow_id: '1234567890123456',
            flow_cta: 'Book!',
            flow_token: 'AQAAAAACS5FpgQ_cAAAAAD0QI3s.',
            flow_action_payload: { screen: 'WELCOME_SCREEN', data: { product_name: 'name' } },
          },
        },
      },
    });
  });

  it('addresses a business-scoped user id as `recipient`, without `to`', async () => {
    expect(await sentBody({ type: 'text', to: BSUID, text: 'Hi' })).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      recipient: BSUID,
      type: 'text',
      text: { preview_url: false, body: 'Hi' },
    });
  });

  it('publishes the limits of the new types as data', () => {
    expect(WHATSAPP_CLOUD_LIMITS.ctaUrl).toStrictEqual({ buttonTextMaxLength: 20 });
    expect(WHATSAPP_CLOUD_LIMITS.flow).toStrictEqual({ buttonTextMaxLength: 30 });
    expect(WHATSAPP_CLOUD_LIMITS.productList).toStrictEqual({
      sectionsMax: 10,
      productsMax: 30,
      sectionTitleMaxLength: 24,
    });
  });
});

describe('send: the new types against the emulator (Meta OpenAPI + documented additions)', () => {
  let harness: CloudEmulatorHarness;
  beforeAll(async () => {
    harness = await startCloudEmulatorHarness();
  });
  beforeEach(() => {
    harness.events.length = 0;
  });
  afterAll(async () => {
    await harness.close();
  });

  it.each([
    {
      type: 'cta_url',
      to: CUSTOMER,
      body: 'See dates',
      buttonText: 'See Dates',
      url: 'https://example.com/d',
    },
    { type: 'location_request', to: CUSTOMER, body: 'Share your location' },
    { type: 'product', to: CUSTOMER, catalogId: '367025965434465', productId: 'SKU-1', body: 'Best seller' },
    {
      type: 'product_list',
      to: CUSTOMER,
      catalogId: '146265584024623',
      header: 'Picks',
      body: 'Have a look',
      footer: 'VAT included',
      sections: [{ productIds: ['SKU-1', 'SKU-2'] }],
    },
    { type: 'flow', to: CUSTOMER, body: 'Sign up', flowName: 'signup', buttonText: 'Sign up', mode: 'draft' },
    { type: 'text', to: BSUID, text: 'Hello by BSUID' },
  ] satisfies OutboundMessage[])('$type is accepted and reported sent, delivered, read', async (message) => {
    const sent = await harness.provider().send(message);
    expect(sent.id).toMatch(/^wamid\./);
    expect(sent.to).toBe(message.to);
    await harness.emulator.flushWebhooks();
    expect(harness.statusesOf(sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('shows a typing indicator on an inbound message (which it also marks read)', async () => {
    const inbound = await harness.emulator.simulateInboundMessage({
      from: CUSTOMER,
      name: 'Sheena',
      text: 'Hi?',
    });
    const sentBefore = harness.emulator.state.messages.length;
    const result = await harness
      .provider()
      .send({ type: 'typing_indicator', to: CUSTOMER, messageId: inbound.id });
    expect(result).toMatchObject({
      id: inbound.id,
      to: CUSTOMER,
      status: 'accepted',
      raw: { success: true },
    });
    const stored = harness.emulator.state.inboundMessages.find((message) => message.id === inbound.id);
    expect(stored?.readAt).toBeInstanceOf(Date);
    // Nothing was sent to the user: no outbound message, no status webhooks.
    expect(harness.emulator.state.messages).toHaveLength(sentBefore);
  });

  it('refuses a typing indicator quoting a message, before any request', async () => {
    const before = harness.emulator.state.messages.length;
    await expect(
      harness
        .provider()
        .send({ type: 'typing_indicator', to: CUSTOMER, messageId: 'wamid.X', replyTo: 'wamid.Y' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(harness.emulator.state.messages).toHaveLength(before);
  });

  it('declares every new capability', () => {
    const capabilities = harness.provider().capabilities;
    for (const capability of [
      'send.cta_url',
      'send.location_request',
      'send.typing_indicator',
      'send.product',
      'send.product_list',
      'send.flow',
      'send.to.userId',
    ] as const) {
      expect(capabilities.has(capability)).toBe(true);
    }
  });
});
