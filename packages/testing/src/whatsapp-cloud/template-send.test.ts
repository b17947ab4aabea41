import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../loopback-server.js';
import requests from './__fixtures__/cloud-send-requests.json' with { type: 'json' };
import { type Loose, RECIPIENT, sendMessage, uploadMedia } from './__fixtures__/cloud-test-kit.js';
import { DEFAULT_CLOUD_TEMPLATES } from './cloud-defaults.js';
import type { EmulatorTemplate } from './cloud-emulator-types.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

const promo: EmulatorTemplate = {
  name: 'seasonal_promo',
  language: 'en_US',
  category: 'MARKETING',
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARb…'] } },
    { type: 'BODY', text: 'Our {{1}} sale starts now!', example: { body_text: [['summer']] } },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Unsubscribe' },
        { type: 'COPY_CODE', example: 'SAVE25' },
        {
          type: 'URL',
          text: 'Shop',
          url: 'https://example.com/shop/{{1}}',
          example: ['https://example.com/shop/summer'],
        },
      ],
    },
  ],
};
const paused: EmulatorTemplate = { ...promo, name: 'paused_promo', status: 'PAUSED' };
const pending: EmulatorTemplate = { ...promo, name: 'pending_promo', status: 'PENDING' };

const emulator = createWhatsAppCloudEmulator({
  templates: [...DEFAULT_CLOUD_TEMPLATES, promo, paused, pending],
});
let server: LoopbackServer;

