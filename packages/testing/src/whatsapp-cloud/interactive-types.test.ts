import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../loopback-server.js';
import requests from './__fixtures__/cloud-interactive-requests.json' with { type: 'json' };
import { expectGraphError, type Loose, RECIPIENT, sendMessage } from './__fixtures__/cloud-test-kit.js';
import { createWhatsAppCloudEmulator } from './create-whatsapp-cloud-emulator.js';

// The interactive types Meta documents besides buttons and lists: CTA URL buttons and location requests
// (absent from Meta's OpenAPI file, added by the `cta-url-and-location-request` fix), products and Flows.

const emulator = createWhatsAppCloudEmulator();
let server: LoopbackServer;

beforeAll(async () => {
  server = await emulator.listen();
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const clone = <T>(value: T): Loose => structuredClone(value);

describe('POST /{phone-number-id}/messages: documented interactive types', () => {
  it.each([
    ['a CTA URL button with an image header', requests.ctaUrl],
    ['a location request', requests.locationRequest],
    ['a single-product message', requests.product],
    ['a multi-product message', requests.productList],
    ['a draft Flow by name', requests.flowByName],
    ['a published Flow by id', requests.flowById],
  ])('accepts %s', async (_name, body) => {
    const result = await sendMessage(server.url, body);
    expect(result.status).toBe(200);
    expect(emulator.state.messages[0]).toMatchObject({ type: 'interactive', waId: RECIPIENT, body });
  });

  it.each([
    [
      'a CTA URL that is not http(s)',
      (body: Loose) => {
        body.interactive.action.parameters.url = 'javascript:alert(1)';
      },
      /url/,
    ],
    [
      'a CTA button label over 20 characters',
      (body: Loose) => {
        body.interactive.action.parameters.display_text = 'x'.repeat(21);
      },
      /display_text/,
    ],
    [
      'a CTA URL message with a location action',
      (body: Loose) => {
        body.interactive.action = { name: 'send_location' };
      },
      /action\.name must be "cta_url"/,
    ],
  ])('rejects %s', async (_name, mutate, details) => {
    const body = clone(requests.ctaUrl);
    mutate(body);
    const result = await sendMessage(server.url, body);
    expect(result.status).toBe(400);
    expect(result.body.error.error_data.details).toMatch(details);
    expect(emulator.state.messages).toEqual([]);
  });

  it('rejects a location request with a header or without a body', async () => {
    const withHeader = clone(requests.locationRequest);
    withHeader.interactive.header = { type: 'text', text: 'Pickup' };
    expectGraphError(await sendMessage(server.url, withHeader), 400, 131009, /header is not supported/);
    const withoutBody = clone(requests.locationRequest);
    delete withoutBody.interactive.body;
    expectGraphError(
      await sendMessage(server.url, withoutBody),
      400,
      131008,
      /interactive\.body is required/,
    );
  });

  it('rejects a single product with a header, or without its product', async () => {
    const withHeader = clone(requests.product);
    withHeader.interactive.header = { type: 'text', text: 'Deal' };
    expectGraphError(await sendMessage(server.url, withHeader), 400, 131009, /header is not supported/);
    const withoutProduct = clone(requests.product);
    delete withoutProduct.interactive.action.product_retailer_id;
    expectGraphError(await sendMessage(server.url, withoutProduct), 400, 131008, /product_retailer_id/);
  });

  it('limits a multi-product message to 30 distinct products, under a text header', async () => {
    const tooMany = clone(requests.productList);
    tooMany.interactive.action.sections = [0, 1].map((section) => ({
      title: `S${section}`,
      product_items: Array.from({ length: 16 }, (_, i) => ({ product_retailer_id: `p${section}-${i}` })),
    }));
    expectGraphError(await sendMessage(server.url, tooMany), 400, 131009, /max allowed count: 30/);
    const twice = clone(requests.productList);
    twice.interactive.action.sections[1].product_items[0].product_retailer_id = 'SKU-LS-001';
    expectGraphError(await sendMessage(server.url, twice), 400, 131009, /appears twice/);
    const noHeader = clone(requests.productList);
    delete noHeader.interactive.header;
    expectGraphError(await sendMessage(server.url, noHeader), 400, 131008, /header is required/);
  });

  it('rejects a Flow naming both flow_id and flow_name', async () => {
    const both = clone(requests.flowById);
    both.interactive.action.parameters.flow_name = 'appointment_booking_v1';
    const result = await sendMessage(server.url, both);
    expect(result.status).toBe(400);
  });
});
