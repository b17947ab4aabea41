// Templates (positional and named), media, account endpoints and the Maton transport against the
// independent Cloud API emulator, which validates every request against Meta's OpenAPI description.
import { ApiError, AuthenticationError } from '@switchboard/core';
import { DEFAULT_CLOUD_PHONE_NUMBER } from '@switchboard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CloudEmulatorHarness,
  CUSTOMER,
  startCloudEmulatorHarness,
} from './__fixtures__/cloud-emulator-harness.js';

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

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

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

describe('templates with named parameters', () => {
  it('creates one with a named header (header_text_named_params), lists it and sends it by name', async () => {
    const cloud = provider();
    const created = await cloud.templates.create({
      name: 'order_ready_named',
      language: 'en_US',
      category: 'utility',
      header: { format: 'text', text: 'Order {{order_id}}', example: 'SKB-1' },
      body: { text: 'Hi {{customer_name}}, your order is ready.', examples: { customer_name: 'Ada' } },
      buttons: [{ type: 'quick_reply', text: 'Thanks' }],
    });
    expect(created).toMatchObject({ name: 'order_ready_named', status: 'approved', category: 'utility' });
    const listed = (await cloud.templates.list({ pageSize: 50 })).items.find(
      (template) => template.name === 'order_ready_named',
    );
    expect(listed).toMatchObject({
      parameterFormat: 'named',
      parameterNames: ['customer_name'],
      components: [
        { type: 'header', format: 'text', text: 'Order {{order_id}}' },
        { type: 'body', text: 'Hi {{customer_name}}, your order is ready.' },
        { type: 'buttons', buttons: [{ type: 'quick_reply', text: 'Thanks' }] },
      ],
    });

    const sent = await cloud.send({
      type: 'template',
      to: CUSTOMER,
      template: {
        name: 'order_ready_named',
        language: 'en_US',
        header: { type: 'text', text: 'SKB-42', name: 'order_id' },
        parameters: { customer_name: 'Grace' },
        buttons: [{ type: 'quick_reply', index: 0, payload: 'thanks-42' }],
      },
    });
    const body = harness.emulator.state.messages.find((message) => message.id === sent.id)?.body;
    expect(body?.template).toStrictEqual({
      name: 'order_ready_named',
      language: { code: 'en_US' },
      components: [
        { type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: 'SKB-42' }] },
        { type: 'body', parameters: [{ type: 'text', parameter_name: 'customer_name', text: 'Grace' }] },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '0',
          parameters: [{ type: 'payload', payload: 'thanks-42' }],
        },
      ],
    });
    await harness.emulator.flushWebhooks();
    expect(harness.statusesOf(sent.id)).toStrictEqual(['sent', 'delivered', 'read']);
    await cloud.templates.delete('order_ready_named');
  });
});

describe('the Maton transport on the emulator’s /whatsapp-business gateway path', () => {
  it('sends, uploads, lists templates and reads the account with the Maton key', async () => {
    const cloud = harness.matonProvider();
    const text = await cloud.send({ type: 'text', to: CUSTOMER, text: 'Via Maton' });
    const { id } = await cloud.media.upload({ data: png, mimeType: 'image/png' });
    const image = await cloud.send({ type: 'image', to: CUSTOMER, media: { id }, caption: 'Via Maton' });
    const templates = await cloud.templates.list({ status: 'approved' });
    const [number] = await cloud.account.phoneNumbers();
    expect(templates.items.map((template) => template.name)).toContain('hello_world');
    expect(number?.id).toBe(DEFAULT_CLOUD_PHONE_NUMBER.id);
    const stored = harness.emulator.state.messages.filter((message) =>
      [text.id, image.id].includes(message.id),
    );
    expect(stored.map((message) => message.body.type)).toStrictEqual(['text', 'image']);
    await harness.emulator.flushWebhooks();
    expect(harness.statusesOf(image.id)).toStrictEqual(['sent', 'delivered', 'read']);
  });

  it('a Maton key the gateway does not know is an AuthenticationError without the key', async () => {
    const error = await harness
      .matonProvider({ apiKey: 'maton-wrong-key-000' })
      .send({ type: 'text', to: CUSTOMER, text: 'hi' })
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(JSON.stringify((error as AuthenticationError).toJSON())).not.toContain('maton-wrong-key-000');
    expect((error as Error).message).not.toContain('maton-wrong-key-000');
  });
});