beforeAll(async () => {
  server = await emulator.listen();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

function templateSend(name: string, components?: Loose[], language = 'en_US'): Loose {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: RECIPIENT,
    type: 'template',
    template: { name, language: { code: language }, ...(components === undefined ? {} : { components }) },
  };
}

async function promoComponents(buttons: Loose[]): Promise<Loose[]> {
  const upload = await uploadMedia(server.url, {
    bytes: new Uint8Array([0xff, 0xd8, 0xff]),
    type: 'image/jpeg',
    name: 'a.jpg',
  });
  return [
    { type: 'header', parameters: [{ type: 'image', image: { id: upload.body.id } }] },
    { type: 'body', parameters: [{ type: 'text', text: 'winter' }] },
    ...buttons,
  ];
}

const copyCode = {
  type: 'button',
  sub_type: 'copy_code',
  index: 1,
  parameters: [{ type: 'coupon_code', coupon_code: 'SAVE25' }],
};
const shopUrl = {
  type: 'button',
  sub_type: 'url',
  index: '2',
  parameters: [{ type: 'text', text: 'winter' }],
};

function expectError(result: { status: number; body: Loose }, status: number, code: number, details: RegExp) {
  expect(result.status).toBe(status);
  expect(result.body.error.code).toBe(code);
  expect(result.body.error.error_data.details).toMatch(details);
}

describe('template sends', () => {
  it('sends hello_world without components and answers message_status accepted', async () => {
    const result = await sendMessage(server.url, templateSend('hello_world'));

    expect(result.status).toBe(200);
    expect(result.body.messages).toStrictEqual([
      { id: expect.stringMatching(/^wamid\./), message_status: 'accepted' },
    ]);
    expect(emulator.state.messages[0]?.pricingCategory).toBe('utility');
  });

  it('sends the positional order_confirmation with its two body parameters', async () => {
    expect((await sendMessage(server.url, requests.templatePositional)).status).toBe(200);
  });

  it('sends the named shipping_update with parameter_name and the URL button suffix', async () => {
    expect((await sendMessage(server.url, requests.templateNamed)).status).toBe(200);
  });

  it('accepts the legacy language policy field Meta’s schema wrongly requires', async () => {
    const body = templateSend('hello_world');
    body.template.language.policy = 'deterministic';
    expect((await sendMessage(server.url, body)).status).toBe(200);
  });

  it('sends copy_code and quick reply buttons with index "0" or a number, and a media header by id', async () => {
    const components = await promoComponents([
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: '0',
        parameters: [{ type: 'payload', payload: 'STOP' }],
      },
      copyCode,
      shopUrl,
    ]);
    const result = await sendMessage(server.url, templateSend('seasonal_promo', components));
    expect(result.status).toBe(200);
    expect(emulator.state.messages[0]?.pricingCategory).toBe('marketing');
  });

  it.each([
    [
      'an unknown name',
      templateSend('no_such_template'),
      /^template name \(no_such_template\) does not exist in en_US$/,
    ],
    [
      'a language it does not exist in',
      templateSend('hello_world', undefined, 'pt_BR'),
      /does not exist in pt_BR/,
    ],
    ['a template still in review', templateSend('pending_promo'), /pending_promo/],
  ])('answers 404 / 132001 for %s', async (_name, body, details) => {
    const result = await sendMessage(server.url, body);
    expectError(result, 404, 132001, details);
    expect(result.body.error.message).toBe('(#132001) Template name does not exist in the translation');
  });

  it('answers 132015 for a paused template', async () => {
    expectError(await sendMessage(server.url, templateSend('paused_promo')), 400, 132015, /PAUSED/);
  });

  it('answers 132000 when the number of body parameters does not match the placeholders', async () => {
    const body = structuredClone(requests.templatePositional) as Loose;
    body.template.components[0].parameters.pop();
    const result = await sendMessage(server.url, body);
    expectError(
      result,
      400,
      132000,
      /^body: number of localizable_params \(1\) does not match the expected number of params \(2\)$/,
    );
  });

  it('answers 132000 for parameters sent to a template without placeholders', async () => {
    const body = templateSend('hello_world', [
      { type: 'body', parameters: [{ type: 'text', text: 'extra' }] },
    ]);
    expectError(
      await sendMessage(server.url, body),
      400,
      132000,
      /\(1\) does not match the expected number of params \(0\)/,
    );
  });

  it('answers 132000 naming missing and unexpected names of a named template', async () => {
    const body = structuredClone(requests.templateNamed) as Loose;
    body.template.components[0].parameters[1].parameter_name = 'order_id';
    expectError(
      await sendMessage(server.url, body),
      400,
      132000,
      /missing: order_number; unexpected: order_id/,
    );
  });

  it('answers 132012 when named and positional styles are mixed up', async () => {
    const named = structuredClone(requests.templateNamed) as Loose;
    delete named.template.components[0].parameters[0].parameter_name;
    expectError(await sendMessage(server.url, named), 400, 132012, /needs a parameter_name/);
    const positional = structuredClone(requests.templatePositional) as Loose;
    positional.template.components[0].parameters[0].parameter_name = 'first_name';
    expectError(await sendMessage(server.url, positional), 400, 132012, /parameter_name is not allowed/);
  });

  it('answers 132012 when a media header gets a text parameter', async () => {
    const components = await promoComponents([copyCode, shopUrl]);
    components[0] = { type: 'header', parameters: [{ type: 'text', text: 'Sale' }] };
    expectError(
      await sendMessage(server.url, templateSend('seasonal_promo', components)),
      400,
      132012,
      /^header: Format mismatch, expected IMAGE, received TEXT$/,
    );
  });

  it('answers 131009 for a button index the template does not have or of another kind', async () => {
    const wrongKind = await promoComponents([{ ...copyCode, index: 0 }, shopUrl]);
    expectError(
      await sendMessage(server.url, templateSend('seasonal_promo', wrongKind)),
      400,
      131009,
      /^Button at index 0 of type CopyCode does not exist$/,
    );
    const outOfRange = await promoComponents([copyCode, shopUrl, { ...shopUrl, index: '7' }]);
    expectError(
      await sendMessage(server.url, templateSend('seasonal_promo', outOfRange)),
      400,
      131009,
      /index 7 of type Url/,
    );
  });

  it('answers 131008 when a dynamic button gets no parameter', async () => {
    const components = await promoComponents([copyCode]);
    expectError(
      await sendMessage(server.url, templateSend('seasonal_promo', components)),
      400,
      131008,
      /^buttons: Button at index 2 of type Url requires a parameter$/,
    );
  });

  it('answers 131008 for an empty text parameter', async () => {
    const body = structuredClone(requests.templatePositional) as Loose;
    body.template.components[0].parameters[0].text = ' ';
    expectError(await sendMessage(server.url, body), 400, 131008, /missing text value/);
  });

  it('rejects a button index outside 0–9 with the schema path', async () => {
    const components = await promoComponents([copyCode, { ...shopUrl, index: '10' }]);
    expectError(
      await sendMessage(server.url, templateSend('seasonal_promo', components)),
      400,
      100,
      /^Param template\.components\[3\]\.index must match pattern/,
    );
  });
});
