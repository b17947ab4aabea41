import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../loopback-server.js';
import { callGraph, RECIPIENT, sendMessage, VERSION, WABA_ID } from './__fixtures__/cloud-test-kit.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

const emulator = createWhatsAppCloudEmulator();
let server: LoopbackServer;
const templatesPath = `/${VERSION}/${WABA_ID}/message_templates`;

beforeAll(async () => {
  server = await emulator.listen();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

/** Meta's create example (named parameters, every button kind). */
const namedDefinition = {
  name: 'order_update_named',
  language: 'en_US',
  category: 'UTILITY',
  parameter_format: 'NAMED',
  components: [
    {
      type: 'HEADER',
      format: 'TEXT',
      text: 'Order {{order_id}}',
      example: { header_text_named_params: [{ param_name: 'order_id', example: '12345' }] },
    },
    {
      type: 'BODY',
      text: 'Hi {{customer_name}}, your order is confirmed.',
      example: { body_text_named_params: [{ param_name: 'customer_name', example: 'John' }] },
    },
    { type: 'FOOTER', text: 'Thank you for your purchase' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Stop updates' },
        {
          type: 'URL',
          text: 'Track',
          url: 'https://example.com/track/{{1}}',
          example: ['https://example.com/track/12345'],
        },
        { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '16467043595' },
      ],
    },
  ],
};

describe('POST /{waba-id}/message_templates', () => {
  it('creates a named template as APPROVED (default) that can be sent at once', async () => {
    const result = await callGraph(server.url, 'POST', templatesPath, { json: namedDefinition });

    expect(result.status).toBe(200);
    expect(result.body).toStrictEqual({
      id: expect.stringMatching(/^\d{15,16}$/),
      status: 'APPROVED',
      category: 'UTILITY',
    });
    const send = await sendMessage(server.url, {
      messaging_product: 'whatsapp',
      to: RECIPIENT,
      type: 'template',
      template: {
        name: 'order_update_named',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: '566701' }] },
          { type: 'body', parameters: [{ type: 'text', parameter_name: 'customer_name', text: 'Mark' }] },
          { type: 'button', sub_type: 'url', index: 1, parameters: [{ type: 'text', text: '566701' }] },
        ],
      },
    });
    expect(send.status).toBe(200);
  });

  it('stores templates as PENDING when the emulator is configured so, and they cannot be sent', async () => {
    const reviewing = createWhatsAppCloudEmulator({ templateReviewStatus: 'PENDING' });
    await using reviewServer = await reviewing.listen();
    const result = await callGraph(reviewServer.url, 'POST', templatesPath, { json: namedDefinition });
    expect(result.body.status).toBe('PENDING');
    const send = await sendMessage(reviewServer.url, {
      messaging_product: 'whatsapp',
      to: RECIPIENT,
      type: 'template',
      template: { name: 'order_update_named', language: { code: 'en_US' } },
    });
    expect(send.body.error.code).toBe(132001);
    await reviewing.close();
  });

  it.each([
    ['a name with capitals', { name: 'Order-Update' }, /^Param name must be 1-512 characters/],
    [
      'an unknown category',
      { category: 'TRANSACTIONAL' },
      /^Param category must be one of MARKETING, UTILITY, AUTHENTICATION$/,
    ],
    [
      'a body without examples for its variables',
      { parameter_format: 'POSITIONAL', components: [{ type: 'BODY', text: 'Hi {{1}} and {{2}}' }] },
      /components\[0\]\.example\.body_text needs 2 example value/,
    ],
    [
      'positional variables with a gap',
      {
        parameter_format: 'POSITIONAL',
        components: [{ type: 'BODY', text: 'Hi {{1}} {{3}}', example: { body_text: [['a', 'b']] } }],
      },
      /without gaps/,
    ],
    [
      'named variables without named examples',
      { components: [{ type: 'BODY', text: 'Hi {{first_name}}' }] },
      /missing: first_name/,
    ],
    [
      'a footer with a variable',
      {
        components: [
          { type: 'BODY', text: 'Hi' },
          { type: 'FOOTER', text: 'Bye {{x}}' },
        ],
      },
      /must not contain variables/,
    ],
    ['no BODY component', { components: [{ type: 'FOOTER', text: 'Bye' }] }, /must contain a BODY component/],
    [
      'a URL button variable without an example',
      {
        components: [
          { type: 'BODY', text: 'Hi' },
          { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://x.example/{{1}}' }] },
        ],
      },
      /example is required/,
    ],
    [
      'two phone number buttons',
      {
        components: [
          { type: 'BODY', text: 'Hi' },
          {
            type: 'BUTTONS',
            buttons: [
              { type: 'PHONE_NUMBER', text: 'A', phone_number: '1' },
              { type: 'PHONE_NUMBER', text: 'B', phone_number: '2' },
            ],
          },
        ],
      },
      /at most 1 PHONE_NUMBER/,
    ],
  ])('rejects %s with 100 and details', async (_name, change, details) => {
    const result = await callGraph(server.url, 'POST', templatesPath, {
      json: { ...namedDefinition, ...change },
    });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe(100);
    expect(result.body.error.error_data.details).toMatch(details);
  });

  it('rejects a second template with the same name and language (subcode 2388024)', async () => {
    const definition = { ...namedDefinition, name: 'order_confirmation' };
    const result = await callGraph(server.url, 'POST', templatesPath, {
      json: { ...definition, parameter_format: 'POSITIONAL', components: [{ type: 'BODY', text: 'Hi' }] },
    });
    expect(result.body.error).toMatchObject({ code: 100, error_subcode: 2388024 });
  });
});
