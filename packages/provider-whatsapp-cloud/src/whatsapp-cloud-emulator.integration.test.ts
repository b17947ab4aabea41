// The adapter against the independent Cloud API emulator, which validates every request body
// against Meta's own OpenAPI description: two readings of the contract that must agree on the
// wire, and status webhooks (signed) that must correlate with the ids `send` returned.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiError,
  AuthenticationError,
  createWebhookHandler,
  type InboundEvent,
  type InboundMessageEvent,
  type InboundStatusEvent,
  type OutboundMessage,
  toNodeListener,
  UnsupportedFeatureError,
} from '@switchboard/core';
import {
  createWhatsAppCloudEmulator,
  DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
  DEFAULT_CLOUD_PHONE_NUMBER,
  type WhatsAppCloudEmulator,
} from '@switchboard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WhatsAppCloudOptions } from './whatsapp-cloud-options.js';
import { createWhatsAppCloud } from './whatsapp-cloud-provider.js';

const TOKEN = 'EAAG-integration-token-123';
const APP_SECRET = 'integration-app-secret';
const CUSTOMER = '16505551234';

let emulator: WhatsAppCloudEmulator;
let baseUrl: string;
let receiver: Server;
let events: InboundEvent[];

function provider(options: Partial<WhatsAppCloudOptions> = {}) {
  return createWhatsAppCloud({
    transport: 'direct',
    baseUrl,
    accessToken: TOKEN,
    phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
    businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
    appSecret: APP_SECRET,
    verifyToken: 'verify-me',
    retry: false,
    ...options,
  });
}

beforeAll(async () => {
  emulator = createWhatsAppCloudEmulator({ accessTokens: [TOKEN], appSecret: APP_SECRET });
  baseUrl = (await emulator.listen()).url;
  const handler = createWebhookHandler(provider(), (event) => {
    events.push(event);
  });
  receiver = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  emulator.setWebhook({
    url: `http://127.0.0.1:${port}/webhooks/whatsapp-cloud`,
    statusDelaysMs: { sent: 0, delivered: 0, read: 0 },
  });
});

beforeEach(() => {
  events = [];
});

afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => receiver.close(resolve));
});

function statusesOf(id: string): string[] {
  return events
    .filter((event): event is InboundStatusEvent => event.kind === 'status' && event.messageId === id)
    .map((event) => event.status);
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
    await emulator.flushWebhooks();
    expect(statusesOf(sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('a reply and a reaction to an inbound message, then marks it read', async () => {
    const cloud = provider();
    const inbound = await emulator.simulateInboundMessage({ from: CUSTOMER, name: 'Sheena', text: 'Blue?' });
    const reply = await cloud.send({
      type: 'text',
      to: CUSTOMER,
      text: 'Yes, in blue.',
      replyTo: inbound.id,
    });
    const reaction = await cloud.send({ type: 'reaction', to: CUSTOMER, messageId: inbound.id, emoji: '👍' });
    await cloud.markRead(inbound.id);
    expect(reply.id).not.toBe(reaction.id);
    const body = emulator.state.messages.find((message) => message.id === reply.id)?.body;
    expect(body?.context).toStrictEqual({ message_id: inbound.id });
  });
});

describe('account and template endpoints', () => {
  it('media upload, get (url, mime type, sha256, size) and delete', async () => {
    const cloud = provider();
    const { id } = await cloud.media.upload({ data: png, mimeType: 'image/png', filename: 'logo.png' });
    const info = await cloud.media.get(id);
    expect(info).toMatchObject({ id, mimeType: 'image/png', size: png.byteLength });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    await cloud.media.delete(id);
    await expect(cloud.media.get(id)).rejects.toSatisfy((e) => ApiError.isInstance(e));
  });

  it('templates: create (with examples), list with paging and a status filter, delete', async () => {
    const cloud = provider();
    await cloud.templates.create({
      name: 'appointment_reminder',
      language: 'en_US',
      category: 'utility',
      header: { format: 'text', text: 'Reminder' },
      body: { text: 'Hi {{1}}, see you on {{2}}.', examples: ['Ada', 'Monday'] },
      footer: { text: 'Reply STOP to opt out' },
      buttons: [{ type: 'quick_reply', text: 'Reschedule' }],
    });
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await cloud.templates.list({
        pageSize: 2,
        status: 'approved',
        ...(cursor ? { cursor } : {}),
      });
      names.push(...page.items.map((template) => template.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(
      expect.arrayContaining([
        'hello_world',
        'order_confirmation',
        'shipping_update',
        'appointment_reminder',
      ]),
    );
    const created = (await cloud.templates.list({ pageSize: 50 })).items.find(
      (t) => t.name === 'appointment_reminder',
    );
    expect(created).toMatchObject({
      parameterFormat: 'positional',
      parameterNames: ['1', '2'],
      category: 'utility',
    });
    await cloud.templates.delete('appointment_reminder');
    const after = await cloud.templates.list({ pageSize: 50 });
    expect(after.items.map((t) => t.name)).not.toContain('appointment_reminder');
  });

  it('phone numbers and the business profile', async () => {
    const cloud = provider();
    const numbers = await cloud.account.phoneNumbers();
    expect(numbers[0]).toMatchObject({ id: DEFAULT_CLOUD_PHONE_NUMBER.id, verifiedName: 'Lucky Shrub' });
    await cloud.account.updateBusinessProfile({
      about: 'Fresh succulents daily',
      websites: ['https://example.com'],
    });
    const profile = await cloud.account.businessProfile();
    expect(profile.about).toBe('Fresh succulents daily');
  });
});

describe('inbound messages through signed webhooks', () => {
  it('parses text, image, interactive replies and reactions from the emulator', async () => {
    await emulator.simulateInboundMessage({ from: CUSTOMER, name: 'Sheena', text: 'Does it come in blue?' });
    await emulator.simulateInboundMessage({
      from: CUSTOMER,
      message: {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
      },
    });
    await emulator.simulateInboundMessage({
      from: CUSTOMER,
      message: {
        type: 'image',
        image: { id: '1234567890', mime_type: 'image/jpeg', sha256: 'abc', caption: 'here' },
      },
    });
    const messages = events.filter((event): event is InboundMessageEvent => event.kind === 'message');
    expect(messages.map((event) => event.message.type)).toStrictEqual(['text', 'button_reply', 'image']);
    expect(messages[0]).toMatchObject({
      from: CUSTOMER,
      contactName: 'Sheena',
      phoneNumberId: DEFAULT_CLOUD_PHONE_NUMBER.id,
      businessAccountId: DEFAULT_CLOUD_BUSINESS_ACCOUNT_ID,
      message: { type: 'text', text: 'Does it come in blue?' },
    });
    expect(messages[1]?.message).toStrictEqual({ type: 'button_reply', id: 'yes', title: 'Yes' });
  });

  it('a failed status carries the error and its neutral category', async () => {
    const sent = await provider().send({ type: 'text', to: CUSTOMER, text: 'hi' });
    await emulator.flushWebhooks();
    events = [];
    await emulator.deliverStatus(sent.id, 'failed', { code: 131047, title: 'Re-engagement message' });
    const failed = events.find((event): event is InboundStatusEvent => event.kind === 'status');
    expect(failed).toMatchObject({
      messageId: sent.id,
      status: 'failed',
      error: { code: 131047, category: 'session_window_closed' },
    });
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

  it('unsupported calls never reach the API', async () => {
    await expect(provider().contacts.list()).rejects.toSatisfy((e) => UnsupportedFeatureError.isInstance(e));
  });
});
